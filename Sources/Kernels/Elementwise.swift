import Foundation

// Activations and sums over N contiguous floats. Each may run in place.

extension Kernels {
  /// GELU in the exact erf form BERT uses: `0.5 · x · (1 + erf(x / √2))`.
  public static func gelu(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>, count: Int
  ) {
    precondition(input.count >= count && output.count >= count)
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    let inverseRoot2: Float = 0.70710678118654752
    for i in 0..<count {
      let v = x[i]
      y[i] = 0.5 * v * (1 + erff(v * inverseRoot2))
    }
  }

  /// Reference for `gelu`, in Double.
  public static func naiveGELU(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>, count: Int
  ) {
    for i in 0..<count {
      let v = Double(input[i])
      output[i] = Float(0.5 * v * (1 + Foundation.erf(v / 2.0.squareRoot())))
    }
  }

  /// SiLU (swish): `x · sigmoid(x)`.
  public static func silu(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>, count: Int
  ) {
    precondition(input.count >= count && output.count >= count)
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    for i in 0..<count {
      let v = x[i]
      y[i] = v / (1 + expf(-v))
    }
  }

  /// Reference for `silu`, in Double.
  public static func naiveSiLU(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>, count: Int
  ) {
    for i in 0..<count {
      let v = Double(input[i])
      output[i] = Float(v / (1 + Foundation.exp(-v)))
    }
  }

  /// `output = a + b`, element by element.
  public static func add(
    _ output: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, count: Int
  ) {
    precondition(a.count >= count && b.count >= count && output.count >= count)
    guard let x = a.baseAddress, let z = b.baseAddress, let y = output.baseAddress else { return }
    for i in 0..<count { y[i] = x[i] + z[i] }
  }

  /// Reference for `add`.
  public static func naiveAdd(
    _ output: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, count: Int
  ) {
    for i in 0..<count { output[i] = a[i] + b[i] }
  }

  /// Adds `bias` to every row, in place (the bias of a linear layer).
  /// - x: (R, C); bias: (C)
  public static func addRowBias(
    _ x: UnsafeMutableBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
    rows: Int, columns: Int
  ) {
    precondition(x.count >= rows * columns && bias.count >= columns)
    guard let y = x.baseAddress, let b = bias.baseAddress else { return }
    for r in 0..<rows {
      let row = y + r * columns
      for i in 0..<columns { row[i] += b[i] }
    }
  }
}
