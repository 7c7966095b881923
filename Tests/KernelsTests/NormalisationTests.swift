import Testing

@testable import Kernels

@Suite("Layer norm and RMS norm against Double references")
struct NormalisationTests {
  @Test("layer norm matches the reference, also in place")
  func layerNorm() {
    let (rows, d) = (3, 389)  // not a multiple of 8: exercises the tail
    let x = randomFloats(rows * d, seed: 10, scale: 4).map { $0 + 3 }
    let w = randomFloats(d, seed: 11)
    let b = randomFloats(d, seed: 12)
    var fast = x
    var slow = [Float](repeating: 0, count: rows * d)
    w.withUnsafeBufferPointer { w in
      b.withUnsafeBufferPointer { b in
        fast.withUnsafeMutableBufferPointer { y in
          Kernels.layerNorm(
            y, UnsafeBufferPointer(y), weight: w, bias: b, rows: rows, dimension: d,
            epsilon: 1e-12)
        }
        x.withUnsafeBufferPointer { x in
          slow.withUnsafeMutableBufferPointer { y in
            Kernels.naiveLayerNorm(
              y, x, weight: w, bias: b, rows: rows, dimension: d, epsilon: 1e-12)
          }
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-4, "largest difference \(difference)")
  }

  @Test("RMS norm matches the reference")
  func rmsNorm() {
    let (rows, d) = (4, 67)
    let x = randomFloats(rows * d, seed: 13, scale: 3)
    let w = randomFloats(d, seed: 14)
    var fast = [Float](repeating: 0, count: rows * d)
    var slow = fast
    x.withUnsafeBufferPointer { x in
      w.withUnsafeBufferPointer { w in
        fast.withUnsafeMutableBufferPointer {
          Kernels.rmsNorm($0, x, weight: w, rows: rows, dimension: d, epsilon: 1e-6)
        }
        slow.withUnsafeMutableBufferPointer {
          Kernels.naiveRMSNorm($0, x, weight: w, rows: rows, dimension: d, epsilon: 1e-6)
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-5, "largest difference \(difference)")
  }
}
