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

  /// The named measures the query does not give.
  static func missing(_ query: DSLQuery, question: UnderstoodQuestion) -> [String] {
    // "runs conceded" answers "runs" only when the question is about conceding.
    let text = question.question.lowercased()
    let conceding = text.contains("conced")
    // "top 5 wicket takers" reaches the glossary as "five-wicket hauls": not a haul question.
    let takers = text.contains("wicket taker") || text.contains("wicket-taker")
    // A measure named as a threshold ("min 100 wickets") is given by the `min` qualifier.
    let written: Set<String> =
      switch query.head {
      case .ranking(let r): Set([r.measure.word] + query.qualifiers.map(\.measure.rawValue))
      case .stats(let s): Set(s.measures.map(\.word))
      }
    return question.hints.measures.filter { hint in
      guard var accepted = answers[hint] else { return false }
      if hint == "runs" && conceding { accepted.insert("runs conceded") }
      if hint.hasSuffix("-wicket hauls") && takers { accepted.insert("wickets") }
      return written.isDisjoint(with: accepted)
    }
  }
}
