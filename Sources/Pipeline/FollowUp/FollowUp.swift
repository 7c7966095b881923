import DSL
import Understanding

/// Follow-up questions ("and in 2020?", "what about Tests?", "top 10 instead") answered by
/// rewriting the previous query, without the model. Both functions are pure: `isFollowUp` looks
/// only at the words, `rewrite` only at the previous query and the linker's reading of the
/// follow-up. The rules are in docs/repl.md.
public enum FollowUp {
  /// Openings that mark a follow-up whatever follows.
  static let cues: [[String]] = [
    ["and"], ["what", "about"], ["how", "about"], ["what", "of"], ["same", "for"], ["now"],
    ["only"], ["just"], ["but"], ["instead"], ["then"], ["also"],
  ]
  /// A short question opening with one of these is a fragment of a fuller one ("at Lord's?").
  static let fragmentOpenings: Set<String> = [
    "in", "at", "for", "against", "vs", "v", "versus", "since", "before", "after", "during",
    "between", "from", "top", "bottom", "per", "by", "on", "as", "with",
  ]

  /// True when the text reads as a follow-up to the previous question: it opens with "and",
  /// "what about", "only", ..., ends with "instead", or is a short fragment opening with a
  /// preposition ("in 2020?", "at Lord's?", "top 5").
  public static func isFollowUp(_ text: String) -> Bool {
    let words = FollowUpReader.tokens(text)
    guard !words.isEmpty, words.count <= 12 else { return false }
    if cues.contains(where: { words.starts(with: $0) }) || words.last == "instead" { return true }
    return words.count <= 5 && fragmentOpenings.contains(words[0])
  }

  /// The previous query changed as the follow-up asks: the entities, years, formats, measures,
  /// counts and filters it names replace the previous ones of the same kind. Throws when the
  /// follow-up has a word this cannot place, or its changes do not fit the query (the caller
  /// then asks the full pipeline).
  public static func rewrite(previous: DSLQuery, followUp: UnderstoodQuestion)
    throws(FollowUpError) -> DSLQuery
  {
    let edits = try FollowUpReader.edits(followUp)
    var query = QueryEditor(previous, replacingMeasures: edits.contains(.instead))
    let setsFormat = edits.contains { if case .format = $0 { true } else { false } }
    for edit in edits {
      try query.apply(edit, keepFormat: setsFormat)
    }
    do {
      try query.query.checkRules()
    } catch {
      throw .doesNotFit(error.reason)
    }
    return query.query
  }
}

/// Why a question could not be read as a follow-up.
public enum FollowUpError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A word or name the rules cannot place.
  case unclear(String)
  /// The change makes no sense for the previous query.
  case doesNotFit(String)

  public var description: String {
    switch self {
    case .unclear(let reason): "not clearly a follow-up: \(reason)"
    case .doesNotFit(let reason): "the follow-up does not fit the last question: \(reason)"
    }
  }
}
