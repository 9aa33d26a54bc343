/// Deterministic pseudo-random numbers keyed by position: each value is a hash of the seed,
/// the indices and a purpose (SplitMix64's finaliser), so no state is carried between draws —
/// the same seed gives the same county whatever the order of generation.
///
/// ```swift
/// let random = SampleRandom(seed: 7)
/// random.unit(3, 4, .jitterX)   // the same Double in [0, 1) every time
/// ```
struct SampleRandom: Sendable {
    /// What a draw is for, so that draws at one position do not repeat each other.
    enum Purpose: UInt64, Sendable {
        case jitterX = 1, jitterY, landUse, hamletX, hamletY, hamletRadius, population, facility, ridge, name
        /// The irregular shapes' edge points (`SampleCounty.Shapes.irregular`): their number on an
        /// edge, then each one's offset, keyed by the edge and the point's place on it.
        case bendsAcross, bendsAlong, bendOffset
    }

    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
    }

    /// A value in [0, 1).
    func unit(_ i: Int, _ j: Int = 0, _ purpose: Purpose) -> Double {
        Double(hash(i, j, purpose) >> 11) / Double(1 << 53)
    }

    /// An integer in `range`.
    func integer(_ i: Int, _ j: Int = 0, _ purpose: Purpose, in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(hash(i, j, purpose) % UInt64(range.count))
    }

    private func hash(_ i: Int, _ j: Int, _ purpose: Purpose) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (UInt64(bitPattern: Int64(i)) &* 0x1_0000_0001 &+ UInt64(bitPattern: Int64(j)) &* 0xBF58_476D &+ purpose.rawValue &* 0x94D0_49BB_1331_11EB)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
