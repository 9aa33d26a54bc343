/// Disjoint sets with path halving and union by size: the parcels within the gap of each
/// other, in process and across county lines in the PostGIS engine.
///
/// ```swift
/// var sets = UnionFind(count: 3)
/// sets.union(0, 2)
/// sets.find(2) == sets.find(0)   // true
/// ```
public struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    public init(count: Int) {
        parent = Array(0..<count)
        size = [Int](repeating: 1, count: count)
    }

    public mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    public mutating func union(_ a: Int, _ b: Int) {
        var a = find(a), b = find(b)
        if a == b { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
}
