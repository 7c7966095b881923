import Foundation

// Dimension letters: R rows, C columns (the softmax runs along each row).

extension Kernels {
  /// Softmax of each row, in place, subtracting the row's maximum first so `exp` cannot
  /// overflow. A row whose entries are all `-infinity` (fully masked) becomes zeros.
  /// - x: (R, C), rows `stride` floats apart (defaults to C)
  public static func softmax(
    _ x: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int, stride: Int? = nil
  ) {
    let stride = stride ?? columns
    if rows == 0 || columns == 0 { return }
    precondition(x.count >= (rows - 1) * stride + columns)
    guard let base = x.baseAddress else { return }
    for r in 0..<rows {
      let row = base + r * stride
      var maximum = -Float.infinity
      for i in 0..<columns { maximum = max(maximum, row[i]) }
      if maximum == -.infinity {
        for i in 0..<columns { row[i] = 0 }
        continue
      }
      var total: Float = 0
      for i in 0..<columns {
        let e = expf(row[i] - maximum)
        row[i] = e
        total += e
      }
      let inverse = 1 / total
      for i in 0..<columns { row[i] *= inverse }
    }
  }

  /// Reference for `softmax`, in Double, without the maximum shift.
  public static func naiveSoftmax(
    _ x: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int, stride: Int? = nil
  ) {
    let stride = stride ?? columns
    for r in 0..<rows {
      let exps = (0..<columns).map { Foundation.exp(Double(x[r * stride + $0])) }
      let total = exps.reduce(0, +)
      for i in 0..<columns {
        x[r * stride + i] = total == 0 ? 0 : Float(exps[i] / total)
      }
    }
  }
}
