import CQuant
import Foundation
import Testing

@testable import Generator

/// Weights packed once into AMX tile order (cq_pack) give the one-token kernel's bits for every
/// batch length, from 1 to past three 16-token tiles, on real rows of both models' types.
@Suite struct PackedWeightsTests {
  static let tokenCounts = [1, 3, 4, 16, 40]
  /// Rows [16, 75) of the first 80: a group boundary at the start, a partial group at the end.
  static let packedRows = 80
  static let rows = 16..<75

  @Test(arguments: ["qwen", "smollm"])
  func packedProductsEqualOneTokenProducts(model: String) throws {
    let (file, tensors) = try BatchedKernelTests.matricesByType(model)
    for tensor in tensors where tensor.rowCount >= Self.packedRows {
      let type = Int32(tensor.type.rawValue)
      let n = tensor.rowLength
      let packed = cq_pack(type, tensor.data, tensor.rowByteCount, Int32(Self.packedRows), Int32(n))
      defer { cq_packed_free(packed) }
      guard cq_level() == CQ_LEVEL_AMX else {
        #expect(packed == nil, "\(tensor.name): packed without AMX")
        continue
      }
      let packedWeights = try #require(packed, "\(model) \(tensor.name) \(tensor.type) not packed")
      #expect(cq_packed_bytes(packedWeights) >= Self.packedRows * n)
      for tokens in Self.tokenCounts {
        let batch = BatchedKernelTests.packed(n: n, tokens: tokens)
        defer { batch.deallocate() }
        let label = "\(model) \(tensor.name) \(tensor.type) T \(tokens)"
        var out = [Float](repeating: .nan, count: tokens * Self.rows.count)
        let done = cq_matmul_packed(
          packedWeights, Int32(Self.rows.lowerBound), Int32(Self.rows.upperBound), batch, &out,
          Self.rows.count)
        #expect(done == 1, "\(label): refused")
        for t in 0..<tokens {
          var one = [Float](repeating: .nan, count: Self.rows.count)
          cq_matvec_level(
            0, type, tensor.data, tensor.rowByteCount, Int32(Self.rows.lowerBound),
            Int32(Self.rows.upperBound), cq_batch_blocks(batch, Int32(t)), Int32(n), &one)
          let got = out[(t * Self.rows.count)..<((t + 1) * Self.rows.count)]
          #expect(got.map(\.bitPattern) == one.map(\.bitPattern), "\(label): token \(t)")
        }
        // A range that does not start on a 16-row group is refused, nothing written.
        var untouched = [Float](repeating: 7, count: tokens * 8)
        #expect(cq_matmul_packed(packedWeights, 3, 11, batch, &untouched, 8) == 0, "\(label)")
        #expect(untouched.allSatisfy { $0 == 7 }, "\(label): written though refused")
      }
    }
    withExtendedLifetime(file) {}
  }

  /// A model with packed weights computes the same logits, bit for bit, as one without, for a
  /// prompt (a batch: the first product of each matrix packs it) and for the tokens that follow
  /// one at a time and in a short batch (reading the packed rows).
  @Test func packedModelGivesTheSameLogits() throws {
    let url = CricqModelFiles.qwen
    try CricqModelFiles.requireExists(url)
    let plain = try DecoderModel(file: GGUFFile(url: url))
    let packed = try DecoderModel(file: GGUFFile(url: url), packing: .all)
    #expect(packed.packedByteCount == 0, "packed before first use")
    let prompt: [Int32] = (0..<40).map { Int32(($0 * 7919) % 5000 + 100) }
    var a = plain.makeCache(capacity: 64)
    var b = packed.makeCache(capacity: 64)
    let first = (
      plain.forwardAll(tokens: prompt, cache: &a), packed.forwardAll(tokens: prompt, cache: &b)
    )
    #expect(first.0.map { $0.map(\.bitPattern) } == first.1.map { $0.map(\.bitPattern) })
    // Every matrix, the output layer included (`.all`), is packed after a 40-token batch.
    let weights = (packed.blockMatrices + [packed.output]).map { $0.rows * $0.columns }.reduce(0, +)
    if cq_level() == CQ_LEVEL_AMX {
      #expect(
        packed.packedByteCount >= weights, "\(packed.packedByteCount) bytes for \(weights) weights")
    } else {
      #expect(packed.packedByteCount == 0)
    }
    #expect(plain.packedByteCount == 0)
    for step in [[Int32(1234)], [Int32(55), 66, 77, 88, 99]] {
      let next = (plain.forward(tokens: step, cache: &a), packed.forward(tokens: step, cache: &b))
      #expect(next.0.map(\.bitPattern) == next.1.map(\.bitPattern), "after \(step)")
    }
  }
}
