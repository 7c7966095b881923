import CKernels
import Dispatch
import Foundation

// Activations and sums over N contiguous floats. Each may run in place.

extension Kernels {
  /// GELU in the erf form BERT uses: `0.5 · x · (1 + erf(x / √2))`, not the tanh
  /// approximation. Vectorised in C (AVX2 + FMA; erf to within 1.5e-7), split over `threads`.
  public static func gelu(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>, count: Int,
    threads: Int = 1
  ) {
    precondition(input.count >= count && output.count >= count)
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    let parts = max(1, min(threads, count / 16384))
    if parts == 1 {
      cricq_gelu(y, x, count)
      return
    }
    let addresses = (Int(bitPattern: y), Int(bitPattern: x))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      // Split on multiples of 8 so every part but the last runs whole vectors.
      let begin = (count * part / parts) & ~7
      let end = part == parts - 1 ? count : (count * (part + 1) / parts) & ~7
      cricq_gelu(
        UnsafeMutablePointer<Float>(bitPattern: addresses.0)! + begin,
        UnsafePointer<Float>(bitPattern: addresses.1)! + begin, end - begin)
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
