import ZoningFeatures
import ZoningShapefile

extension Field {
    /// The column a DBF field becomes: C → string, N with no decimals → integer, other N and F
    /// → real, D → date, L → boolean; unknown letters are read as strings.
    public init(_ definition: FieldDefinition) {
        let type: ValueType =
            switch definition.kind {
            case .character?, nil: .string
            case .numeric? where definition.decimals == 0: .integer
            case .numeric?, .float?: .real
            case .date?: .date
            case .logical?: .boolean
            }
        self.init(name: definition.name, type: type, width: definition.width, precision: definition.decimals)
    }
}
