import ZoningGeometry

/// A road centreline as the life-circle analysis reads it (from the roads layer).
public struct RoadLine: Sendable {
    /// A LineString or MultiLineString in the analysis CRS (metres).
    public var geometry: Geometry
    /// The road's class as the layer writes it (`residential`, `motorway`, `高速公路`); nil
    /// without a class field.
    public var roadClass: String?
    /// Which way it may be walked along its drawn direction.
    public var direction: RoadDirection
    /// A bridge or tunnel: it crosses other roads without meeting them, and joins the
    /// network only at its two end points.
    public var gradeSeparated: Bool
    /// Where it comes from in its layer, for messages: `record 12`.
    public var label: String

    public init(geometry: Geometry, roadClass: String? = nil, direction: RoadDirection = .both, gradeSeparated: Bool = false, label: String = "") {
        self.geometry = geometry
        self.roadClass = roadClass
        self.direction = direction
        self.gradeSeparated = gradeSeparated
        self.label = label
    }
}

/// The directions a road may be walked in, relative to the order of its vertices.
///
/// ```swift
/// RoadDirection(oneway: "yes")   // .forward
/// RoadDirection(oneway: "-1")    // .backward
/// RoadDirection(oneway: "no")    // .both
/// RoadDirection(oneway: "maybe") // nil: not understood
/// ```
public enum RoadDirection: String, Sendable, CaseIterable {
    case both, forward, backward

    /// Reads a `oneway` value as OpenStreetMap and offices write it: `yes`, `true`, `1`, `是`,
    /// `单向`, `forward` are forward; `-1`, `reverse`, `backward` are backward; `no`, `false`,
    /// `0`, `否`, `双向`, `both` and empty are both ways. Geofabrik's shapefiles write single
    /// letters: `F` forward (along the line), `T` backward (against it), `B` both. Anything
    /// else is nil, so that a value nobody understood is reported, not guessed.
    public init?(oneway text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "true", "1", "是", "单向", "forward", "f": self = .forward
        case "-1", "reverse", "backward", "t": self = .backward
        case "", "no", "false", "0", "否", "双向", "both", "b": self = .both
        default: return nil
        }
    }

    /// Whether a flag field's text means yes (`bridge`, `tunnel` fields): anything but empty,
    /// `no`, `false`, `0`, `F`, `N`, `否`, so `yes`, `T`, `是` and OpenStreetMap's kinds such as
    /// `viaduct` or `culvert` all mean yes.
    public static func isYes(_ text: String) -> Bool {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        return !["", "no", "false", "0", "f", "n", "否", "null"].contains(value)
    }

    /// Whether it may be walked from its first vertex towards its last.
    public var allowsForward: Bool { self != .backward }
    /// Whether it may be walked from its last vertex towards its first.
    public var allowsBackward: Bool { self != .forward }
}
