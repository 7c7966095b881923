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
  /// Whether the masked examples came from the on-disk cache (false: the linker masked them).
  public let maskedFromCache: Bool

  /// The pair files used for training: `seed.jsonl` and every `train-*.jsonl` in `folder`
  /// (test-split pairs are left out).
  public static func trainFiles(in folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let train = names.filter { $0.hasPrefix("train-") && $0.hasSuffix(".jsonl") }.sorted()
    return (["seed.jsonl"] + train).map { folder.appendingPathComponent($0) }
      .filter { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Masks the pairs of `files` with `linker` and indexes them. With a `cacheDirectory`, the
  /// embeddings are cached there (`ask-examples.embeddings`); with `linkerInputs` as well (the
  /// files and folders the linker was built from), so are the masked examples
  /// (`ask-examples.masked`, keyed by those inputs, the pair files and the program itself).
  public init(
    files: [URL], linker: QuestionLinker, embedder: SentenceEmbedder,
    cacheDirectory: URL? = ExampleIndex.defaultCacheDirectory, linkerInputs: [URL]? = nil
  ) throws {
    var cache: (file: MaskedExampleCache, key: UInt64)? = nil
    if let cacheDirectory, let linkerInputs {
      cache = (
        MaskedExampleCache(url: cacheDirectory.appendingPathComponent("ask-examples.masked")),
        try Self.cacheKey(files: files, linkerInputs: linkerInputs)
      )
    }
    if let cache, let cached = cache.file.load(key: cache.key) {
      examples = cached
      maskedFromCache = true
    } else {
      examples = try Self.masked(files: files, linker: linker)
      maskedFromCache = false
      if let cache { try cache.file.store(examples, key: cache.key) }
    }
    index = try ExampleIndex(
      examples: examples.enumerated().map { i, e in
        Example(text: e.maskedQuestion, payload: String(i), skeleton: DSLSkeleton.of(e.maskedDSL))
      }, embedder: embedder, name: "ask-examples", cacheDirectory: cacheDirectory)
  }

  /// The train pairs of `files` (first occurrence of each question), masked by `linker`.
  static func masked(files: [URL], linker: QuestionLinker) throws -> [MaskedExample] {
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
    return examples
  }

  /// What the masked examples are derived from: the program (the linker's rules are code), the
  /// linker's input files (contents; big ones, the database, by size and modification time) and
  /// the pair files' contents.
  static func cacheKey(files: [URL], linkerInputs: [URL]) throws -> UInt64 {
    var key = ContentKey(["cricq-masked-v1", ContentKey.programIdentity])
    func add(_ url: URL) throws {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        key.add("missing \(url.path)")
        return
      }
      if isFolder.boolValue {
        key.add("folder \(url.path)")
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
          try add(url.appendingPathComponent(name))
        }
      } else if let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize,
        size > 1 << 23
      {
        key.add(ContentKey.fileIdentity(url))
      } else {
        key.add(url.path)
        key.add(try Data(contentsOf: url))
      }
    }
    for url in linkerInputs + files { try add(url) }
    return key.value
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
