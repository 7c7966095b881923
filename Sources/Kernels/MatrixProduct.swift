import CKernels

// Dimension letters: M rows of the output, N columns of the output, K the shared dimension.
// `op(X)` is X or its transpose. Leading dimensions (`lda`, `ldb`, `ldc`) are the distance in
// floats between consecutive stored rows; they default to the packed value, and a larger one
// addresses a column block of a wider matrix (one attention head inside the hidden state).

extension Kernels {
  /// `c = alpha · op(a) · op(b) + beta · c` with OpenBLAS `sgemm`, row-major.
  /// - c: (M, N), stride `ldc`
  /// - a: (M, K), or stored (K, M) when `transposeA`
  /// - b: (K, N), or stored (N, K) when `transposeB` (a linear layer's weight (out, in))
  public static func matmul(
    _ c: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>,
    m: Int, n: Int, k: Int,
    transposeA: Bool = false, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0,
    lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
  ) {
    let lda = lda ?? (transposeA ? m : k)
    let ldb = ldb ?? (transposeB ? k : n)
    let ldc = ldc ?? n
    if m == 0 || n == 0 { return }
    checkStored(a.count, rows: transposeA ? k : m, columns: transposeA ? m : k, stride: lda, "a")
    checkStored(b.count, rows: transposeB ? n : k, columns: transposeB ? k : n, stride: ldb, "b")
    checkStored(c.count, rows: m, columns: n, stride: ldc, "c")
    matmul(
      c.baseAddress!, a.baseAddress!, b.baseAddress!, m: m, n: n, k: k,
      transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
      lda: lda, ldb: ldb, ldc: ldc)
  }

  /// `matmul` on raw pointers, for blocks inside larger buffers (one attention head of the hidden
  /// state); the caller answers for the sizes, which are not checked.
  public static func matmul(
    _ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    m: Int, n: Int, k: Int,
    transposeA: Bool = false, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0,
    lda: Int, ldb: Int, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    OpenBLAS.shared.sgemm(
      OpenBLAS.rowMajor, transposeA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
      transposeB ? OpenBLAS.transpose : OpenBLAS.noTranspose,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// Reference for `matmul`: three loops, accumulating in Double.
  public static func naiveMatmul(
    _ c: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>,
    m: Int, n: Int, k: Int,
    transposeA: Bool = false, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0,
    lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
  ) {
    let lda = lda ?? (transposeA ? m : k)
    let ldb = ldb ?? (transposeB ? k : n)
    let ldc = ldc ?? n
    for i in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for p in 0..<k {
          let aValue = transposeA ? a[p * lda + i] : a[i * lda + p]
          let bValue = transposeB ? b[j * ldb + p] : b[p * ldb + j]
          sum += Double(aValue) * Double(bValue)
        }
        let previous = beta == 0 ? 0 : beta * c[i * ldc + j]
        c[i * ldc + j] = alpha * Float(sum) + previous
      }
    }
  }

  /// `y = alpha · op(a) · x + beta · y` with OpenBLAS `sgemv`, row-major.
  /// - a: stored (M, N)
  /// - x: (N), or (M) when `transpose`
  /// - y: (M), or (N) when `transpose`
  public static func matvec(
    _ y: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
    m: Int, n: Int, transpose: Bool = false, alpha: Float = 1, beta: Float = 0
  ) {
    if m == 0 || n == 0 { return }
    checkStored(a.count, rows: m, columns: n, stride: n, "a")
    precondition(x.count >= (transpose ? m : n), "x has \(x.count) floats, too few")
    precondition(y.count >= (transpose ? n : m), "y has \(y.count) floats, too few")
    matvec(
      y.baseAddress!, a.baseAddress!, x.baseAddress!, m: m, n: n, transpose: transpose,
      alpha: alpha, beta: beta, lda: n)
  }

  /// `matvec` on raw pointers with a row stride `lda` (a matrix stored inside a wider one); the
  /// caller answers for the sizes, which are not checked.
  public static func matvec(
    _ y: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
    m: Int, n: Int, transpose: Bool = false, alpha: Float = 1, beta: Float = 0, lda: Int
  ) {
    if m == 0 || n == 0 { return }
    OpenBLAS.shared.sgemv(
      OpenBLAS.rowMajor, transpose ? OpenBLAS.transpose : OpenBLAS.noTranspose, Int32(m),
      Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
  }

  /// Reference for `matvec`.
  public static func naiveMatvec(
    _ y: UnsafeMutableBufferPointer<Float>,
    _ a: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>,
    m: Int, n: Int, transpose: Bool = false, alpha: Float = 1, beta: Float = 0
  ) {
    let outputs = transpose ? n : m
    let inputs = transpose ? m : n
    for i in 0..<outputs {
      var sum = 0.0
      for j in 0..<inputs {
        let aValue = transpose ? a[j * n + i] : a[i * n + j]
        sum += Double(aValue) * Double(x[j])
      }
      y[i] = alpha * Float(sum) + (beta == 0 ? 0 : beta * y[i])
    }
  }

  private static func checkStored(
    _ count: Int, rows: Int, columns: Int, stride: Int, _ name: StaticString
  ) {
    precondition(stride >= columns, "\(name): stride \(stride) is less than \(columns) columns")
    if rows == 0 || columns == 0 { return }
    let needed = (rows - 1) * stride + columns
    precondition(count >= needed, "\(name): needs \(needed) floats, buffer has \(count)")
  }
}
