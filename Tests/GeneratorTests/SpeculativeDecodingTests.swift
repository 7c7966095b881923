import DSL
import Foundation
import Testing

@testable import Generator

/// Few-shot prompts as the product builds them from the corpus: a test question, and the four
/// train pairs sharing the most tags with it as examples.
enum CorpusPrompts {
  static let cases = Result { () throws -> [(question: CorpusPair, examples: [FewShotExample])] in
    let pairs = try Corpus.load(Corpus.repositoryFolder())
    let train = pairs.filter { $0.split == "train" }
    return pairs.filter { $0.split == "test" }.prefix(10).map { question in
      let tags = Set(question.tags)
      let nearest = train.sorted {
        let (a, b) = (tags.intersection($0.tags).count, tags.intersection($1.tags).count)
        return a != b ? a > b : $0.id < $1.id
      }
      let examples = nearest.prefix(4).map { FewShotExample(question: $0.question, dsl: $0.dsl) }
      return (question, examples)
    }
  }
}

/// This suite's own generator: suites run in parallel, and a generator's cached session must
/// not be used by two at once (the model itself is shared).
enum SpeculativeQwen {
  nonisolated(unsafe) static let generator = Result { () throws -> DSLGenerator in
    let (model, tokenizer) = try RealQwen.loaded.get()
    return DSLGenerator(model: model, tokenizer: tokenizer)
  }
}

@Suite(.serialized) struct SpeculativeDecodingTests {
  let generator: DSLGenerator
  /// Names are open (any quoted name), so some steps allow most of the vocabulary and take the
  /// whole-vocabulary path, others only a few tokens.
  let masker: TokenMasker<DSLConstraint>

  init() throws {
    generator = try SpeculativeQwen.generator.get()
    masker = generator.masker(for: DSLConstraint())
  }

  /// Tokens and probabilities must be identical: a draft of 2–15 tokens goes through the
  /// batched integer kernels, which give each token the one-token kernel's logits bit for bit
  /// (KernelBitExactnessTests), and attention row by row as one token does.
  func expectSameDecoding(_ a: Generation, _ b: Generation, raw: Bool, _ label: String) {
    #expect(a.steps.map(\.token) == b.steps.map(\.token), "\(label): tokens differ")
    for (x, y) in zip(a.steps, b.steps) {
      #expect((x.distribution == nil) == (y.distribution == nil), "\(label): forced steps differ")
      guard let p = x.distribution, let q = y.distribution else { continue }
      #expect(p.maskedLog2Prob == q.maskedLog2Prob, "\(label) at \(x.text)")
      #expect(p.maskedEntropyBits == q.maskedEntropyBits, "\(label) at \(x.text)")
      #expect(p.alternatives.map(\.token) == q.alternatives.map(\.token), "\(label) at \(x.text)")
      if raw {
        #expect(p.rawLog2Prob == q.rawLog2Prob, "\(label) at \(x.text)")
        #expect(p.rawEntropyBits == q.rawEntropyBits, "\(label) at \(x.text)")
      }
    }
    #expect(a.minProbability == b.minProbability, "\(label): lowest probability")
  }

  @Test("speculative greedy gives plain greedy's tokens and probabilities on 10 corpus prompts")
  func speculativeEqualsPlain() throws {
    let cases = try CorpusPrompts.cases.get()
    #expect(cases.count == 10)
    var plainCalls = 0
    var speculativeCalls = 0
    var accepted = 0
    for (question, examples) in cases {
      let prompt = PromptBuilder(tokenizer: generator.tokenizer).prompt(
        examples: examples, question: question.question)
      // Every run below starts from the state this first run leaves after the prompt (the
      // generator keeps it with the cache), so all start from the same bits.
      _ = try generator.score(
        prompt: prompt, goldTokens: Array(generator.stopTokens.prefix(1)), masker: masker)
      let plain = try generator.generate(
        prompt: prompt, masker: masker,
        options: DecodingOptions(speculation: .off, rawStatistics: true))
      let speculative = try generator.generate(
        prompt: prompt, masker: masker,
        options: DecodingOptions(speculation: .always, rawStatistics: true))
      expectSameDecoding(plain, speculative, raw: true, "\(question.id) speculative")
      // Only the allowed tokens' logits where few are allowed, and drafts as long as they pay
      // on this machine: the same masked figures.
      let masked = try generator.generate(prompt: prompt, masker: masker)
      expectSameDecoding(plain, masked, raw: false, "\(question.id) adaptive, masked rows")
      #expect(masked.steps.compactMap(\.distribution).allSatisfy { $0.rawLog2Prob.isNaN })
      // A caller's draft (the gold query) changes only how many passes it takes.
      let drafted = try generator.generate(
        prompt: prompt, masker: masker,
        options: DecodingOptions(speculation: .always, draft: question.dsl))
      expectSameDecoding(plain, drafted, raw: false, "\(question.id) gold draft")
      plainCalls += plain.timing.generateForwardCalls
      speculativeCalls += speculative.timing.generateForwardCalls
      accepted += speculative.timing.acceptedDraftTokens
      #expect(plain.timing.draftedTokens == 0)
      #expect(speculative.timing.acceptedDraftTokens <= speculative.timing.draftedTokens)
      let (p, s, d) = (plain.timing, speculative.timing, drafted.timing)
      print(
        "\(question.id): \(speculative.steps.count) tokens, forward calls \(p.generateForwardCalls)"
          + " → \(s.generateForwardCalls) (gold draft \(d.generateForwardCalls)),"
          + " draft \(s.acceptedDraftTokens)/\(s.draftedTokens) | \(plain.text)")
    }
    #expect(accepted > 0)
    #expect(speculativeCalls < plainCalls)
  }

  @Test("after a rejected draft is cut from the cache, logits equal a cache's that never saw it")
  func rejectedDraftLeavesNoTrace() throws {
    let (question, examples) = try CorpusPrompts.cases.get()[0]
    let tokenizer = generator.tokenizer
    let prompt = PromptBuilder(tokenizer: tokenizer).prompt(
      examples: examples, question: question.question)
    let gold = tokenizer.encodeOrdinary(question.dsl)
    let wrong = tokenizer.encodeOrdinary(" by wickets")
    let model = generator.model

    let reference = try model.makeSession(capacity: 2048)
    _ = try reference.feed(prompt.tokens)
    let afterFirst = try reference.feed([gold[0]])
    let afterSecond = try reference.feed([gold[1]])

    let speculative = try model.makeSession(capacity: 2048)
    _ = try speculative.feed(prompt.tokens)
    let states = try speculative.feedHidden([gold[0]] + wrong, last: wrong.count + 1)
    // The batch's first position is computed as one token would be, bit for bit.
    #expect(speculative.logits(states, at: 0, rows: nil) == afterFirst)
    speculative.truncate(to: speculative.count - wrong.count)
    #expect(speculative.count == prompt.tokens.count + 1)
    let resumed = try speculative.feed([gold[1]])
    #expect(resumed == afterSecond, "the rejected draft should leave no trace in the cache")

    // A few output rows equal those rows of the whole vocabulary's logits.
    let rows: [Int32] = [0, Int32(gold[2]), 151_000, 17]
    let selected = speculative.logits(
      try speculative.feedHidden([gold[2]], last: 1), at: 0, rows: rows)
    let whole = try reference.feed([gold[2]])
    #expect(selected == rows.map { whole[Int($0)] })
  }
}
