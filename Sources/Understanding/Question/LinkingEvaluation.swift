import Foundation

/// Scores the linker against labelled questions (`corpus/linking.jsonl`): each row has the
/// question, the gold entities (kind + canonical value) and, for names that should be asked
/// about, the candidates the linker must offer.
public struct LinkingEvaluation: Sendable {
  public struct Row: Codable, Sendable {
    public struct Entity: Codable, Sendable, Hashable {
      public let kind: String
      public let value: String
    }
    public struct Ambiguous: Codable, Sendable {
      public let kind: String
      public let candidates: [String]
    }
    public let question: String
    public let entities: [Entity]
    public let ambiguous: [Ambiguous]?
  }

  /// Entity kinds that count; numbers are reported apart.
  static let scoredKinds: Set<String> = ["player", "team", "venue", "event", "year", "season"]

  public var gold = 0
  public var correct = 0
  /// Bindings made without an ambiguity flag that match no gold entity of the row.
  public var confidentlyWrong = 0
  /// Gold entities the linker flagged as ambiguous (it would ask) instead of binding silently.
  public var asked = 0
  public var bindings = 0
  public var ambiguousRows = 0
  public var ambiguousHandled = 0
  public var errors: [String] = []

  public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
  public var precision: Double { bindings == 0 ? 0 : Double(correct) / Double(bindings) }
  public var confidentlyWrongRate: Double { bindings == 0 ? 0 : Double(confidentlyWrong) / Double(bindings) }

  public static func load(_ url: URL) throws -> [Row] {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw UnderstandingError.missingFile(url.path, hint: "expected the labelled linking questions")
    }
    let decoder = JSONDecoder()
    return try text.split(separator: "\n").enumerated().map { n, line in
      do { return try decoder.decode(Row.self, from: Data(line.utf8)) } catch {
        throw UnderstandingError.malformedLine(url.path, line: n + 1, expected: "a JSON row", found: String(line))
      }
    }
  }

  public static func run(_ linker: QuestionLinker, rows: [Row]) -> LinkingEvaluation {
    var e = LinkingEvaluation()
    for row in rows { e.add(row, linker.understand(row.question)) }
    return e
  }

  mutating func add(_ row: Row, _ result: UnderstoodQuestion) {
    let gold = Set(row.entities.filter { Self.scoredKinds.contains($0.kind) })
    let flagged = Set(result.ambiguities.map(\.placeholder))
    var matched: Set<Row.Entity> = []
    var problems: [String] = []
    let ambiguousNames = Set((row.ambiguous ?? []).flatMap(\.candidates))
    for b in result.bindings where Self.scoredKinds.contains(b.kind.rawValue) {
      let entity = Row.Entity(kind: b.kind.rawValue, value: b.value)
      if gold.contains(entity) {
        bindings += 1
        matched.insert(entity)
        if flagged.contains(b.placeholder) { asked += 1 }
      } else if b.kind == .player, ambiguousNames.contains(b.value) || flagged.contains(b.placeholder) && !ambiguousNames.isEmpty {
        continue  // an expected ambiguity, scored below
      } else {
        bindings += 1
        if !flagged.contains(b.placeholder) {
          confidentlyWrong += 1
          problems.append("wrong \(b.kind.rawValue) \(b.value) from \"\(b.span.text)\" (\(b.matchedBy), \(b.score))")
        } else {
          problems.append("asked about \"\(b.span.text)\", best \(b.value) (gold elsewhere)")
        }
      }
    }
    self.gold += gold.count
    correct += matched.count
    for missing in gold.subtracting(matched) { problems.append("missed \(missing.kind) \(missing.value)") }
    for expected in row.ambiguous ?? [] {
      ambiguousRows += 1
      let offered = result.ambiguities.flatMap { $0.candidates.map(\.name) }
      // Asking with every listed candidate is right; so is binding the first listed, the
      // reading most fans mean ("Pandya" in T20Is is HH Pandya).
      let handled =
        Set(expected.candidates).isSubset(of: offered)
        || result.bindings.contains { $0.kind == .player && $0.value == expected.candidates[0] }
      if handled { ambiguousHandled += 1 } else {
        problems.append("expected a question about \(expected.candidates.joined(separator: "/")), offered \(offered)")
      }
    }
    if !problems.isEmpty {
      errors.append("\(row.question)\n    masked: \(result.masked)\n    " + problems.joined(separator: "\n    "))
    }
  }

  public var summary: String {
    func pct(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
    return """
      gold entities \(gold), linked correctly \(correct) (recall \(pct(recall)))
      bindings \(bindings), precision \(pct(precision)), confidently wrong \(confidentlyWrong) (\(pct(confidentlyWrongRate)))
      correct but flagged for a question \(asked); ambiguous names handled \(ambiguousHandled)/\(ambiguousRows)
      """
  }
}
