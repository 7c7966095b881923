import DSL
import Foundation
import Retriever
import Understanding

/// A solved example as the model sees it: the linker's masked question and the gold DSL with
/// the same placeholders in place of the linked values.
public struct MaskedExample: Sendable, Equatable {
  public var id: String
  public var question: String
  public var maskedQuestion: String
  public var dsl: String
  public var maskedDSL: String
}

/// The train pairs, masked, and the retrieval index over their masked questions.
public struct ExamplePool: Sendable {
  public let examples: [MaskedExample]
  public let index: ExampleIndex

  /// The pair files used for training: `seed.jsonl` and every `train-*.jsonl` in `folder`
  /// (test-split pairs are left out).
  public static func trainFiles(in folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let train = names.filter { $0.hasPrefix("train-") && $0.hasSuffix(".jsonl") }.sorted()
    return (["seed.jsonl"] + train).map { folder.appendingPathComponent($0) }
      .filter { FileManager.default.fileExists(atPath: $0.path) }
  }

  public init(
    files: [URL], linker: QuestionLinker, embedder: SentenceEmbedder,
    cacheDirectory: URL? = ExampleIndex.defaultCacheDirectory
  ) throws {
    var examples: [MaskedExample] = []
    var seen = Set<String>()
    for file in files {
      for pair in try Corpus.load(file) where pair.split != "test" {
        guard seen.insert(pair.question).inserted else { continue }
        let understood = linker.understand(pair.question)
        guard let masked = ExamplePool.mask(dsl: pair.dsl, with: understood) else { continue }
        examples.append(
          MaskedExample(
            id: pair.id, question: pair.question, maskedQuestion: understood.masked,
            dsl: pair.dsl, maskedDSL: masked))
      }
    }
    self.examples = examples
    index = try ExampleIndex(
      examples: examples.enumerated().map { i, e in
        Example(text: e.maskedQuestion, payload: String(i), skeleton: DSLSkeleton.of(e.maskedDSL))
      }, embedder: embedder, name: "ask-examples", cacheDirectory: cacheDirectory)
  }

  /// The gold DSL with each linked value replaced by its placeholder; nil when the DSL does not
  /// parse. Values the linker did not find stay as written.
  static func mask(dsl: String, with question: UnderstoodQuestion) -> String? {
    guard var query = try? DSLParser.parse(dsl) else { return nil }
    func placeholder(_ kinds: [BindingKind], _ value: String) -> Operand? {
      guard
        let binding = question.bindings.first(where: {
          kinds.contains($0.kind) && $0.value == value
        }),
        let kind = PlaceholderKind(rawValue: binding.kind.rawValue),
        let number = Int(binding.placeholder.dropFirst(binding.kind.rawValue.count + 1).dropLast())
      else { return nil }
      return .placeholder(Placeholder(kind, number))
    }
    func masked(_ operand: Operand, kinds: [BindingKind]) -> Operand {
      switch operand {
      case .name(let s): placeholder(kinds, s) ?? operand
      case .number(let n): placeholder(kinds, String(n)) ?? operand
      case .season(let start, let end): .season(start: masked(start, kinds: kinds), end: end)
      default: operand
      }
    }
    func kinds(_ field: FilterField) -> [BindingKind] {
      switch field {
      case .player, .batter, .bowler: [.player]
      case .team, .opposition, .country: [.team]
      case .venue: [.venue]
      case .event: [.event]
      case .year, .since, .before, .season: [.year]
      default: [.num]
      }
    }
    if case .ranking(var ranking) = query.head {
      ranking.count = masked(ranking.count, kinds: [.num])
      query.head = .ranking(ranking)
    }
    query.filters = query.filters.map { filter in
      let k = kinds(filter.field)
      switch filter.value {
      case .one(let a): return Filter(filter.field, .one(masked(a, kinds: k)))
      case .list(let xs): return Filter(filter.field, .list(xs.map { masked($0, kinds: k) }))
      case .range(let a, let b):
        return Filter(filter.field, .range(masked(a, kinds: k), masked(b, kinds: k)))
      }
    }
    query.qualifiers = query.qualifiers.map {
      Qualifier(measure: $0.measure, value: masked($0.value, kinds: [.num]))
    }
    return query.printed
  }
}
