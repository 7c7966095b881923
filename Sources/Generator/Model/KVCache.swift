/// Keys and values of the positions seen so far, for every layer.
///
/// A value type: copying it is cheap until one copy is appended to (copy-on-write), so a
/// shared prompt prefix can be computed once and forked per question or beam; `truncate(to:)`
/// rewinds to a prefix. Layout per layer: `capacity` rows of `kvWidth` floats (keys, then the
/// same for values), so one head's keys are rows with stride kvWidth.
public struct KVCache: Sendable {
  /// Positions stored (the next token's position).
  public private(set) var count: Int = 0
  /// Positions that fit before the cache grows (growing copies everything once).
  public private(set) var capacity: Int
  let layerCount: Int
  let kvWidth: Int
  var keys: [Float]
  var values: [Float]

  init(layerCount: Int, kvWidth: Int, capacity: Int) {
    self.layerCount = layerCount
    self.kvWidth = kvWidth
    self.capacity = capacity
    keys = [Float](repeating: 0, count: layerCount * capacity * kvWidth)
    values = keys
  }

  /// Forgets every position from `length` on.
  public mutating func truncate(to length: Int) {
    precondition(length >= 0 && length <= count, "truncate(to: \(length)) with \(count) positions")
    count = length
  }

  /// Positions still free.
  public var remaining: Int { capacity - count }

  /// Offset of (layer, position) in `keys`/`values`.
  @inline(__always) func offset(layer: Int, position: Int) -> Int {
    (layer * capacity + position) * kvWidth
  }

  /// Makes room for `n` more positions, doubling the capacity when it is short.
  mutating func reserve(_ n: Int) {
    guard count + n > capacity else { return }
    let newCapacity = max(count + n, capacity * 2)
    var newKeys = [Float](repeating: 0, count: layerCount * newCapacity * kvWidth)
    var newValues = newKeys
    for layer in 0..<layerCount {
      let from = layer * capacity * kvWidth
      let to = layer * newCapacity * kvWidth
      let n = count * kvWidth
      newKeys[to..<(to + n)] = keys[from..<(from + n)]
      newValues[to..<(to + n)] = values[from..<(from + n)]
    }
    keys = newKeys
    values = newValues
    capacity = newCapacity
  }

  /// Records that `n` more positions were written by the forward pass.
  mutating func advance(by n: Int) { count += n }
}
