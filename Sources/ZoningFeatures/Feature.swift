import ZoningGeometry
import ZoningSupport

/// One record of a layer: a geometry (nil for a record without one) and attributes in schema
/// order.
///
/// ```swift
/// let name = feature.attributes[schema.index(of: "XZQMC")!].stringValue
/// ```
public struct Feature: Sendable {
    /// The record's position in its file, from 0.
    public var id: Int
    public var geometry: Geometry?
    public var attributes: [AttributeValue]

    public init(id: Int, geometry: Geometry?, attributes: [AttributeValue]) {
        self.id = id
        self.geometry = geometry
        self.attributes = attributes
    }
}
