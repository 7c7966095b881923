import Testing

@testable import Kernels

@Suite("Half-float weights: conversion and the skinny product")
struct HalfFloatTests {
  @Test("conversion rounds like Swift's Float16, including subnormals, overflow and the tail")
  func conversion() {
    var values = randomFloats(1003, seed: 40, scale: 4)
    values += [0, -0.0, 1, 65504, 65520, 1e5, -1e5, 1e-8, 6e-8, 3e-5, .infinity, -.infinity]
    var halves = [UInt16](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { x in
      halves.withUnsafeMutableBufferPointer { Kernels.convertToHalf($0, x) }
    }
    let expected = values.map { Float16($0).bitPattern }
    let wrong = zip(values, zip(halves, expected)).filter { $1.0 != $1.1 }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    let back = halves.map(Kernels.halfToFloat)
    #expect(zip(back, expected).allSatisfy { $0 == Float(Float16(bitPattern: $1)) })
    #expect(Kernels.halfToFloat(0x0001) == Float(Float16(bitPattern: 1)))  // smallest subnormal
  }

  @Test(
    "the half-weight skinny product matches the reference on the decoded weights",
    arguments: [(1, 40, 1), (6, 384, 2), (9, 36, 1)])
  func product(m: Int, k: Int, threads: Int) {
    let n = 131
    let x = randomFloats(m * k, seed: 41)
    let weights = randomFloats(n * k, seed: 42)
    var halves = [UInt16](repeating: 0, count: n * k)
    weights.withUnsafeBufferPointer { w in
      halves.withUnsafeMutableBufferPointer { Kernels.convertToHalf($0, w) }
    }
    let decoded = halves.map(Kernels.halfToFloat)
    var fast = randomFloats(m * n, seed: 43)
    var slow = fast
    x.withUnsafeBufferPointer { x in
      halves.withUnsafeBufferPointer { h in
        fast.withUnsafeMutableBufferPointer {
          Kernels.skinnyMatmul($0, x, halfWeight: h, m: m, n: n, k: k, beta: 1, threads: threads)
        }
      }
      decoded.withUnsafeBufferPointer { w in
        slow.withUnsafeMutableBufferPointer {
          Kernels.naiveMatmul($0, x, w, m: m, n: n, k: k, transposeB: true, beta: 1)
        }
      }
    }
    let difference = largestDifference(fast, slow)
    #expect(difference < 1e-4, "largest difference \(difference)")
  }
}
