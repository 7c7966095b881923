import CKernels
import Dispatch

// Dimension letters: M rows (tokens), K inputs, N outputs.

extension Kernels {
  /// At or below this many rows `linear` uses the skinny kernel (reads the weight once, in
  /// place); above it, OpenBLAS sgemm, whose weight packing is then amortised over the rows.
  public static let skinnyRowLimit = 24

  /// A linear layer without its bias: `y = x · wᵀ + beta · y`.
  /// - y: (M, N), rows `ldy` floats apart (defaults to N)
  /// - x: (M, K); w: (N, K), a weight stored (out, in)
  /// - threads: column blocks run in parallel on this many threads (skinny path only)
  public static func linear(
    _ y: UnsafeMutableBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
    _ w: UnsafeBufferPointer<Float>, m: Int, n: Int, k: Int, beta: Float = 0, ldy: Int? = nil,
    threads: Int = 1
  ) {
    let ldy = ldy ?? n
    if m > skinnyRowLimit {
      matmul(y, x, w, m: m, n: n, k: k, transposeB: true, beta: beta, ldc: ldy)
      return
    }
    skinnyMatmul(y, x, w, m: m, n: n, k: k, beta: beta, ldy: ldy, threads: threads)
  }

  /// `y = x · wᵀ + beta · y` by the skinny kernel (C, AVX2 + FMA when the CPU has them).
  public static func skinnyMatmul(
    _ y: UnsafeMutableBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
    _ w: UnsafeBufferPointer<Float>, m: Int, n: Int, k: Int, beta: Float = 0, ldy: Int? = nil,
    threads: Int = 1
  ) {
    let ldy = ldy ?? n
    if m == 0 || n == 0 { return }
    precondition(x.count >= m * k, "x: needs \(m * k) floats, buffer has \(x.count)")
    precondition(w.count >= n * k, "w: needs \(n * k) floats, buffer has \(w.count)")
    precondition(ldy >= n && y.count >= (m - 1) * ldy + n, "y: too small for (\(m), \(n))")
    let (yBase, xBase, wBase) = (y.baseAddress!, x.baseAddress!, w.baseAddress!)
    let parts = max(1, min(threads, n / 64))
    if parts == 1 {
      cricq_skinny_matmul(
        yBase, xBase, wBase, Int32(m), Int32(n), Int32(k), Int32(ldy), beta, 0, Int32(n))
      return
    }
    // Column blocks are disjoint, so the threads write disjoint parts of y.
    let addresses = (Int(bitPattern: yBase), Int(bitPattern: xBase), Int(bitPattern: wBase))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      // Split on multiples of 3 columns, the kernel's block width.
      let begin = part == 0 ? 0 : (n * part / parts) / 3 * 3
      let end = part == parts - 1 ? n : (n * (part + 1) / parts) / 3 * 3
      cricq_skinny_matmul(
        UnsafeMutablePointer(bitPattern: addresses.0)!, UnsafePointer(bitPattern: addresses.1)!,
        UnsafePointer(bitPattern: addresses.2)!, Int32(m), Int32(n), Int32(k), Int32(ldy), beta,
        Int32(begin), Int32(end))
    }
  }

  /// Whether `skinnyMatmul` runs its AVX2 + FMA path on this machine.
  public static var skinnyMatmulIsVectorised: Bool { cricq_skinny_matmul_is_vectorised() != 0 }
}
