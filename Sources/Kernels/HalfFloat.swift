import CKernels
import Dispatch

// Weights stored as IEEE binary16 for the few-row products, which are bound by reading the
// weight: half the bytes, and the whole MiniLM encoder (21 MB) fits the 32 MB L3.
// Letters: M rows, K inputs, N outputs.

extension Kernels {
  /// output[i] = binary16(input[i]), rounding to nearest even; out-of-range values become ±∞.
  public static func convertToHalf(
    _ output: UnsafeMutableBufferPointer<UInt16>, _ input: UnsafeBufferPointer<Float>
  ) {
    precondition(output.count >= input.count)
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    cricq_floats_to_halves(y, x, input.count)
  }

  /// The float value of a binary16 bit pattern.
  public static func halfToFloat(_ half: UInt16) -> Float { cricq_half_to_float(half) }

  /// `y = x · wᵀ + beta · y` with w in binary16, by the skinny kernel.
  /// - y: (M, N), rows `ldy` apart; x: (M, K); w: (N, K) binary16
  public static func skinnyMatmul(
    _ y: UnsafeMutableBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
    halfWeight w: UnsafeBufferPointer<UInt16>, m: Int, n: Int, k: Int, beta: Float = 0,
    ldy: Int? = nil, threads: Int = 1
  ) {
    let ldy = ldy ?? n
    if m == 0 || n == 0 { return }
    precondition(x.count >= m * k, "x: needs \(m * k) floats, buffer has \(x.count)")
    precondition(w.count >= n * k, "w: needs \(n * k) halves, buffer has \(w.count)")
    precondition(ldy >= n && y.count >= (m - 1) * ldy + n, "y: too small for (\(m), \(n))")
    let (yBase, xBase, wBase) = (y.baseAddress!, x.baseAddress!, w.baseAddress!)
    let parts = max(1, min(threads, n / 64))
    if parts == 1 {
      cricq_skinny_matmul_f16(
        yBase, xBase, wBase, Int32(m), Int32(k), Int32(ldy), beta, 0, Int32(n))
      return
    }
    let addresses = (Int(bitPattern: yBase), Int(bitPattern: xBase), Int(bitPattern: wBase))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      // Split on multiples of 3 columns, the kernel's block width.
      let begin = part == 0 ? 0 : (n * part / parts) / 3 * 3
      let end = part == parts - 1 ? n : (n * (part + 1) / parts) / 3 * 3
      cricq_skinny_matmul_f16(
        UnsafeMutablePointer(bitPattern: addresses.0)!, UnsafePointer(bitPattern: addresses.1)!,
        UnsafePointer(bitPattern: addresses.2)!, Int32(m), Int32(k), Int32(ldy), beta,
        Int32(begin), Int32(end))
    }
  }
}
