import DSL
import Foundation
import Testing

@testable import Generator

/// The real Qwen2.5-Coder-0.5B model and its tokenizer, loaded once per test process.
enum RealQwen {
  static let loaded = Result { () throws -> (DecoderModel, BPETokenizer) in
    try CricqModelFiles.requireExists(CricqModelFiles.qwen)
    let file = try GGUFFile(url: CricqModelFiles.qwen)
    return (try DecoderModel(file: file), try BPETokenizer(file: file))
  }
}

/// Three hand-written pairs in the DSL's canonical form, with masked entities.
let handWrittenExamples = [
  FewShotExample(
    question: "<player1> Test batting average since <year1>",
    dsl: "batting average where player = <player1> and format = Test and since <year1>"),
  FewShotExample(
    question: "top 5 wicket takers in ODIs in <year1>",
    dsl: "top 5 bowlers by wickets where format = ODI and year = <year1>"),
  FewShotExample(
    question: "<player1> strike rate in T20Is",
    dsl: "batting strike rate where player = <player1> and format = T20I"),
]

/// A toy constraint: the output is exactly one of a few strings.
struct OneOf: PrefixConstraint {
  let choices: [[UInt8]]
  init(_ choices: [String]) { self.choices = choices.map { Array($0.utf8) } }
  var initialState: [UInt8] { [] }
  func advance(_ state: [UInt8], byte: UInt8) -> [UInt8]? {
    let next = state + [byte]
    return choices.contains { $0.starts(with: next) } ? next : nil
  }
  func isComplete(_ state: [UInt8]) -> Bool { choices.contains(state) }
}

let entityChoices = EntityChoices(players: ["<player1>"], years: ["<year1>"])

func fewShotPrompt(_ tokenizer: BPETokenizer, _ question: String) -> Prompt {
  PromptBuilder(tokenizer: tokenizer).prompt(examples: handWrittenExamples, question: question)
}

/// One generator for every test that runs the model, so the prompt's KV cache carries over
/// (forward passes are slow in debug builds). The suite is serialized, so it is never used by
/// two tests at once.
enum SharedQwen {
  nonisolated(unsafe) static let generator = Result { () throws -> DSLGenerator in
    let (model, tokenizer) = try RealQwen.loaded.get()
    return DSLGenerator(model: model, tokenizer: tokenizer)
  }
}

/// One greedy translation, shared by the tests that inspect it.
enum GreedyRun {
  static let question = "<player1> ODI batting average"
  static let result = Result { () throws -> Generation in
    let generator = try SharedQwen.generator.get()
    return try generator.generate(
      prompt: fewShotPrompt(generator.tokenizer, question),
      constraint: DSLConstraint(entities: entityChoices),
      options: DecodingOptions(rawStatistics: true))
  }
}

@Suite(.serialized) struct ConstrainedGenerationTests {
  let tokenizer: BPETokenizer
  let generator: DSLGenerator
  let constraint = DSLConstraint(entities: entityChoices)

  init() throws {
    generator = try SharedQwen.generator.get()
    tokenizer = generator.tokenizer
  }

  func prompt(_ question: String) -> Prompt { fewShotPrompt(tokenizer, question) }

  @Test("the hand-written examples are canonical DSL")
  func examplesParse() throws {
    for example in handWrittenExamples {
      #expect(try DSLParser.parse(example.dsl).printed == example.dsl)
      #expect(constraint.accepts(example.dsl))
    }
  }

  @Test("greedy few-shot translation with Qwen 0.5B gives the exact query, and every step's facts are sound")
  func greedyFewShot() throws {
    let generation = try GreedyRun.result.get()
    #expect(generation.text == "batting average where player = <player1> and format = ODI")
    #expect(constraint.accepts(generation.text))
    #expect(generation.steps.last?.token == tokenizer.specialTokenID("<|im_end|>"))
    #expect(generation.steps.contains { $0.isForced }, "jump forward should skip forced tokens")
    for step in generation.steps {
      guard let d = step.distribution else { continue }
      #expect(d.rawEntropyBits >= 0 && d.rawEntropyBits.isFinite)
      #expect(d.maskedEntropyBits >= 0 && d.maskedEntropyBits.isFinite)
      #expect(d.maskedLog2Prob <= 1e-9 && d.maskedLog2Prob >= d.rawLog2Prob - 1e-9)
      #expect(d.alternatives.first?.token == step.token)
    }
    #expect(generation.minProbability > 0 && generation.minProbability <= generation.meanProbability)
    let t = generation.timing
    print(
      "greedy: \(generation.text) | min p \(generation.minProbability) | forward \(t.generateForwardSeconds) s,"
        + " mask \(t.maskSeconds) s (\(t.maskShare * 100) % of decode), \(t.forwardCalls) forward calls")
  }

  @Test("teacher forcing on the generated tokens reproduces the decoding distributions")
  func teacherForcingMatchesDecoding() throws {
    let generation = try GreedyRun.result.get()
    let p = prompt(GreedyRun.question)
    let score = try generator.score(
      prompt: p, goldTokens: generation.steps.map(\.token), masker: generator.masker(for: constraint))
    #expect(score.rejectedAt == nil)
    var largest = 0.0
    for (gold, step) in zip(score.steps, generation.steps) {
      guard let decoded = step.distribution else { continue }
      largest = max(largest, abs(gold.distribution.rawLog2Prob - decoded.rawLog2Prob))
      largest = max(largest, abs(gold.distribution.maskedEntropyBits - decoded.maskedEntropyBits))
    }
    // Batched and one-at-a-time forward passes round differently; a position off by one would
    // differ by bits, not hundredths.
    #expect(largest < 0.2, "largest difference \(largest) bits")
    #expect(score.maskedLog2Prob >= score.rawLog2Prob)
  }

  @Test("a second question reuses the cached instruction header and examples")
  func prefixCacheReused() throws {
    _ = try GreedyRun.result.get()
    let second = prompt("<player1> ODI batting strike rate")
    let score = try generator.score(
      prompt: second, gold: "batting strike rate where player = <player1> and format = ODI",
      constraint: constraint)
    #expect(score.timing.promptTokensReused >= second.headerTokenCount)
    #expect(score.timing.promptTokensReused + score.timing.promptTokensFed == second.tokens.count)
    #expect(score.rejectedAt == nil)
    // The gold query is the examples' pattern: the model should find it likely.
    #expect(score.meanGoldProbability > 0.5)
  }

  @Test("teacher forcing reports where the grammar rejects a gold text")
  func teacherForcingRejection() throws {
    let score = try generator.score(
      prompt: prompt(GreedyRun.question), gold: "batting average where player = <player2>",
      constraint: constraint)
    let rejected = try #require(score.rejectedAt)
    #expect(score.steps[..<rejected].map(\.text).joined().hasSuffix(" = <player"))
    #expect(score.steps[rejected].distribution.maskedLog2Prob == -.infinity)
    #expect(score.steps.allSatisfy { $0.distribution.rawLog2Prob.isFinite })
  }

  @Test("beam search (width 4) finds an output at least as likely as greedy's")
  func beamSearch() throws {
    let choices = OneOf(["batting average", "bowling average", "batting strike rate", "bowling economy"])
    let p = prompt(GreedyRun.question)
    // Both score every token, so their totals are the model's log-probabilities of the outputs.
    let greedy = try generator.generate(
      prompt: p, constraint: choices, options: DecodingOptions(jumpForward: false, rawStatistics: true))
    let beam = try generator.generate(
      prompt: p, constraint: choices, options: DecodingOptions(strategy: .beam(width: 4)))
    #expect(choices.isComplete(Array(beam.text.utf8)))
    #expect(beam.steps.allSatisfy { !$0.isForced })
    // Beam scores its candidates in batches, greedy one token at a time: the kernels give a
    // token the same logits either way (KernelBitExactnessTests), so greedy's output scores the
    // same in the beam and cannot beat the beam's best.
    #expect(beam.rawLog2Prob >= greedy.rawLog2Prob - 1e-9)
    print("beam: \(beam.text) \(beam.rawLog2Prob) bits; greedy: \(greedy.text) \(greedy.rawLog2Prob) bits")
  }

  @Test("a budget too small for any query is a failure, not a partial query")
  func budgetExhausted() throws {
    #expect(throws: GenerationError.self) {
      try generator.generate(
        prompt: prompt(GreedyRun.question), constraint: constraint,
        options: DecodingOptions(maxTokens: 3))
    }
  }
}
