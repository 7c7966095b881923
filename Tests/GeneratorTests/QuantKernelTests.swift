import CQuant
import Foundation
import Testing

@testable import Generator

@Suite struct QuantKernelTests {
  /// A deterministic activation vector with a few outliers, like real hidden states.
  static func activations(_ n: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<n).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Float(state >> 40) / Float(1 << 24) - 0.5
      return i % 97 == 0 ? u * 20 : u
    }
  }

  @Test(arguments: ["qwen", "smollm"])
  func fastMatrixVectorMatchesTheReferenceDot(model: String) throws {
    let url = CricqModelFiles.models.appendingPathComponent("\(model)/model.gguf")
    try CricqModelFiles.requireExists(url)
    let file = try GGUFFile(url: url)
    var seenTypes = Set<GGMLType>()
    for tensor in file.tensors where tensor.shape.count == 2 && !seenTypes.contains(tensor.type) {
      seenTypes.insert(tensor.type)
      let matrix = try QuantizedMatrix(tensor)
      let x = Self.activations(matrix.columns, seed: UInt64(tensor.type.rawValue))
      var blocks = [cq_q8](repeating: cq_q8(), count: matrix.columns / 32)
      cq_quantize_q8(x, &blocks, Int32(matrix.columns))
      let rows = 0..<min(64, matrix.rows)
      var fast = [Float](repeating: 0, count: rows.count)
      blocks.withUnsafeBufferPointer { b in
        fast.withUnsafeMutableBufferPointer { matrix.multiply(rows: rows, by: b.baseAddress!, into: $0.baseAddress!) }
      }
      var worst: Float = 0
      for r in rows {
        let reference = cq_dot_reference(
          Int32(tensor.type.rawValue), tensor.data + r * tensor.rowByteCount, blocks, Int32(matrix.columns))
        worst = max(worst, abs(fast[r] - reference) / max(1, abs(reference)))
      }
      #expect(worst < 1e-4, "\(model) \(tensor.name) \(tensor.type): worst relative diff \(worst)")
    }
    #expect(seenTypes.count >= 2)
  }

  @Test(arguments: ["qwen", "smollm"])
  func fastDequantisationMatchesTheReference(model: String) throws {
    let url = CricqModelFiles.models.appendingPathComponent("\(model)/model.gguf")
    try CricqModelFiles.requireExists(url)
    let file = try GGUFFile(url: url)
    var seenTypes = Set<GGMLType>()
    for tensor in file.tensors where tensor.shape.count == 2 && !seenTypes.contains(tensor.type) {
      seenTypes.insert(tensor.type)
      let rows = 8, n = tensor.rowLength
      var reference = [Float](repeating: 0, count: rows * n)
      var fast = reference
      cq_dequantize_rows_reference(Int32(tensor.type.rawValue), tensor.data, tensor.rowByteCount, Int32(rows), Int32(n), &reference)
      cq_dequantize_rows(Int32(tensor.type.rawValue), tensor.data, tensor.rowByteCount, Int32(rows), Int32(n), &fast)
      let worst = zip(reference, fast).map { abs($0 - $1) }.max()!
      #expect(worst <= 1e-6, "\(model) \(tensor.name) \(tensor.type): max diff \(worst)")
    }
  }

  @Test func activationQuantisationRoundTrips() {
    let x = Self.activations(256, seed: 9)
    var blocks = [cq_q8](repeating: cq_q8(), count: 8)
    cq_quantize_q8(x, &blocks, 256)
    for b in 0..<8 {
      let block = blocks[b]
      let values = withUnsafeBytes(of: block.qs) { Array($0.bindMemory(to: Int8.self)) }
      let amax = x[(32 * b)..<(32 * b + 32)].map(abs).max()!
      for i in 0..<32 {
        #expect(abs(Float(values[i]) * block.d - x[32 * b + i]) <= block.d * 0.6)
      }
      // d is rounded to F16 (11 significant bits), like llama.cpp's Q8_0.
      #expect(abs(block.d * 127 - amax) <= amax / 1024)
      #expect(block.sum == values.reduce(0) { $0 + Int32($1) })
      #expect(abs(block.s - block.d * Float(block.sum)) <= abs(block.s) / 512 + 1e-6)
    }
  }
}
