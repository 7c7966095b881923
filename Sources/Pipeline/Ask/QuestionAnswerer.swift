import CricketDB
import DSL
import Foundation
import Generator
import Retriever
import Understanding

/// Answers plain-English questions: link → retrieve → prompt → constrained decode → fix → bind →
/// validate → compile → execute → render. Loads everything once; reuse it across questions
/// (the instruction header's KV cache and the constraint tables carry over).
///
/// Not thread-safe: the generator holds one KV cache. Use it from one task at a time.
public final class QuestionAnswerer {
  public let configuration: AskConfiguration
  public let linker: QuestionLinker
  public let embedder: SentenceEmbedder
  public let pool: ExamplePool
  public let generator: DSLGenerator
  public let executor: DSLExecutor
  /// Milliseconds to load each part, in load order.
  public let loadTimings: [(String, Double)]
  let builder: PromptBuilder
  /// Teams that play in the IPL (a question naming one is about the IPL).
  let iplTeams: Set<String>
  /// First and last year of each format in the database, for the answer's scope.
  let yearSpans: [(format: String, years: ClosedRange<Int>)]
  /// One masker per set of placeholders: its allowed-token cache carries over between questions.
  private var maskers: [[String]: TokenMasker<PlaceholderConstraint>] = [:]
  /// The same for the last-resort decode, where placeholders may be left out.
  private var relaxedMaskers: [[String]: TokenMasker<PlaceholderConstraint>] = [:]

  public init(configuration: AskConfiguration = AskConfiguration()) throws {
    self.configuration = configuration
    var timings: [(String, Double)] = []
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
      let clock = ContinuousClock.now
      defer { timings.append((name, milliseconds(since: clock))) }
      return try body()
    }
    guard FileManager.default.fileExists(atPath: configuration.modelFile.path) else {
      throw AskError.missingModel(configuration.modelFile.path)
    }
    // Loaded one after another: loading the generator on a second thread while the linker and
    // embedder loaded crashed the process (heap corruption in the Swift runtime's metadata cache,
    // 2026-12-06), so the parts stay serial until that is understood.
    executor = try timed("database") { try DSLExecutor(path: configuration.database) }
    linker = try timed("linker") {
      try QuestionLinker.load(database: configuration.database, aliases: configuration.aliases)
    }
    embedder = try timed("embedder") { try SentenceEmbedder() }
    let linker = self.linker
    let embedder = self.embedder
    pool = try timed("examples") {
      try ExamplePool(
        files: ExamplePool.trainFiles(in: configuration.corpus), linker: linker,
        embedder: embedder, cacheDirectory: configuration.cacheDirectory,
        linkerInputs: [configuration.database, configuration.aliases])
    }
    let executor = self.executor
    iplTeams = timed("IPL teams") { IPLFranchises.names(executor) }
    yearSpans = (try? DatabaseStatus.yearSpans(executor.database)) ?? []
    let modelFile = configuration.modelFile
    // Packed block weights make the prompt's batched pass faster (docs/GENERATOR.md).
    generator = try timed("generator") { try DSLGenerator(modelFile: modelFile, packing: .blocks) }
    builder = PromptBuilder(tokenizer: generator.tokenizer)
    loadTimings = timings
  }

  /// Runs a DSL query directly (the REPL's `:dsl`): parse, validate, compile, execute.
  public func run(dsl: String) throws(DSLError) -> DSLAnswer {
    try executor.answer(dsl)
  }

  /// Extra nearest neighbours considered when reranking examples by the question's phrases.
  static let rerankPool = 24

  /// Answers one question. Never throws: every failure is an `Abstention` saying why.
  public func answer(_ question: String, options: AskOptions = AskOptions()) -> Answer {
    let started = ContinuousClock.now
    var clock = started
    var timings = StageTimings()
    if let reason = InputCheck.reason(question) {
      var answer = Answer(
        question: question, understood: linker.understand(""), examples: [], maskedDSL: nil,
        dsl: nil, fixes: [], sql: nil, parameters: [], result: nil, sentence: nil, scope: nil,
        confidence: 0, tokens: [], abstention: nil, timings: timings)
      answer.abstention = Abstention(
        kind: .unreadable, reason: reason, suggestions: [], closestQuestions: [])
      answer.timings.total = milliseconds(since: started)
      return answer
    }
    let understood = linker.understand(question)
    timings.link = milliseconds(since: clock)

    clock = .now
    // A wider pool than shown, reranked by the glossary phrases the question names.
    let matches = pool.index.search(
      embedder.embed(understood.masked), k: max(options.k, 3) + Self.rerankPool)
    let candidates = matches.map { match -> RetrievedExample in
      let e = pool.examples[Int(match.example.payload) ?? 0]
      return RetrievedExample(
        question: e.question, maskedQuestion: e.maskedQuestion, dsl: e.dsl, maskedDSL: e.maskedDSL,
        similarity: Double(match.similarity))
    }
    let retrieved = HintRanking.rerank(
      candidates, hints: understood.hints, k: max(options.k, 3))
    let shown = Array(retrieved.prefix(options.k))
    timings.retrieve = milliseconds(since: clock)

    var answer = Answer(
      question: question, understood: understood, examples: shown, maskedDSL: nil, dsl: nil,
      fixes: [], sql: nil, parameters: [], result: nil, sentence: nil, scope: nil,
      confidence: 0, tokens: [], abstention: nil, timings: timings)
    let closest = retrieved.prefix(3).map(\.question)
    func finish(_ abstention: Abstention?) -> Answer {
      answer.abstention = abstention
      answer.timings.total = milliseconds(since: started)
      return answer
    }

    if let reason = ScopeCheck.reason(understood) {
      return finish(
        Abstention(kind: .outOfScope, reason: reason, suggestions: [], closestQuestions: closest))
    }
    if let unknown = understood.unknownNames.first {
      let hint =
        unknown.suggestions.isEmpty ? "" : "; did you mean \(Self.list(unknown.suggestions))?"
      return finish(
        Abstention(
          kind: .unknownName,
          reason: "no player, team or ground called \"\(unknown.span.text)\"\(hint)",
          suggestions: unknown.suggestions, closestQuestions: closest))
    }
    if let ambiguity = understood.ambiguities.first, !options.acceptBestReading {
      let names = ambiguity.candidates.map(\.name)
      return finish(
        Abstention(
          kind: .ambiguous,
          reason:
            "\"\(ambiguity.span.text)\" could be \(Self.list(names, conjunction: "or")); which one?",
          suggestions: names, closestQuestions: closest))
    }

    clock = .now
    let prompt = builder.prompt(
      examples: shown.map { FewShotExample(question: $0.maskedQuestion, dsl: $0.maskedDSL) },
      question: understood.masked)
    let placeholders = understood.bindings.map(\.placeholder)
    let masker = self.masker(for: placeholders)
    answer.timings.prompt = milliseconds(since: clock)

    let generation: Generation
    do {
      var decoding = DecodingOptions(maxTokens: options.maxTokens)
      decoding.shouldStop = options.shouldStop
      if options.beam > 1 { decoding.strategy = .beam(width: options.beam) }
      do {
        generation = try generator.generate(prompt: prompt, masker: masker, options: decoding)
      } catch let error as GenerationError where Self.retried(error) && options.beam < 2 {
        // Greedy decoding can loop until the token budget runs out; a 2-wide beam keeps a
        // second path alive. Only failed questions pay for it.
        decoding.strategy = .beam(width: 2)
        do {
          generation = try generator.generate(prompt: prompt, masker: masker, options: decoding)
          answer.fixes.append("beam 2: greedy decoding failed (\(error))")
        } catch let second as GenerationError where Self.retried(second) {
          // Last resort: the model may stop before writing every placeholder;
          // `MissingPlaceholderFix` places the rest or the answer abstains.
          decoding.strategy = .greedy
          generation = try generator.generate(
            prompt: prompt, masker: self.masker(for: placeholders, relaxed: true),
            options: decoding)
          answer.fixes.append(
            "placeholders optional: greedy and beam 2 decoding failed (\(second))")
        }
      }
    } catch {
      return finish(
        Abstention(
          kind: .noQuery,
          reason: "could not write a query for \"\(understood.normalized)\" (\(error))",
          suggestions: [], closestQuestions: closest))
    }
    let t = generation.timing
    answer.timings.prefill = t.promptSeconds * 1000
    answer.timings.decode = (t.totalSeconds - t.promptSeconds) * 1000
    answer.timings.promptTokens = t.promptTokensFed + t.promptTokensReused
    answer.timings.promptTokensReused = t.promptTokensReused
    answer.timings.generatedTokens = generation.steps.count
    answer.maskedDSL = generation.text
    answer.confidence = generation.minProbability
    answer.tokens = generation.steps.filter { !generator.stopTokens.contains($0.token) }.map {
      TokenConfidence(text: $0.text, probability: $0.distribution?.maskedProbability)
    }

    clock = .now
    let result: DSLAnswer
    do {
      let written = try DSLParser.parse(generation.text)
      var placed = written
      let missing = MissingPlaceholderFix.apply(&placed, understood, &answer.fixes)
      if !missing.isEmpty {
        answer.timings.execute = milliseconds(since: clock)
        return finish(
          Abstention(
            kind: .noQuery,
            reason:
              "could not write a query for \"\(understood.normalized)\" that uses "
              + Self.list(missing.map(\.description), conjunction: "and"),
            suggestions: [], closestQuestions: closest))
      }
      let (fixed, notes) = PostDecodingFixes.apply(
        placed, question: understood,
        defaultFormat: options.defaultFormat, iplTeams: iplTeams, players: linker.index)
      answer.fixes += notes
      answer.confidence = KeptTokenConfidence.minimum(generation, written: written, fixed: fixed)
      result = try executor.answer(fixed.printed, bindings: understood.dslBindings)
    } catch {
      answer.timings.execute = milliseconds(since: clock)
      return finish(
        Abstention(
          kind: .invalidQuery, reason: "the query the model wrote does not work: \(error)",
          suggestions: [], closestQuestions: closest))
    }
    answer.dsl = result.query.printed
    answer.sql = result.compiled.sql
    answer.parameters = result.compiled.parameters.map {
      switch $0 {
      case .integer(let n): String(n)
      case .text(let s): s
      }
    }
    answer.result = result.result
    answer.sentence = AnswerSentence.sentence(result.query, result.result)
    answer.scope = AnswerSentence.scope(result.query, yearSpans: yearSpans)
    answer.timings.execute = milliseconds(since: clock)
    if let refusal = TopCountFix.refusal(result.query) {
      return finish(
        Abstention(
          kind: .invalidQuery, reason: refusal, suggestions: [], closestQuestions: closest))
    }
    let missing = MeasureCheck.missing(result.query, question: understood)
    if !missing.isEmpty {
      return finish(
        Abstention(
          kind: .wrongMeasure,
          reason:
            "the query the model wrote does not give \(Self.list(missing, conjunction: "and")), "
            + "which the question asks for",
          suggestions: [], closestQuestions: closest))
    }
    if answer.confidence < options.threshold {
      return finish(
        Abstention(
          kind: .lowConfidence,
          reason: String(
            format: "the model was unsure of its query (lowest token probability %.2f, below %.2f)",
            answer.confidence, options.threshold),
          suggestions: [], closestQuestions: closest))
    }
    return finish(nil)
  }

  /// Decoding failures a beam-2 retry can get past (not cancellation or a too-long prompt).
  static func retried(_ error: GenerationError) -> Bool {
    switch error {
    case .budgetExhausted, .deadEnd: true
    default: false
    }
  }

  private func masker(for placeholders: [String], relaxed: Bool = false)
    -> TokenMasker<PlaceholderConstraint>
  {
    let key = placeholders.sorted()
    if let masker = relaxed ? relaxedMaskers[key] : maskers[key] { return masker }
    let masker = generator.masker(
      for: PlaceholderConstraint(placeholders: key, requiresEveryPlaceholder: !relaxed))
    if relaxed { relaxedMaskers[key] = masker } else { maskers[key] = masker }
    return masker
  }

  static func list(_ names: [String], conjunction: String = "or") -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
  }
}

/// Why the answerer could not be built.
public enum AskError: Error, CustomStringConvertible {
  case missingModel(String)

  public var description: String {
    switch self {
    case .missingModel(let path):
      "no model file at \(path); run scripts/setup or pass --model PATH.gguf"
    }
  }
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
