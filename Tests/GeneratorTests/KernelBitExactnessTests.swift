import CQuant
import Foundation
import Testing

@testable import Generator

/// Every kernel path computes row · token in one float order (docs/GENERATOR.md, "Float order"),
/// so a token's products are bit for bit the same whether it goes alone (cq_matvec) or in a
/// batch (cq_matmul: 8-row groups of up to 4 tokens below 16 tokens, AMX tiles from 16), and at
/// every instruction-set level. Real rows of both models, every weight type they use.
@Suite struct KernelBitExactnessTests {
  /// 2 and 5: four-token groups and a remainder; 16 and 40: AMX (one full 16-token group, and
  /// two plus a partial one).
  static let tokenCounts = [2, 5, 16, 40]
  /// Rows [3, 70): neither end on an 8- or 16-row group boundary.
  static let rows = 3..<70

  /// The products of `rows` with every token of a packed batch at `level`, one token at a time
  /// (cq_matvec_level) and batched (cq_matmul_level), as bit patterns [token][row].
  static func products(
    _ tensor: GGUFTensor, n: Int, batch: UnsafeRawPointer, tokens: Int, level: Int32
  ) -> (oneToken: [[UInt32]], batched: [[UInt32]]) {
    let type = Int32(tensor.type.rawValue)
    let (begin, end) = (Int32(rows.lowerBound), Int32(rows.upperBound))
    var batched = [Float](repeating: .nan, count: tokens * rows.count)
    cq_matmul_level(
      level, type, tensor.data, tensor.rowByteCount, begin, end, batch, &batched, rows.count)
    var oneToken: [[UInt32]] = []
    for t in 0..<tokens {
      var out = [Float](repeating: .nan, count: rows.count)
      cq_matvec_level(
        level, type, tensor.data, tensor.rowByteCount, begin, end, cq_batch_blocks(batch, Int32(t)),
        Int32(n), &out)
      oneToken.append(out.map(\.bitPattern))
    }
    let batchedBits = (0..<tokens).map { t in
      batched[(t * rows.count)..<((t + 1) * rows.count)].map(\.bitPattern)
    }
    return (oneToken, batchedBits)
  }

  @Test(arguments: ["qwen", "smollm"])
  func oneTokenAndBatchedAgreeBitForBitAtEveryLevel(model: String) throws {
    let (file, tensors) = try BatchedKernelTests.matricesByType(model)
    for tensor in tensors where tensor.rowCount >= Self.rows.upperBound {
      // Full rows, and for the 32-block types a length of an odd number of blocks.
      var lengths = [tensor.rowLength]
      if [.q8_0, .q5_0, .q4_1].contains(tensor.type) {
        lengths.append((tensor.rowLength / 64 - 1) * 64 + 32)
      }
      for n in lengths {
        for tokens in Self.tokenCounts {
          let batch = BatchedKernelTests.packed(n: n, tokens: tokens)
          defer { batch.deallocate() }
          // The scalar level is the one order written out plainly (reference.c).
          let scalar = Self.products(tensor, n: n, batch: batch, tokens: tokens, level: 0).oneToken
          for level in BatchedKernelTests.levels() {
            let (oneToken, batched) = Self.products(
              tensor, n: n, batch: batch, tokens: tokens, level: level)
            let label = "\(model) \(tensor.name) \(tensor.type) n \(n) level \(level) T \(tokens)"
            #expect(batched == oneToken, "\(label): batched vs one token")
            #expect(oneToken == scalar, "\(label): vs the scalar level")
            #expect(!oneToken.joined().contains(Float.nan.bitPattern), "\(label): rows unwritten")
          }
        }
      }
    }
    withExtendedLifetime(file) {}
  }
}
