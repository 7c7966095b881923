import DSL
import Understanding

/// Whether the query gives every measure the question names ("sixes", "economy"). A query that
/// answers a different measure ("bowling runs conceded" for "Warner runs") is wrong however
/// sure the model was, so the answerer abstains on it.
enum MeasureCheck {
  /// Glossary measure hint → the DSL measure words that answer it.
  static let answers: [String: Set<String>] = [
    "average": ["average", "batting average", "bowling average"],
    "catches": ["catches", "dismissals"],
    "centuries": ["hundreds", "fastest hundred"],
    "dot balls": ["dots"],
    "ducks": ["ducks"],
    "economy": ["economy"],
    "fifties": ["fifties", "fastest fifty"],
    "five-wicket hauls": ["five wicket hauls"],
    "four-wicket hauls": ["four wicket hauls"],
    "fours": ["fours"],
    "runs": ["runs", "total"],
    "sixes": ["sixes"],
    "strike rate": ["strike rate"],
    "stumpings": ["stumpings", "dismissals"],
    "wickets": ["wickets"],
  ]

  /// Team results the glossary has no hint for, by the question's own word ("how many ties
  /// have there been for NZ in ODIs" came out as a list of batters by runs). "tied", "drawn"
  /// are left out: they are also filters (`result = tied`).
  static let resultWords: [String: String] = ["ties": "ties", "draws": "draws"]

  /// The named measures the query does not give.
  static func missing(_ query: DSLQuery, question: UnderstoodQuestion) -> [String] {
    // "runs conceded" answers "runs" only when the question is about conceding.
    let text = question.question.lowercased()
    let conceding = text.contains("conced")
    // "top 5 wicket takers" reaches the glossary as "five-wicket hauls": not a haul question.
    let takers = text.contains("wicket taker") || text.contains("wicket-taker")
    let fastest = QuestionWords(question).contains(any: FastestFix.words)
    // A measure named as a threshold ("min 100 wickets") is given by the `min` qualifier.
    let written: Set<String> =
      switch query.head {
      case .ranking(let r): Set([r.measure.word] + query.qualifiers.map(\.measure.rawValue))
      case .stats(let s): Set(s.measures.map(\.word))
      }
    let named = question.hints.measures.filter { hint in
      guard var accepted = answers[hint] else { return false }
      if hint == "runs" && conceding { accepted.insert("runs conceded") }
      if hint.hasSuffix("-wicket hauls") && takers { accepted.insert("wickets") }
      // "Mr 360 IPL fifties" counts fifties; the fewest balls to one is asked as "fastest".
      if !fastest { accepted.subtract(["fastest fifty", "fastest hundred"]) }
      return written.isDisjoint(with: accepted)
    }
    let results = QuestionWords(question).words.compactMap { resultWords[$0] }
      .filter { !written.contains($0) }
    return named + Array(Set(results)).sorted()
  }
}
