import DSL
import Understanding

/// "how many ODIs has Kane Williamson played", "most T20I appearances", "Thala IPL matches":
/// matches played. The model has few such examples and wrote runs, wickets, or a list of teams
/// by matches. When the question asks for appearances and names no other measure, the query
/// gives `matches`: one player's or team's stats get the count (it replaces the model's
/// measures), and a leaderboard ranks players by it (teams only when the question says so).
enum MatchesFix {
  static let appearanceWords: Set<String> = ["appearances", "appearance", "caps", "games"]
  /// "played" asks for a count at the end of the question or before a scope word; "how has
  /// Kohli played against Anderson" does not.
  static let afterPlayed: Set<String> = [
    "in", "for", "since", "before", "between", "at", "so", "till", "until", "overall", "from",
    "during", "across",
  ]
  /// Results and other measures the question may name instead ("matches won").
  static let otherMeasureWords: Set<String> = [
    "won", "win", "wins", "lost", "loss", "losses", "drawn", "draw", "draws", "tied", "ties",
    "record", "innings", "not", "captain", "captained",
  ]
  static let teamWords: Set<String> = ["team", "teams", "side", "sides", "country", "countries"]

  static func asked(_ question: UnderstoodQuestion) -> Bool {
    guard question.hints.measures.isEmpty else { return false }
    let words = QuestionWords(question)
    guard !words.contains(any: otherMeasureWords) else { return false }
    if words.contains(any: appearanceWords) { return true }
    for (i, word) in words.words.enumerated() where word == "played" || word == "matches" {
      guard let next = words.after(i) else { return true }
      if afterPlayed.contains(next) || (word == "matches" && next == "played") { return true }
    }
    return false
  }

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard !query.filters.contains(where: { [.bowler, .batter].contains($0.field) }),
      asked(question)
    else { return }
    switch query.head {
    case .stats(var stats):
      guard !stats.measures.contains(where: { $0.word == "matches" }) else { return }
      // A player's appearances are counted over his batting rows: a bowling or fielding row
      // exists only in matches where he bowled or took a catch.
      if stats.discipline != .team { stats.discipline = .batting }
      guard let matches = Measure.named("matches", in: stats.discipline.context) else { return }
      notes.append("\(stats.discipline.word) matches: the question asks for matches played")
      stats.measures = [matches]
      query.head = .stats(stats)
    case .ranking(var ranking):
      let words = QuestionWords(question)
      let subject: RankSubject =
        ranking.subject == .teams && words.contains(any: teamWords) ? .teams : .batters
      guard let matches = Measure.named("matches", in: subject.context),
        ranking.measure != matches || ranking.subject != subject
      else { return }
      notes.append("top \(subject.word) by matches: the question asks for matches played")
      ranking.subject = subject
      ranking.measure = matches
      query.head = .ranking(ranking)
      query.qualifiers = []
    }
  }
}
