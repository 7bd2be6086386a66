/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives
/// the same corpus on every machine (`CorpusGenerator`), the same probe profiles
/// (`RuleWeakening`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func unit() -> Double { Double.random(in: 0..<1, using: &self) }
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `k` distinct elements in random order.
    public mutating func sample<T>(_ items: [T], _ k: Int) -> [T] {
        var pool = items
        var out: [T] = []
        for _ in 0..<min(k, pool.count) {
            out.append(pool.swapAt(int(0...(pool.count - 1)), pool.count - 1, removeLast: ()))
        }
        return out
    }
}

extension Array {
    fileprivate mutating func swapAt(_ i: Int, _ j: Int, removeLast: Void) -> Element {
        swapAt(i, j)
        return self.removeLast()
    }
}
