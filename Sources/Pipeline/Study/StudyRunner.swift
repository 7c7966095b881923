import CricketDB
import DSL
import Foundation
import Generator

/// Runs one model over the study's cells: for each question, each selection, each k (ascending,
/// so the KV cache carries the shared examples forward), it decodes an answer under the
/// question's grammar, runs it, and scores the gold query by teacher forcing.
public final class StudyRunner {
  public let modelName: String
  let generator: DSLGenerator
  let builder: PromptBuilder
  let executor: DSLExecutor
  let iplTeams: Set<String>
  let examples: StudyExamples
  /// As the product decodes (`AskOptions`): greedy, at most 64 tokens.
  let options = DecodingOptions(maxTokens: AskOptions().maxTokens)
  /// Whether greedy decoding drafts the masked gold query first (speculative decoding: the
  /// output is the same, only cheaper where the model agrees with the gold).
  public var draftsGold = true

  public init(
    modelName: String, generator: DSLGenerator, builder: PromptBuilder, executor: DSLExecutor,
    examples: StudyExamples
  ) {
    self.modelName = modelName
    self.generator = generator
    self.builder = builder
    self.executor = executor
    self.examples = examples
    iplTeams = IPLFranchises.names(executor)
  }

  /// Loads `name` (`qwen`, `smollm`, or a GGUF path) as `cricq ask` does.
  public static func loadGenerator(_ name: String) throws -> DSLGenerator {
    let url = AskConfiguration(model: name).modelFile
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw StudyError.missingModel(name: name, path: url.path)
    }
    // Teacher forcing takes the logits after every gold token: pack the output layer too.
    return try DSLGenerator(modelFile: url, packing: .all)
  }

  /// Runs every cell not in `done`, calling `emit` with each finished row (k = 0 is the same
  /// prompt for every selection: it is run once and emitted for each).
  public func run(
    items: [StudyItem], ks: [Int], selections: [ExampleSelectionMode], seed: UInt64,
    done: Set<StudyRow.Key>, emit: (StudyRow) throws -> Void
  ) throws {
    let ks = ks.sorted()
    let largest = ks.last ?? 0
    for (index, item) in items.enumerated() {
      let gold = try? executor.answer(item.goldDSL).result.rows
      let masker = masker(for: item.placeholders)
      var zeroShot: StudyRow?
      for selection in selections {
        let ranked = examples.ranked(
          for: item, mode: selection, count: largest, seed: seed,
          draw: index / StudyExamples.questionsPerRandomDraw)
        for k in ks {
          let key = StudyRow.Key(
            model: modelName, selection: selection.rawValue, k: k, questionID: item.id)
          if done.contains(key) { continue }
          var row: StudyRow
          if k == 0, let first = zeroShot {
            row = first
          } else {
            row = try cell(
              item: item, examples: Array(ranked.prefix(k)), gold: gold, masker: masker,
              generator: try generator(for: selection, k: k))
            if k == 0 { zeroShot = row }
          }
          row.key = key
          try emit(row)
        }
      }
    }
  }

  /// Random examples are one draw shared by consecutive questions (`StudyExamples`), so the
  /// random arm keeps one generator (own KV cache, shared weights) per k: its cache holds the
  /// k examples from one question to the next, and a cell feeds only the question. The
  /// retrieved arm and k = 0 use `generator`, whose cache carries the examples up the ks.
  private var randomGenerators: [Int: DSLGenerator] = [:]

  func generator(for selection: ExampleSelectionMode, k: Int) throws -> DSLGenerator {
    guard selection == .random, k > 0 else { return generator }
    if let known = randomGenerators[k] { return known }
    let made = DSLGenerator(
      model: generator.model, tokenizer: generator.tokenizer,
      contextCapacity: generator.contextCapacity)
    randomGenerators[k] = made
    return made
  }

  /// Where the cells' time went so far.
  private(set) var cost = StudyCost()

  public var costSummary: String { cost.summary(label: modelName) }

  func cell(
    item: StudyItem, examples: [MaskedExample], gold: [[SQLValue]]?,
    masker: TokenMasker<PlaceholderConstraint>, generator: DSLGenerator
  ) throws -> StudyRow {
    let prompt = builder.prompt(
      examples: examples.map(\.fewShot), question: item.understood.masked)
    var generated = ""
    var failure = ""
    var correct = false
    var exact = false
    let started = Date()
    var decoding: DecodeTiming?
    var judgeSeconds = 0.0
    do {
      var options = options
      if draftsGold { options.draft = item.maskedGoldDSL }
      let generation = try generator.generate(prompt: prompt, masker: masker, options: options)
      decoding = generation.timing
      generated = generation.text
      let judging = Date()
      (correct, exact, failure) = judge(generated, item: item, gold: gold)
      judgeSeconds = Date().timeIntervalSince(judging)
    } catch let error as GenerationError {
      failure = "decoding: \(error)"
    }
    // Wall time of decoding and judging, failures included (a runaway costs the most).
    let generateSeconds = Date().timeIntervalSince(started)
    let score = try generator.score(prompt: prompt, gold: item.maskedGoldDSL, masker: masker)
    cost.add(decoding: decoding, judgeSeconds: judgeSeconds, scoring: score.timing)
    let tokenBytes = score.steps.map { generator.tokenizer.tokenBytes[$0.token] }
    let roleOfStep = TokenRole.tokenRoles(of: item.maskedGoldDSL, tokenBytes: tokenBytes)
    var roles: [TokenRole: StudyRow.RoleFigures] = [:]
    for role in TokenRole.allCases {
      let steps = zip(score.steps, roleOfStep).filter { $0.1 == role }.map(\.0.distribution)
      guard !steps.isEmpty else { continue }
      let n = Double(steps.count)
      roles[role] = StudyRow.RoleFigures(
        tokens: steps.count, rawEntropy: steps.map(\.rawEntropyBits).reduce(0, +) / n,
        maskedEntropy: steps.map(\.maskedEntropyBits).reduce(0, +) / n,
        goldLog2Prob: steps.map(\.rawLog2Prob).reduce(0, +) / n)
    }
    return StudyRow(
      key: StudyRow.Key(model: modelName, selection: "", k: examples.count, questionID: item.id),
      exampleIDs: examples.map(\.id), promptTokens: prompt.tokens.count, generated: generated,
      failure: failure, executionCorrect: correct, exactMatch: exact,
      generateSeconds: generateSeconds, scoreSeconds: score.timing.totalSeconds,
      goldTokens: score.steps.count, goldInGrammar: score.rejectedAt == nil,
      rawEntropy: score.meanRawEntropyBits, maskedEntropy: score.meanMaskedEntropyBits,
      goldLog2Prob: score.rawLog2Prob, goldProbability: score.meanGoldProbability, roles: roles)
  }

  /// One masker per set of placeholders (the product's `PlaceholderConstraint`), kept for the
  /// whole run: questions with the same placeholders share its cache of allowed tokens per
  /// grammar state, which otherwise costs a walk over the vocabulary trie for every new state.
  private var maskers: [[String]: TokenMasker<PlaceholderConstraint>] = [:]

  func masker(for placeholders: [String]) -> TokenMasker<PlaceholderConstraint> {
    if let known = maskers[placeholders] { return known }
    let made = generator.masker(for: PlaceholderConstraint(placeholders: placeholders))
    maskers[placeholders] = made
    return made
  }

  /// Execution accuracy (rows equal the gold rows) and canonical exact match of a model's query,
  /// after the product's post-decoding fixes (a format the question names, and so on).
  func judge(_ text: String, item: StudyItem, gold: [[SQLValue]]?) -> (
    correct: Bool, exact: Bool, failure: String
  ) {
    guard let parsed = try? DSLParser.parse(text) else {
      return (false, false, "the decoder's query does not parse")
    }
    let fixed = PostDecodingFixes.apply(
      parsed, question: item.understood, defaultFormat: nil, iplTeams: iplTeams
    ).0.printed
    var exact = false
    if let bound = try? DSLParser.parse(fixed).bind(item.dslBindings) {
      exact = bound.printed == item.goldDSL
    }
    do {
      let rows = try executor.answer(fixed, bindings: item.dslBindings).result.rows
      guard let gold else { return (false, exact, "the gold query did not run") }
      return (rows == gold, exact, "")
    } catch {
      return (false, exact, "\(error.kind): \(error.reason)")
    }
  }
}

public enum StudyError: Error, CustomStringConvertible {
  case missingModel(name: String, path: String)
  case noQuestions(String)
  case invalid(String)

  public var description: String {
    switch self {
    case .missingModel(let name, let path):
      "no model '\(name)' at \(path); run scripts/setup, or pass qwen, smollm or a .gguf path"
    case .noQuestions(let reason): reason
    case .invalid(let reason): reason
    }
  }
}
