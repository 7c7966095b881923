import Foundation
import Testing

@testable import Generator

/// The decoder with every multi-token call through the batched integer kernels, as speculative
/// verification (2-12 draft tokens) and short prompts use it.
@Suite(.serialized) struct BatchedForwardTests {
  static func integerModel(_ name: String) throws -> DecoderModel {
    let url = CricqModelFiles.models.appendingPathComponent("\(name)/model.gguf")
    try CricqModelFiles.requireExists(url)
    return try DecoderModel(file: GGUFFile(url: url), gemmThreshold: .max)
  }

  /// The batched integer path quantises activations exactly as the one-token path does, so it
  /// is held to the one-token path's bound against the float32 reference
  /// (FloatReferenceTests.tokenByTokenMatchesFloatReference: measured 0.31-0.40 qwen, 2.3-2.6
  /// smollm; bounds 0.5 and 3.0).
  @Test(arguments: ["qwen", "smollm"])
  func integerBatchMatchesFloatReference(model name: String) throws {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures/float-reference-\(name)", withExtension: "json"))
    let fixture = try JSONDecoder().decode(
      FloatReferenceTests.Fixture.self, from: Data(contentsOf: url))
    let model = try Self.integerModel(name)
    var cache = model.makeCache(capacity: fixture.tokens.count)
    let logits = model.forwardAll(tokens: fixture.tokens, cache: &cache)
    var worst: Float = 0
    for (p, reference) in fixture.positions.enumerated() {
      for (id, value) in zip(reference.ids, reference.logits) {
        worst = max(worst, abs(logits[p][id] - value))
      }
    }
    print("\(name): max |logit diff| batched integer path against the float32 reference = \(worst)")
    #expect(worst < (name == "qwen" ? 0.5 : 3.0), "\(name): max logit diff \(worst)")
  }

  /// Speculative verification's premise: after a prompt, feeding 8 tokens in one call gives at
  /// every position the logits of generating them one at a time, bit for bit (the batched
  /// kernels compute each token as the one-token kernel does, and fewer than 16 tokens attend
  /// row by row).
  @Test(arguments: ["qwen", "smollm"])
  func verifyingEightTokensGivesTheOneTokenLogits(model name: String) throws {
    let model = try Self.integerModel(name)
    let fixture = try ParityFixture.load(name)
    for (c, testCase) in fixture.cases.enumerated() {
      var cache = model.makeCache(capacity: testCase.tokens.count + 9)
      var logits = model.forward(tokens: testCase.tokens, cache: &cache)
      var greedy: [Int32] = [Int32(argmax(logits))]
      var steps: [[Float]] = []
      for _ in 0..<8 {
        logits = model.forward(tokens: [greedy.last!], cache: &cache)
        steps.append(logits)
        greedy.append(Int32(argmax(logits)))
      }
      cache.truncate(to: testCase.tokens.count)
      let batched = model.forwardAll(tokens: Array(greedy.prefix(8)), cache: &cache)
      for p in 0..<8 {
        #expect(batched[p] == steps[p], "\(name) case \(c) position \(p): logits differ")
        #expect(Int32(argmax(batched[p])) == greedy[p + 1], "\(name) case \(c) position \(p)")
      }
    }
  }

  /// Packed weights (AMX tiles from 4 tokens) and attention split between the threads keep
  /// verification exact: after a 20-token prompt, 12 tokens fed in one call give at every
  /// position the logits of feeding them one at a time.
  @Test(arguments: ["qwen", "smollm"])
  func packedTwelveTokenBatchGivesTheOneTokenLogits(model name: String) throws {
    let url = CricqModelFiles.models.appendingPathComponent("\(name)/model.gguf")
    try CricqModelFiles.requireExists(url)
    let model = try DecoderModel(file: GGUFFile(url: url), gemmThreshold: .max, packing: .blocks)
    let tokens: [Int32] = (0..<32).map { Int32(($0 * 7919) % 5000 + 100) }
    var oneCache = model.makeCache(capacity: 32)
    var cache = model.makeCache(capacity: 32)
    _ = model.forward(tokens: Array(tokens[..<20]), cache: &oneCache)
    _ = model.forward(tokens: Array(tokens[..<20]), cache: &cache)
    let oneAtATime = tokens[20...].map { model.forward(tokens: [$0], cache: &oneCache) }
    let batched = model.forwardAll(tokens: Array(tokens[20...]), cache: &cache)
    #expect(batched.count == oneAtATime.count)
    for (p, (a, b)) in zip(batched, oneAtATime).enumerated() {
      #expect(a == b, "\(name) position \(20 + p): logits differ")
    }
  }
}
