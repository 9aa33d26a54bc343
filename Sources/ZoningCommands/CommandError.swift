/// A problem with what a command was asked to do, found while running it (not a malformed
/// argument, which ArgumentParser reports with the usage). Printed as `Error: <message>`,
/// exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
