import Testing

@testable import Kernels

@Suite("The skinny linear kernel against the three-loop reference")
struct LinearTests {
  @Test(
    "skinny matmul matches the reference for every row remainder, both paths, one and two threads",
    arguments: [(1, 40, 1), (3, 40, 2), (4, 64, 1), (7, 384, 2), (9, 37, 1), (24, 16, 2)])
  func skinny(m: Int, k: Int, threads: Int) {
    let n = 131  // not a multiple of 3: exercises the single-column tail
    let ldy = n + 5
    let x = randomFloats(m * k, seed: 30)
    let w = randomFloats(n * k, seed: 31)
    var fast = randomFloats(m * ldy, seed: 32)
    var slow = fast
    x.withUnsafeBufferPointer { x in
      w.withUnsafeBufferPointer { w in
        fast.withUnsafeMutableBufferPointer {
          Kernels.skinnyMatmul($0, x, w, m: m, n: n, k: k, beta: 1, ldy: ldy, threads: threads)
        }
        slow.withUnsafeMutableBufferPointer {
          Kernels.naiveMatmul($0, x, w, m: m, n: n, k: k, transposeB: true, beta: 1, ldc: ldy)
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-4, "largest difference \(difference)")
  }

  @Test("linear gives the same result on both sides of the skinny row limit")
  func linearAcrossLimit() {
    let (n, k) = (50, 48)
    for m in [Kernels.skinnyRowLimit, Kernels.skinnyRowLimit + 1] {
      let x = randomFloats(m * k, seed: 33)
      let w = randomFloats(n * k, seed: 34)
      var fast = [Float](repeating: 0, count: m * n)
      var slow = fast
      x.withUnsafeBufferPointer { x in
        w.withUnsafeBufferPointer { w in
          fast.withUnsafeMutableBufferPointer { Kernels.linear($0, x, w, m: m, n: n, k: k) }
          slow.withUnsafeMutableBufferPointer {
            Kernels.naiveMatmul($0, x, w, m: m, n: n, k: k, transposeB: true)
          }
        }
      }
      #expect(largestDifference(fast, slow) < 1e-4)
    }
  }

  @Test("this machine class (Zen 3) takes the vectorised path")
  func vectorised() {
    #expect(Kernels.skinnyMatmulIsVectorised)
  }
}
