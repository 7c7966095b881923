import CricketDB
import DSL
import Foundation
import Generator
import Synchronization
import Testing

/// Ctrl-C in the REPL reaches the decoder through `DecodingOptions.shouldStop`.
@Test func decodingAsksShouldStopFirstAndEndsWithADistinctCancelledError() throws {
  let file = CricqPaths.models.appendingPathComponent("qwen/model.gguf")
  guard FileManager.default.fileExists(atPath: file.path) else {
    Issue.record("\(file.path) is missing: run scripts/setup")
    return
  }
  let generator = try DSLGenerator(modelFile: file)
  let prompt = PromptBuilder(tokenizer: generator.tokenizer).prompt(
    examples: [], question: "most sixes in ODIs")
  let asked = Counter()
  let options = DecodingOptions(shouldStop: {
    asked.increment()
    return true
  })
  let constraint = DSLConstraint()
  #expect(throws: GenerationError.cancelled) {
    try generator.generate(prompt: prompt, constraint: constraint, options: options)
  }
  // Asked once, before the prompt pass: nothing ran on the model.
  #expect(asked.value == 1)
  #expect(GenerationError.cancelled.description == "cancelled")
}

/// A counter a `@Sendable` closure can bump.
final class Counter: Sendable {
  private let count = Atomic<Int>(0)
  var value: Int { count.load(ordering: .relaxed) }
  func increment() { count.add(1, ordering: .relaxed) }
}
