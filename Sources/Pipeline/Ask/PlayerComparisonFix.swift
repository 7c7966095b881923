import DSL
import Understanding

/// "X vs Y" with two players. The model writes every one as `player = X and bowler = Y` (or
/// `batter = Y`, or `player = X and player = Y`); the players' roles decide what it is:
/// - two batters (Williamson vs Root) or two bowlers (Bumrah vs Starc) are compared:
///   `player in (X, Y) ... per player`;
/// - a batter and a bowler are a match-up, the batter's runs off the bowler
///   (`batting runs, balls, dismissals where player = X and bowler = Y`) or the bowler's
///   wickets of the batter (`bowling wickets, balls, runs conceded where player = X and
///   batter = Y`), whichever way round the question names them.
/// All-rounders leave the model's reading.
enum PlayerComparisonFix {
  static func apply(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, players: NameIndex?,
    _ notes: inout [String]
  ) {
    matchUpWrittenAsComparison(&query, question, players: players)
    guard case .stats = query.head, query.breakdown == nil,
      let subject = query.filters.firstIndex(where: { $0.field == .player }),
      case .one(.placeholder(let first)) = query.filters[subject].value,
      let rival = query.filters.indices.first(where: { i in
        i != subject && [.player, .bowler, .batter].contains(query.filters[i].field)
      }),
      case .one(.placeholder(let second)) = query.filters[rival].value,
      let a = role(first, question, players), let b = role(second, question, players)
    else { return }
    let field = query.filters[rival].field
    if field == .player || (a == b && a != .allrounder) {
      notes.append("player in (\(first), \(second)) per player: the two are compared")
      query.filters[subject] = Filter(.player, .list([.placeholder(first), .placeholder(second)]))
      query.filters.remove(at: rival)
      query.breakdown = .player
      return
    }
    let bowlsToRival = a == .bowler || b == .batter
    let batsAgainstRival = a == .batter || b == .bowler
    guard bowlsToRival != batsAgainstRival else { return }
    let wanted: FilterField = bowlsToRival ? .batter : .bowler
    let discipline: Discipline = bowlsToRival ? .bowling : .batting
    guard case .stats(let stats) = query.head,
      field != wanted || stats.discipline != discipline
    else { return }
    query.filters[rival] = Filter(wanted, .one(.placeholder(second)))
    if stats.discipline != discipline {
      query.head = .stats(
        bowlsToRival
          ? Stats(discipline: .bowling, measures: [.wickets, .bowlingBalls, .runsConceded])
          : Stats(
            discipline: .batting, measures: [.battingRuns, .battingBalls, .battingDismissals]))
    }
    let how = bowlsToRival ? "bowls to" : "bats against"
    notes.append("\(discipline.word) and \(wanted.word) = \(second): \(first) \(how) \(second)")
  }

  /// "kohli vs rashid khan ipl" came out as `player in (X, Y) ... per player` (both bowling):
  /// a batter and a bowler named with "vs" are rewritten as `player = X and bowler = Y`, which
  /// the rules above then turn into the match-up from the right side.
  static func matchUpWrittenAsComparison(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, players: NameIndex?
  ) {
    guard case .stats = query.head, query.breakdown == .player,
      let i = query.filters.firstIndex(where: { $0.field == .player }),
      case .list(let named) = query.filters[i].value, named.count == 2,
      case .placeholder(let first) = named[0], case .placeholder(let second) = named[1],
      let a = role(first, question, players), let b = role(second, question, players),
      a != b, a != .allrounder, b != .allrounder,
      QuestionWords(question).contains(any: MissingPlaceholderFix.versusWords)
    else { return }
    query.filters[i] = Filter(.player, .one(.placeholder(first)))
    query.filters.insert(Filter(.bowler, .one(.placeholder(second))), at: i + 1)
    query.breakdown = nil
  }

  static func role(_ p: Placeholder, _ question: UnderstoodQuestion, _ players: NameIndex?)
    -> PlayerRole?
  {
    question.values[p.description].flatMap { players?.player(named: $0)?.role }
  }
}
