/// What a placeholder stands for.
/// The DSL's placeholder kinds (`PlaceholderKind`); a split season is `<year1>/20`.
public enum BindingKind: String, Sendable, Codable, CaseIterable {
  case player, team, venue, event, year, num

  /// Placeholder prefix: `<player1>`, `<year2>`, `<num1>`.
  public func placeholder(_ index: Int) -> String { "<\(rawValue)\(index)>" }
}

/// Where a piece of the question sits: character offsets (half-open) and the text there.
public struct SourceSpan: Sendable, Codable, Equatable {
  public let start: Int
  public let end: Int
  public let text: String
}

public struct ScoredName: Sendable, Codable, Equatable {
  public let name: String
  public let score: Double
}

/// One placeholder of the masked question and the canonical value the pipeline substitutes.
public struct Binding: Sendable, Codable, Equatable {
  public let placeholder: String
  public let kind: BindingKind
  /// The database's spelling ("V Kohli", "Australia"), or the number / year as text.
  public let value: String
  /// 0–1: how sure the linker is (1 for an exact alias with no rival).
  public let score: Double
  /// How the span matched ("alias", "surname", "fuzzy", "year", ...).
  public let matchedBy: String
  public let span: SourceSpan
}

/// A span the linker could not settle: the CLI should ask which one was meant.
public struct Ambiguity: Sendable, Codable, Equatable {
  public let span: SourceSpan
  public let kind: BindingKind
  /// The placeholder given to the best candidate (so a choice can rebind it).
  public let placeholder: String
  public let candidates: [ScoredName]
}

/// A capitalised word that looks like a name but matched nothing, with near names.
public struct UnknownName: Sendable, Codable, Equatable {
  public let span: SourceSpan
  public let suggestions: [String]
}

/// Hints the phrases of the question carry.
public struct QuestionHints: Sendable, Codable, Equatable {
  public var formats: [CricketFormat] = []
  public var phases: [Phase] = []
  public var battingOrder: [BattingOrder] = []
  /// Measures named by a glossary phrase ("wickets", "strike rate").
  public var measures: [String] = []
  /// The two sides a series the question names is played between ("Ashes": England and
  /// Australia); the question is then about Tests between them.
  public var sides: [String] = []
  /// Years the question covers, when it names any (inclusive; open ends are nil).
  public var fromYear: Int?
  public var toYear: Int?
}

/// The output of question understanding: what retrieval embeds and the model sees (`masked`),
/// and what the placeholders stand for.
public struct UnderstoodQuestion: Sendable, Codable, Equatable {
  public let question: String
  /// Phrases normalised and entities replaced by placeholders: "most sixes by <player1> in ODI
  /// in <year1>".
  public let masked: String
  /// The same with the canonical values in place of the placeholders (for display).
  public let normalized: String
  public let bindings: [Binding]
  public let hints: QuestionHints
  public let ambiguities: [Ambiguity]
  public let unknownNames: [UnknownName]

  /// Placeholder → canonical value, for substitution into the generated DSL.
  public var values: [String: String] {
    Dictionary(bindings.map { ($0.placeholder, $0.value) }, uniquingKeysWith: { a, _ in a })
  }

  /// Replaces every placeholder in `text` with its value (the DSL engineer's substitution quotes
  /// strings as the DSL needs; this is the plain form for display and tests).
  public func substitute(_ text: String) -> String {
    var out = text
    for binding in bindings.sorted(by: { $0.placeholder.count > $1.placeholder.count }) {
      out = out.replacingOccurrences(of: binding.placeholder, with: binding.value)
    }
    return out
  }
}
