import ArgumentParser

/// `zoning info FILE`: what a layer holds.
public struct Info: ParsableCommand {
    public static let configuration = CommandConfiguration(abstract: "Describe a layer.")
    @Argument(help: "The layer file.") var file: String
    public init() {}
    public func run() throws {}
}
