import DSL
import Understanding

/// "Jaddu Test wickets at home", "Kohli runs overseas": home or away the question says, and
/// the model dropped (no placeholder forces it). Added when the query has no `location`, for a
/// player or team, or a leaderboard of players or records ("best away test batting averages
/// since 2015"); both words, or neither, leave the query alone.
enum LocationFix {
  static let homeWords: Set<String> = ["home"]
  static let awayWords: Set<String> = ["away", "overseas", "abroad"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    var leaderboard = false
    if case .ranking = query.head { leaderboard = true }
    guard !query.filters.contains(where: { [.location, .country].contains($0.field) }),
      leaderboard || query.filters.contains(where: { [.player, .team].contains($0.field) })
    else { return }
    let words = QuestionWords(question)
    let home = words.contains(any: homeWords)
    guard home != words.contains(any: awayWords) else { return }
    let location = home ? "home" : "away"
    notes.append("location = \(location): the question says \(location)")
    query.filters.append(Filter(.location, .one(.word(location))))
  }
}
