/// Optimal-string-alignment distance (Levenshtein plus swaps of neighbours) on bytes, with an
/// early exit once every cell of a row exceeds `limit`.
enum EditDistance {
  static func damerau(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var prev2 = [Int](repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var row = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      row[0] = i
      var best = row[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var v = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
        row[j] = v
        best = min(best, v)
      }
      if best > limit { return limit + 1 }
      (prev2, prev, row) = (prev, row, prev2)
    }
    return prev[b.count]
  }
}
