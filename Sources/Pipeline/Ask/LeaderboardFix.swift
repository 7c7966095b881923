import DSL
import Understanding

/// "most not outs in the IPL": a leaderboard. The model wrote one row of stats over everybody
/// (`batting innings, not outs, runs, average where format = IPL`). When the question asks for
/// the most of something, names no player (nor, for team stats, a team) and the stats give a
/// rankable measure the question names, the query becomes `top 10 <subject> by <measure>`.
enum LeaderboardFix {
  static let words: Set<String> = ["most", "highest", "top", "leading", "who", "which"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    bestOfEverybody(&query, question, &notes)
    guard case .stats(let stats) = query.head, query.breakdown == nil,
      !query.filters.contains(where: { $0.field == .player }),
      stats.discipline != .team || !query.filters.contains(where: { $0.field == .team }),
      QuestionWords(question).contains(any: words),
      !question.bindings.contains(where: { $0.kind == .num })
    else { return }
    let text = " " + QuestionWords(question).words.joined(separator: " ") + " "
    guard
      let measure = stats.measures.first(where: {
        $0.info.rankable
          && (text.contains(" \($0.word) ") || ($0.word == "matches" && MatchesFix.asked(question)))
      }),
      let subject = subject(stats.discipline)
    else { return }
    query.head = .ranking(
      Ranking(direction: .top, count: .number(10), subject: subject, measure: measure))
    notes.append(
      "top 10 \(subject.word) by \(measure.word): the question asks who has the most")
  }

  /// "best figures vs India in tests", "highest individual test scores vs England": one
  /// player's best (`bowling best figures`, `batting highest score`) written with no player is
  /// everybody's best, a list of spells or innings (the side after "vs" then becomes the
  /// opposition, as in any leaderboard).
  static func bestOfEverybody(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .stats(let stats) = query.head, query.breakdown == nil,
      !query.filters.contains(where: { $0.field == .player })
    else { return }
    let ranking: Ranking
    if stats.measures.contains(.bestFigures) {
      ranking = Ranking(
        direction: .top, count: .number(10), subject: .spells, measure: .spellWickets)
    } else if stats.measures.contains(.highestScore) {
      ranking = Ranking(
        direction: .top, count: .number(10), subject: .innings, measure: .inningsRuns)
    } else {
      return
    }
    query.head = .ranking(ranking)
    notes.append(
      "top 10 \(ranking.subject.word) by \(ranking.measure.word): the best of everybody, not one player's"
    )
    PostDecodingFixes.oppositionAfterAgainst(&query, question.masked, &notes)
  }

  static func subject(_ discipline: Discipline) -> RankSubject? {
    switch discipline {
    case .batting: .batters
    case .bowling: .bowlers
    case .fielding: .fielders
    case .allround: .allrounders
    case .team: .teams
    }
  }
}
