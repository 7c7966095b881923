import Testing

@testable import Kernels

@Suite("Softmax, activations and sums against Double references")
struct ElementwiseTests {
  @Test("softmax matches the reference and each row sums to one")
  func softmax() {
    let (rows, columns) = (5, 17)
    var fast = randomFloats(rows * columns, seed: 20, scale: 20)
    var slow = fast
    fast.withUnsafeMutableBufferPointer { Kernels.softmax($0, rows: rows, columns: columns) }
    slow.withUnsafeMutableBufferPointer { Kernels.naiveSoftmax($0, rows: rows, columns: columns) }
    #expect(largestDifference(fast, slow) < 1e-6)
    for r in 0..<rows {
      let total = fast[(r * columns)..<((r + 1) * columns)].reduce(0, +)
      #expect(abs(total - 1) < 1e-5)
    }
  }

  @Test("softmax stays finite where exp would overflow, and zeroes a fully masked row")
  func softmaxStability() {
    var x: [Float] = [1000, 999, -.infinity, -.infinity, -.infinity, -.infinity]
    x.withUnsafeMutableBufferPointer { Kernels.softmax($0, rows: 2, columns: 3) }
    #expect(abs(x[0] - 0.7310586) < 1e-6)
    #expect(abs(x[1] - 0.2689414) < 1e-6)
    #expect(x[2] == 0)
    #expect(x[3...] == [0, 0, 0])
  }

  @Test("GELU (erf form) matches the reference and known values")
  func gelu() {
    let x = randomFloats(1000, seed: 21, scale: 8)
    let fast = apply(x, Kernels.gelu)
    let slow = apply(x, Kernels.naiveGELU)
    #expect(largestDifference(fast, slow) < 1e-5)
    let known = apply([1, -1, 0], Kernels.gelu)
    // erf form, not the tanh approximation (which gives 0.841192 at 1).
    #expect(abs(known[0] - 0.8413447) < 1e-6)
    #expect(abs(known[1] + 0.1586553) < 1e-6)
    #expect(known[2] == 0)
  }

  @Test("SiLU matches the reference")
  func silu() {
    let x = randomFloats(1000, seed: 22, scale: 30)
    #expect(largestDifference(apply(x, Kernels.silu), apply(x, Kernels.naiveSiLU)) < 1e-5)
  }

  @Test("add and row bias match the references")
  func add() {
    let a = randomFloats(100, seed: 23)
    let b = randomFloats(100, seed: 24)
    var fast = [Float](repeating: 0, count: 100)
    var slow = fast
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        fast.withUnsafeMutableBufferPointer { Kernels.add($0, a, b, count: 100) }
        slow.withUnsafeMutableBufferPointer { Kernels.naiveAdd($0, a, b, count: 100) }
      }
    }
    #expect(fast == slow)
    var rows = a
    b.withUnsafeBufferPointer { bias in
      rows.withUnsafeMutableBufferPointer {
        Kernels.addRowBias(
          $0, bias: UnsafeBufferPointer(rebasing: bias[0..<10]), rows: 10, columns: 10)
      }
    }
    #expect(rows[23] == a[23] + b[3])
  }

  @Test("dot product matches a plain sum, including the tail")
  func dot() {
    let a = randomFloats(37, seed: 25)
    let b = randomFloats(37, seed: 26)
    let plain = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
    let fast = a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in Kernels.dot(a.baseAddress!, b.baseAddress!, 37) }
    }
    #expect(abs(fast - plain) < 1e-5)
  }

  private func apply(
    _ x: [Float],
    _ kernel: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>, Int) -> Void
  ) -> [Float] {
    var y = [Float](repeating: .nan, count: x.count)
    x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { kernel($0, x, x.count) } }
    return y
  }
}
