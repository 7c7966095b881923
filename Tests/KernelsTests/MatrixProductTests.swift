import Testing

@testable import Kernels

@Suite("sgemm and sgemv against three-loop references")
struct MatrixProductTests {
  @Test(
    "matmul matches the reference for every transpose combination",
    arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmulTransposes(transposeA: Bool, transposeB: Bool) {
    let (m, n, k) = (7, 13, 29)
    let a = randomFloats(m * k, seed: 1)
    let b = randomFloats(k * n, seed: 2)
    var fast = randomFloats(m * n, seed: 3)
    var slow = fast
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        fast.withUnsafeMutableBufferPointer { c in
          Kernels.matmul(
            c, a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
            alpha: 0.5, beta: 2)
        }
        slow.withUnsafeMutableBufferPointer { c in
          Kernels.naiveMatmul(
            c, a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
            alpha: 0.5, beta: 2)
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-4, "largest difference \(difference)")
  }

  @Test("matmul with strides multiplies a column block of a wider matrix")
  func matmulStrided() {
    // q: (T, 3·H) holding three heads; multiply head 1 (columns H..<2H) by its transpose.
    let (t, h) = (5, 8)
    let q = randomFloats(t * 3 * h, seed: 4)
    var fast = [Float](repeating: 0, count: t * t)
    var slow = fast
    q.withUnsafeBufferPointer { q in
      let head = UnsafeBufferPointer(rebasing: q[h...])
      fast.withUnsafeMutableBufferPointer { c in
        Kernels.matmul(c, head, head, m: t, n: t, k: h, transposeB: true, lda: 3 * h, ldb: 3 * h)
      }
      slow.withUnsafeMutableBufferPointer { c in
        Kernels.naiveMatmul(
          c, head, head, m: t, n: t, k: h, transposeB: true, lda: 3 * h, ldb: 3 * h)
      }
    }
    var direct = [Float](repeating: 0, count: t * t)
    for i in 0..<t {
      for j in 0..<t {
        direct[i * t + j] = (0..<h).reduce(Float(0)) {
          $0 + q[i * 3 * h + h + $1] * q[j * 3 * h + h + $1]
        }
      }
    }
    #expect(largestDifference(fast, slow) < 1e-5)
    #expect(largestDifference(slow, direct) < 1e-5)
  }

  @Test("matvec matches the reference, plain and transposed", arguments: [false, true])
  func matvec(transpose: Bool) {
    let (m, n) = (11, 37)
    let a = randomFloats(m * n, seed: 5)
    let x = randomFloats(transpose ? m : n, seed: 6)
    var fast = randomFloats(transpose ? n : m, seed: 7)
    var slow = fast
    a.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { x in
        fast.withUnsafeMutableBufferPointer {
          Kernels.matvec($0, a, x, m: m, n: n, transpose: transpose, alpha: 2, beta: 1)
        }
        slow.withUnsafeMutableBufferPointer {
          Kernels.naiveMatvec($0, a, x, m: m, n: n, transpose: transpose, alpha: 2, beta: 1)
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-4, "largest difference \(difference)")
  }

  @Test("the OpenBLAS thread count can be set and read back")
  func threadCount() {
    Kernels.setThreadCount(1)
    #expect(Kernels.threadCount == 1)
    Kernels.setThreadCount(Kernels.defaultThreadCount)
    #expect(Kernels.threadCount == Kernels.defaultThreadCount)
  }
}
