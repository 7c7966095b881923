import Foundation
import Generator

/// `cricq bench generate`, part two: what speculative decoding and prompts pay for T tokens in
/// one call, and where the integer kernels stop beating dequantised tiles + OpenBLAS sgemm.
extension BenchGenerate {
  /// Batch sizes timed against one token, as speculative verification would call the model.
  static let batchSizes = [2, 4, 8]
  /// Batch sizes timed through both product paths to find the crossover.
  static let crossoverSizes = [8, 16, 24, 32, 48, 64, 128]

  func benchBatches(model: DecoderModel, url: URL, prompt: [Int32]) throws {
    // Verification: T new tokens after the prompt, logits at every position (forwardAll),
    // rewound after each call so every call sees the same cached prefix.
    var cache = model.makeCache(capacity: prompt.count + 16)
    _ = model.forward(tokens: prompt, cache: &cache)
    let drafts = Self.promptTokens(count: 8, vocabulary: model.vocabularySize).reversed()
    func cost(_ T: Int) -> Double {
      medianSeconds {
        _ = model.forwardAll(tokens: Array(drafts.prefix(T)), cache: &cache)
        cache.truncate(to: prompt.count)
      }
    }
    let one = cost(1)
    let batches = Self.batchSizes.map { T in String(format: "%d: %.2f×", T, cost(T) / one) }
    print(
      String(format: "%16@one token after the prompt %.1f ms; batch cost vs one: ", "", one * 1000)
        + batches.joined(separator: "   "))

    // Crossover: the same prompt prefixes through each path (last-position logits only).
    let integer = try DecoderModel(file: GGUFFile(url: url), gemmThreshold: Int.max)
    let sgemm = try DecoderModel(file: GGUFFile(url: url), gemmThreshold: 2)
    let rows = Self.crossoverSizes.filter { $0 <= prompt.count }.map { T -> String in
      let tokens = Array(prompt.prefix(T))
      let a = medianSeconds(integer) { _ = integer.forward(tokens: tokens, cache: &$0) }
      let b = medianSeconds(sgemm) { _ = sgemm.forward(tokens: tokens, cache: &$0) }
      return String(format: "%d: %.0f/%.0f", T, Double(T) / a, Double(T) / b)
    }
    print(
      String(format: "%16@tok/s integer/sgemm by T: ", "") + rows.joined(separator: "   ")
        + "   (default: sgemm from T = \(model.gemmThreshold))")
  }
}
