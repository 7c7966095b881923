import CricketDB
import DSL
import Foundation
import Synchronization
import Testing

@testable import Generator

/// Ctrl-C in the REPL reaches the decoder through `DecodingOptions.shouldStop`.
@Suite(.serialized) struct ReplCancellationTests {
  // One generator for the suite; `.serialized` keeps its KV cache to one test at a time.
  nonisolated(unsafe) static let qwen = Result { () throws -> DSLGenerator in
    let file = CricqModelFilesForRepl.qwen
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: file.path])
    }
    return try DSLGenerator(modelFile: file)
  }

  /// A prompt of 16 solved examples (about 600 tokens), as the REPL's `:k 16` gives.
  static func longPrompt(_ generator: DSLGenerator) -> Prompt {
    let examples = (0..<16).map { i in
      FewShotExample(
        question: "top \(i + 1) batters by sixes in ODIs in <year1>",
        dsl: "top \(i + 1) batters by sixes where format = ODI and year = <year1>")
    }
    return PromptBuilder(tokenizer: generator.tokenizer).prompt(
      examples: examples, question: "most sixes in Tests")
  }

  @Test func decodingAsksShouldStopFirstAndEndsWithADistinctCancelledError() throws {
    let generator = try Self.qwen.get()
    generator.clearPrefixCache()
    let asked = Counter()
    let options = DecodingOptions(shouldStop: {
      asked.increment()
      return true
    })
    let prompt = Self.longPrompt(generator)
    let constraint = DSLConstraint()
    #expect(throws: GenerationError.cancelled) {
      try generator.generate(prompt: prompt, constraint: constraint, options: options)
    }
    // Asked once, before the first prompt chunk: nothing ran on the model.
    #expect(asked.value == 1)
    #expect(GenerationError.cancelled.description == "cancelled")
  }

  @Test func aStopDuringThePromptPassWaitsForOneChunkOnly() throws {
    let generator = try Self.qwen.get()
    generator.clearPrefixCache()
    let prompt = Self.longPrompt(generator)
    let chunks = DSLGenerator.promptChunks(prompt.tokens.count, stoppable: true)
    #expect(chunks.count >= 3, "\(prompt.tokens.count) prompt tokens in \(chunks)")
    let asked = Counter()
    let options = DecodingOptions(shouldStop: {
      asked.increment()
      return asked.value >= 2
    })
    let constraint = DSLConstraint()
    #expect(throws: GenerationError.cancelled) {
      try generator.generate(prompt: prompt, constraint: constraint, options: options)
    }
    #expect(asked.value == 2)
  }

  /// On SmolLM2 (the same `DecoderModel` code, a quarter of Qwen's work per token) to keep the
  /// debug-build test short.
  @Test func aPromptFedInStoppableChunksGivesTheSameLogitsAsOneCall() throws {
    let file = CricqModelFilesForRepl.smollm
    guard FileManager.default.fileExists(atPath: file.path) else {
      Issue.record("\(file.path) is missing: run scripts/setup")
      return
    }
    let generator = try DSLGenerator(modelFile: file)
    let tokens = Array(Self.longPrompt(generator).tokens.prefix(300))
    let whole = try generator.model.makeSession(capacity: tokens.count)
    let once = try whole.feed(tokens)
    let chunked = try generator.model.makeSession(capacity: tokens.count)
    var inChunks: [Float] = []
    var fed = 0
    let chunks = DSLGenerator.promptChunks(tokens.count, stoppable: true)
    #expect(chunks.count == 2, "\(tokens.count) tokens in \(chunks)")
    for size in chunks {
      // Each chunk takes the product path of the whole prompt (per token, the same sums).
      #expect(Linear.samePath(size, tokens.count))
      inChunks = try chunked.feed(Array(tokens[fed..<(fed + size)]))
      fed += size
    }
    #expect(fed == tokens.count)
    let largest = zip(once, inChunks).map { abs($0 - $1) }.max() ?? .infinity
    #expect(largest == 0, "largest logit difference \(largest)")
  }

  @Test func promptChunksCoverThePromptInNearEqualParts() {
    #expect(DSLGenerator.promptChunks(700, stoppable: false) == [700])
    #expect(DSLGenerator.promptChunks(100, stoppable: true) == [100])
    #expect(DSLGenerator.promptChunks(700, stoppable: true) == [140, 140, 140, 140, 140])
    #expect(DSLGenerator.promptChunks(300, stoppable: true) == [150, 150])
  }
}

enum CricqModelFilesForRepl {
  static let qwen = CricqPaths.models.appendingPathComponent("qwen/model.gguf")
  static let smollm = CricqPaths.models.appendingPathComponent("smollm/model.gguf")
}

/// A counter a `@Sendable` closure can bump.
final class Counter: Sendable {
  private let count = Atomic<Int>(0)
  var value: Int { count.load(ordering: .relaxed) }
  func increment() { count.add(1, ordering: .relaxed) }
}
