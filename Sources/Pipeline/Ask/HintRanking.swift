import Retriever
import Understanding

/// Reorders retrieved examples by the cricket phrases the question names. The model copies
/// structure from its examples, and plain similarity ranks "most sixes for <team1>" above "most
/// runs by an opener in the IPL" for "most sixes by an opener in <year1>": the embedding weighs
/// the measure words, not the glossary phrase that decides the filter.
enum HintRanking {
  /// Similarity added per named phrase an example's DSL has, and taken away per batting-order
  /// or phase filter it has that the question does not name. Small next to the gaps between
  /// unrelated examples (0.2–0.4), large next to those between near neighbours (≤ 0.05).
  static let bonus = 0.04

  /// The DSL phrases the question's hints ask for, as the canonical printer writes them.
  static func wanted(_ hints: QuestionHints) -> Set<String> {
    var phrases = Set<String>()
    for order in hints.battingOrder {
      phrases.insert(order == .openers ? "position = opener" : "position = \(order.rawValue)")
    }
    for phase in hints.phases { phrases.insert("phase = \(phase.rawValue)") }
    for measure in hints.measures { phrases.insert(measure) }
    return phrases
  }

  /// Filters that change an answer's meaning and should be copied only when asked for.
  static let unaskedFilters = [
    "position = opener", "position = top order", "position = middle order", "position = tail",
    "phase = powerplay", "phase = middle", "phase = death",
  ]

  static func score(_ example: RetrievedExample, wanted: Set<String>) -> Double {
    let dsl = " " + example.maskedDSL.replacingOccurrences(of: ",", with: " ") + " "
    func has(_ phrase: String) -> Bool { dsl.contains(" \(phrase) ") }
    let found = wanted.filter(has).count
    let unasked = unaskedFilters.filter { !wanted.contains($0) && has($0) }.count
    return example.similarity + bonus * Double(found - unasked)
  }

  /// The `k` best of `candidates` by similarity plus the hint score, best first; ties keep
  /// the retriever's order.
  static func rerank(_ candidates: [RetrievedExample], hints: QuestionHints, k: Int)
    -> [RetrievedExample]
  {
    let wanted = wanted(hints)
    let scored = candidates.enumerated().map { ($0.offset, score($0.element, wanted: wanted)) }
    let order = scored.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    return order.prefix(k).map { candidates[$0.0] }
  }
}
