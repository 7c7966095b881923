import CQuant
import Foundation
import Testing

@testable import Generator

/// The batched integer product (cq_matmul) and every instruction-set level of the one-token
/// product against the scalar reference dot, on real rows of both models.
///
/// Tolerance: relative 1e-4 of max(1, |reference|), as for the one-token kernels. Every level
/// computes the same integer block sums as the reference; only the float scaling and summation
/// order differ (the reference sums in double), which moves a 4864-long row's result by about
/// 1e-6 relative. A wrong nibble, scale or sign moves it by far more than 1e-4.
@Suite struct BatchedKernelTests {
  static let tokens = 5  // odd: exercises the 4-token tiles and the remainder
  static let rowCount = 67  // odd: exercises the 2-row tiles and the single last row

  static func levels() -> [Int32] { Array(0...cq_level()) }

  /// Packs `tokens` activation rows of width n (deterministic, with outliers).
  static func packed(n: Int) -> UnsafeMutableRawPointer {
    let x = (0..<tokens).flatMap { QuantKernelTests.activations(n, seed: UInt64(7 + $0)) }
    let batch = UnsafeMutableRawPointer.allocate(
      byteCount: cq_batch_bytes(Int32(tokens), Int32(n)), alignment: 64)
    cq_batch_pack(x, Int32(tokens), Int32(n), batch)
    return batch
  }

  /// Worst relative difference of the batched product over rows × tokens, with row length n
  /// (≤ the tensor's: a prefix of real blocks).
  static func worstBatched(_ tensor: GGUFTensor, n: Int, level: Int32) -> Float {
    let rows = min(rowCount, tensor.rowCount)
    let batch = packed(n: n)
    defer { batch.deallocate() }
    var out = [Float](repeating: .nan, count: tokens * rows)
    cq_matmul_level(
      level, Int32(tensor.type.rawValue), tensor.data, tensor.rowByteCount, 0, Int32(rows), batch,
      &out, rows)
    var worst: Float = 0
    for t in 0..<tokens {
      for r in 0..<rows {
        let reference = cq_dot_reference(
          Int32(tensor.type.rawValue), tensor.data + r * tensor.rowByteCount,
          cq_batch_blocks(batch, Int32(t)), Int32(n))
        let diff = abs(out[t * rows + r] - reference) / max(1, abs(reference))
        worst = max(worst, diff.isNaN ? .infinity : diff)
      }
    }
    return worst
  }

  /// The first matrix of every weight type in the model file.
  static func matricesByType(_ model: String) throws -> (GGUFFile, [GGUFTensor]) {
    let url = CricqModelFiles.models.appendingPathComponent("\(model)/model.gguf")
    try CricqModelFiles.requireExists(url)
    let file = try GGUFFile(url: url)
    var seen = Set<GGMLType>()
    let tensors = file.tensors.filter { $0.shape.count == 2 && seen.insert($0.type).inserted }
    return (file, tensors)
  }

  @Test(arguments: ["qwen", "smollm"])
  func batchedProductMatchesTheReferenceAtEveryLevel(model: String) throws {
    let (file, tensors) = try Self.matricesByType(model)
    for tensor in tensors {
      for level in Self.levels() {
        let worst = Self.worstBatched(tensor, n: tensor.rowLength, level: level)
        #expect(worst < 1e-4, "\(model) \(tensor.name) \(tensor.type) level \(level): \(worst)")
        // Rows an odd number of 32-blocks long leave half a 64-byte vector of padding.
        if tensor.type == .q8_0 || tensor.type == .q5_0 || tensor.type == .q4_1 {
          let n = (tensor.rowLength / 64 - 1) * 64 + 32
          let worstPadded = Self.worstBatched(tensor, n: n, level: level)
          #expect(worstPadded < 1e-4, "\(model) \(tensor.name) n=\(n) level \(level): \(worstPadded)")
        }
      }
    }
    withExtendedLifetime(file) {}
    let expected: Set<GGMLType> = model == "qwen" ? [.q5_0, .q8_0, .q4_K, .q6_K] : [.q4_1, .q8_0]
    #expect(expected.isSubset(of: Set(tensors.map(\.type))))
  }

  @Test(arguments: ["qwen", "smollm"])
  func oneTokenProductMatchesTheReferenceAtEveryLevel(model: String) throws {
    let (file, tensors) = try Self.matricesByType(model)
    for tensor in tensors {
      let n = tensor.rowLength, rows = min(Self.rowCount, tensor.rowCount)
      var blocks = [cq_q8](repeating: cq_q8(), count: n / 32)
      cq_quantize_q8(QuantKernelTests.activations(n, seed: 3), &blocks, Int32(n))
      for level in Self.levels() {
        var out = [Float](repeating: .nan, count: rows)
        cq_matvec_level(
          level, Int32(tensor.type.rawValue), tensor.data, tensor.rowByteCount, 0, Int32(rows),
          blocks, Int32(n), &out)
        var worst: Float = 0
        for r in 0..<rows {
          let reference = cq_dot_reference(
            Int32(tensor.type.rawValue), tensor.data + r * tensor.rowByteCount, blocks, Int32(n))
          let diff = abs(out[r] - reference) / max(1, abs(reference))
          worst = max(worst, diff.isNaN ? .infinity : diff)
        }
        #expect(worst < 1e-4, "\(model) \(tensor.name) \(tensor.type) level \(level): \(worst)")
      }
    }
    withExtendedLifetime(file) {}
  }
}
