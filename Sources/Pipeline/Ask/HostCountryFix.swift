import DSL
import Understanding

/// "Ashwin Test wickets in India", "most T20I runs in the UAE": a national side named after
/// "in" is where the matches were played, the host `country`, not the side batting or bowling.
/// The model writes `team =` or `opposition =` there. Not for "in India vs Pakistan matches"
/// or "in India's wins", nor for IPL franchises. "Down under" (an alias of Australia) is always
/// the host: "rishabh pant runs down under in tests" lost it otherwise.
enum HostCountryFix {
  static let pairing: Set<String> = ["vs", "v", "versus", "against", "and", "or"]
  static let hostPhrases: Set<String> = ["down under"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, iplTeams: Set<String>,
    _ notes: inout [String]
  ) {
    let words = QuestionWords(question)
    for (i, filter) in query.filters.enumerated()
    where filter.field == .team || filter.field == .opposition {
      guard case .one(.placeholder(let p)) = filter.value, p.kind == .team,
        let value = question.values[p.description], !iplTeams.contains(value),
        isHost(p, question)
          || words.positions(of: p.description).contains(where: { at in
            words.before(at) == "in" && !pairing.contains(words.after(at) ?? "")
              && !question.masked.lowercased().contains("\(p.description)'s")
          })
      else { continue }
      notes.append("country = \(p): the question says in \(value), where the matches were played")
      query.filters[i] = Filter(.country, filter.value)
      return
    }
  }

  /// The side was named by a phrase that only ever means the host ("down under").
  static func isHost(_ placeholder: Placeholder, _ question: UnderstoodQuestion) -> Bool {
    question.bindings.contains {
      $0.placeholder == placeholder.description
        && hostPhrases.contains($0.span.text.lowercased())
    }
  }
}
