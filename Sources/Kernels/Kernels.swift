import CKernels

/// Numerical kernels shared by the embedder and the decoder: matrix products, norms, softmax,
/// activations. Both models import this target; neither imports the other.
///
/// Conventions (as in llm.c): outputs first, then inputs, then dimensions. Matrices are
/// row-major; a shape comment `(M, N)` means M rows of N contiguous floats. Each optimised kernel
/// has a `naive…` reference beside it that the tests compare against.
///
/// Buffer sizes are checked with `precondition`: a wrong size is a programming error in the
/// caller, never something a user or a file can cause.
public enum Kernels {
  /// Sets how many threads OpenBLAS uses for matrix products (cricq's default is 2, the
  /// machine's core count). Call before the first product; later calls also take effect.
  public static func setThreadCount(_ count: Int) {
    precondition(count >= 1, "thread count must be at least 1, got \(count)")
    OpenBLAS.shared.setThreadCount(Int32(count))
  }

  /// The number of threads OpenBLAS will use.
  public static var threadCount: Int { Int(OpenBLAS.shared.threadCount()) }

  /// The kernel family OpenBLAS runs on this CPU ("SkylakeX", "Haswell", ...), for benchmarks.
  public static var blasCoreName: String { OpenBLAS.shared.coreName }

  /// The thread count cricq uses unless told otherwise.
  public static let defaultThreadCount = 2
}
