import DSL
import Understanding

/// "babar azaam t20i fifties" came out as `allround fifties`, which lists only players who both
/// batted and bowled under the filters (Babar has not bowled in T20Is: no row). One player's
/// all-round stats whose measures are all batting ones (runs, batting average, hundreds,
/// fifties) or all bowling ones (wickets, bowling average, five wicket hauls) are batting or
/// bowling stats, unless the question says all-round.
enum AllroundFix {
  static let batting: [Measure: Measure] = [
    .allroundRuns: .battingRuns, .allroundBattingAverage: .battingAverage,
    .allroundHundreds: .hundreds, .allroundFifties: .fifties, .allroundMatches: .battingMatches,
  ]
  static let bowling: [Measure: Measure] = [
    .allroundWickets: .wickets, .allroundBowlingAverage: .bowlingAverage,
    .allroundFiveWicketHauls: .fiveWicketHauls, .allroundMatches: .bowlingMatches,
  ]
  static let allroundWords: Set<String> = ["all", "allround", "allrounder", "allrounders"]

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .stats(let stats) = query.head, stats.discipline == .allround,
      !QuestionWords(question).contains(any: allroundWords)
    else { return }
    for (discipline, table) in [(Discipline.batting, batting), (.bowling, bowling)] {
      let mapped = stats.measures.compactMap { table[$0] }
      guard mapped.count == stats.measures.count,
        mapped.contains(where: { ![.battingMatches, .bowlingMatches].contains($0) })
      else { continue }
      query.head = .stats(Stats(discipline: discipline, measures: mapped))
      notes.append("\(discipline.word) stats: the question names only \(discipline.word) measures")
      return
    }
  }
}
