import CKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// OpenBLAS, opened at first use instead of linked, so that cricq can choose its kernel family
/// before the library's start-up code reads `OPENBLAS_CORETYPE`: Debian's 0.3.21 takes newer
/// Xeons for a 2004 Pentium 4 ("Prescott") and runs `sgemm` three times slower than it can.
/// A user's own `OPENBLAS_CORETYPE` is left as it is.
struct OpenBLAS: @unchecked Sendable {  // immutable C function pointers, set once
  typealias Sgemm = @convention(c) (
    Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
    UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
  ) -> Void
  typealias Sgemv = @convention(c) (
    Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
    Float, UnsafeMutablePointer<Float>?, Int32
  ) -> Void

  // CBLAS enumerations (cblas.h).
  static let rowMajor: Int32 = 101
  static let noTranspose: Int32 = 111
  static let transpose: Int32 = 112

  let sgemm: Sgemm
  let sgemv: Sgemv
  let setThreadCount: @convention(c) (Int32) -> Void
  let threadCount: @convention(c) () -> Int32
  /// The kernel family OpenBLAS runs, e.g. "SkylakeX".
  let coreName: String

  static let shared = OpenBLAS()

  /// The shared objects tried in order: Debian's alternatives link, then the pthread build.
  static let libraryNames = [
    "libopenblas.so.0", "libopenblas.so", "libopenblasp-r0.3.21.so", "libopenblas.dylib",
  ]

  private init() {
    if getenv("OPENBLAS_CORETYPE") == nil, let core = cricq_openblas_core_for_cpu() {
      setenv("OPENBLAS_CORETYPE", core, 0)
    }
    guard let handle = Self.libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_GLOBAL) }).first
    else {
      fatalError(
        "cricq needs OpenBLAS and could not open it (\(Self.libraryNames.joined(separator: ", "))): "
          + "install Debian's libopenblas0 (scripts/setup does)")
    }
    func symbol<T>(_ name: String, as type: T.Type) -> T {
      guard let address = dlsym(handle, name) else {
        fatalError("the OpenBLAS library has no \(name): is it a CBLAS build?")
      }
      return unsafeBitCast(address, to: type)
    }
    sgemm = symbol("cblas_sgemm", as: Sgemm.self)
    sgemv = symbol("cblas_sgemv", as: Sgemv.self)
    setThreadCount = symbol("openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self)
    threadCount = symbol("openblas_get_num_threads", as: (@convention(c) () -> Int32).self)
    let name = symbol(
      "openblas_get_corename", as: (@convention(c) () -> UnsafePointer<CChar>?).self)()
    coreName = name.map { String(cString: $0) } ?? "unknown"
  }
}
