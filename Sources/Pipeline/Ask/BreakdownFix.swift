import DSL
import Understanding

/// "Babar Azam ODI runs year by year", "Rohit sixes in each format": the question asks for one
/// row per year, format or opponent. The model sometimes drops the `per` clause or writes one
/// player's numbers as a leaderboard (`top 10 batters by runs where player = <player1>`); the
/// phrase decides, and one player's leaderboard becomes his stats.
enum BreakdownFix {
  /// Phrases (lowercase words) → the breakdown they ask for.
  static let phrases: [(String, Breakdown)] = [
    ("year by year", .year), ("each year", .year), ("every year", .year), ("per year", .year),
    ("by year", .year), ("yearly", .year), ("year wise", .year), ("season by season", .year),
    ("each season", .year), ("every season", .year), ("per season", .year), ("by season", .year),
    ("each format", .format), ("every format", .format), ("per format", .format),
    ("by format", .format), ("all formats", .format), ("across formats", .format),
    ("format by format", .format), ("each team", .opposition), ("every team", .opposition),
    ("each opponent", .opposition), ("every opponent", .opposition),
    ("each opposition", .opposition), ("per opposition", .opposition),
  ]

  static func asked(_ question: UnderstoodQuestion) -> Breakdown? {
    let text = " " + QuestionWords(question).words.joined(separator: " ") + " "
    return phrases.first { text.contains(" \($0.0) ") }?.1
  }

  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    iplSeasonIsYear(&query, &notes)
    guard query.breakdown == nil, let breakdown = asked(question) else { return }
    // A breakdown by a field the query pins to one value would be one row: leave it.
    let pinned: FilterField? =
      switch breakdown {
      case .year: .year
      case .format: .format
      case .opposition: .opposition
      default: nil
      }
    guard !query.filters.contains(where: { $0.field == pinned }) else { return }
    if case .ranking(let ranking) = query.head {
      let discipline: Discipline? =
        switch ranking.subject {
        case .batters: .batting
        case .bowlers: .bowling
        case .fielders: .fielding
        default: nil
        }
      guard let discipline, query.filters.filter({ $0.field == .player }).count == 1,
        let measure = Measure.named(ranking.measure.word, in: discipline.context)
      else { return }
      query.head = .stats(Stats(discipline: discipline, measures: [measure]))
      query.qualifiers = []
    }
    notes.append("per \(breakdown.rawValue): the question asks for one row per \(breakdown)")
    query.breakdown = breakdown
  }

  /// An IPL season is its calendar year (the DSL's convention): Cricsheet labels three of them
  /// "2007/08", "2009/10" and "2020/21", so `per season` rows would not read as the years fans
  /// mean ("RCB wins each season").
  static func iplSeasonIsYear(_ query: inout DSLQuery, _ notes: inout [String]) {
    guard query.breakdown == .season,
      query.filters.contains(Filter(.format, .one(.word("IPL"))))
    else { return }
    notes.append("per year: an IPL season is its calendar year")
    query.breakdown = .year
  }
}
