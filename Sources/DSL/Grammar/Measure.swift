/// What a measure is counted over: the word after `top N` (`batters`, `spells`, ...) or the
/// discipline that starts a stats query (`batting`, `bowling`, ...).
public enum MeasureContext: String, CaseIterable, Hashable, Sendable {
  case batting, bowling, fielding, team, allround
  case innings, spells, partnerships
  case teamInnings = "team innings"
  case matches
  case matchFigures = "match figures"
}

/// Every measure the DSL knows. The same word can name different measures in different contexts
/// (`average` is runs per dismissal for batting, runs conceded per wicket for bowling), so a
/// measure is identified by its context and its word together.
public enum Measure: String, CaseIterable, Hashable, Sendable {
  // batting
  case battingMatches, battingInnings, notOuts, battingRuns, battingBalls, battingAverage,
    battingStrikeRate, highestScore, hundreds, fifties, ducks, fours, sixes, battingDots,
    battingDismissals
  // bowling
  case bowlingMatches, bowlingInnings, wickets, bowlingBalls, overs, maidens, runsConceded,
    bowlingAverage, economy, bowlingStrikeRate, bestFigures, fourWicketHauls, fiveWicketHauls,
    bowlingDots
  // fielding
  case fieldingMatches, catches, stumpings, runOuts, fieldingDismissals
  // all-rounders: batting and bowling side by side
  case allroundMatches, allroundRuns, allroundBattingAverage, allroundHundreds, allroundFifties,
    allroundWickets, allroundBowlingAverage, allroundFiveWicketHauls
  // team results
  case teamMatches, wins, losses, draws, ties, noResults, winPercentage
  // single innings records
  case inningsRuns, inningsBalls, inningsFours, inningsSixes, inningsStrikeRate, fastestFifty,
    fastestHundred
  // single spells (a bowler's figures in one innings)
  case spellWickets, spellRunsConceded, spellEconomy, spellDots
  // partnerships
  case partnershipRuns, partnershipBalls
  // team innings
  case total
  // one player's whole match: a batter's innings added up, a bowler's match figures
  case matchRuns, matchBalls, matchFours, matchSixes, matchWickets

  public struct Info: Sendable {
    /// The context the measure belongs to.
    public let context: MeasureContext
    /// The word the DSL spells it with, unique within its context.
    public let word: String
    /// True when a larger value is better, so `top` sorts descending.
    public let higherIsBetter: Bool
    /// Whether the measure can order a `top N` list.
    public let rankable: Bool
  }

  public var info: Info {
    switch self {
    case .battingMatches:
      Info(context: .batting, word: "matches", higherIsBetter: true, rankable: true)
    case .battingInnings:
      Info(context: .batting, word: "innings", higherIsBetter: true, rankable: true)
    case .notOuts: Info(context: .batting, word: "not outs", higherIsBetter: true, rankable: true)
    case .battingRuns: Info(context: .batting, word: "runs", higherIsBetter: true, rankable: true)
    case .battingBalls: Info(context: .batting, word: "balls", higherIsBetter: true, rankable: true)
    case .battingAverage:
      Info(context: .batting, word: "average", higherIsBetter: true, rankable: true)
    case .battingStrikeRate:
      Info(context: .batting, word: "strike rate", higherIsBetter: true, rankable: true)
    case .highestScore:
      Info(context: .batting, word: "highest score", higherIsBetter: true, rankable: false)
    case .hundreds: Info(context: .batting, word: "hundreds", higherIsBetter: true, rankable: true)
    case .fifties: Info(context: .batting, word: "fifties", higherIsBetter: true, rankable: true)
    case .ducks: Info(context: .batting, word: "ducks", higherIsBetter: true, rankable: true)
    case .fours: Info(context: .batting, word: "fours", higherIsBetter: true, rankable: true)
    case .sixes: Info(context: .batting, word: "sixes", higherIsBetter: true, rankable: true)
    case .battingDots: Info(context: .batting, word: "dots", higherIsBetter: true, rankable: true)
    case .battingDismissals:
      Info(context: .batting, word: "dismissals", higherIsBetter: true, rankable: true)

    case .bowlingMatches:
      Info(context: .bowling, word: "matches", higherIsBetter: true, rankable: true)
    case .bowlingInnings:
      Info(context: .bowling, word: "innings", higherIsBetter: true, rankable: true)
    case .wickets: Info(context: .bowling, word: "wickets", higherIsBetter: true, rankable: true)
    case .bowlingBalls: Info(context: .bowling, word: "balls", higherIsBetter: true, rankable: true)
    case .overs: Info(context: .bowling, word: "overs", higherIsBetter: true, rankable: true)
    case .maidens: Info(context: .bowling, word: "maidens", higherIsBetter: true, rankable: true)
    case .runsConceded:
      Info(context: .bowling, word: "runs conceded", higherIsBetter: true, rankable: true)
    case .bowlingAverage:
      Info(context: .bowling, word: "average", higherIsBetter: false, rankable: true)
    case .economy: Info(context: .bowling, word: "economy", higherIsBetter: false, rankable: true)
    case .bowlingStrikeRate:
      Info(context: .bowling, word: "strike rate", higherIsBetter: false, rankable: true)
    case .bestFigures:
      Info(context: .bowling, word: "best figures", higherIsBetter: true, rankable: false)
    case .fourWicketHauls:
      Info(context: .bowling, word: "four wicket hauls", higherIsBetter: true, rankable: true)
    case .fiveWicketHauls:
      Info(context: .bowling, word: "five wicket hauls", higherIsBetter: true, rankable: true)
    case .bowlingDots: Info(context: .bowling, word: "dots", higherIsBetter: true, rankable: true)

    case .fieldingMatches:
      Info(context: .fielding, word: "matches", higherIsBetter: true, rankable: true)
    case .catches: Info(context: .fielding, word: "catches", higherIsBetter: true, rankable: true)
    case .stumpings:
      Info(context: .fielding, word: "stumpings", higherIsBetter: true, rankable: true)
    case .runOuts: Info(context: .fielding, word: "run outs", higherIsBetter: true, rankable: true)
    case .fieldingDismissals:
      Info(context: .fielding, word: "dismissals", higherIsBetter: true, rankable: true)

    case .allroundMatches:
      Info(context: .allround, word: "matches", higherIsBetter: true, rankable: true)
    case .allroundRuns: Info(context: .allround, word: "runs", higherIsBetter: true, rankable: true)
    case .allroundBattingAverage:
      Info(context: .allround, word: "batting average", higherIsBetter: true, rankable: true)
    case .allroundHundreds:
      Info(context: .allround, word: "hundreds", higherIsBetter: true, rankable: true)
    case .allroundFifties:
      Info(context: .allround, word: "fifties", higherIsBetter: true, rankable: true)
    case .allroundWickets:
      Info(context: .allround, word: "wickets", higherIsBetter: true, rankable: true)
    case .allroundBowlingAverage:
      Info(context: .allround, word: "bowling average", higherIsBetter: false, rankable: true)
    case .allroundFiveWicketHauls:
      Info(context: .allround, word: "five wicket hauls", higherIsBetter: true, rankable: true)

    case .teamMatches: Info(context: .team, word: "matches", higherIsBetter: true, rankable: true)
    case .wins: Info(context: .team, word: "wins", higherIsBetter: true, rankable: true)
    case .losses: Info(context: .team, word: "losses", higherIsBetter: true, rankable: true)
    case .draws: Info(context: .team, word: "draws", higherIsBetter: true, rankable: true)
    case .ties: Info(context: .team, word: "ties", higherIsBetter: true, rankable: true)
    case .noResults: Info(context: .team, word: "no results", higherIsBetter: true, rankable: true)
    case .winPercentage: Info(context: .team, word: "win %", higherIsBetter: true, rankable: true)

    case .inningsRuns: Info(context: .innings, word: "runs", higherIsBetter: true, rankable: true)
    case .inningsBalls: Info(context: .innings, word: "balls", higherIsBetter: true, rankable: true)
    case .inningsFours: Info(context: .innings, word: "fours", higherIsBetter: true, rankable: true)
    case .inningsSixes: Info(context: .innings, word: "sixes", higherIsBetter: true, rankable: true)
    case .inningsStrikeRate:
      Info(context: .innings, word: "strike rate", higherIsBetter: true, rankable: true)
    case .fastestFifty:
      Info(context: .innings, word: "fastest fifty", higherIsBetter: false, rankable: true)
    case .fastestHundred:
      Info(context: .innings, word: "fastest hundred", higherIsBetter: false, rankable: true)

    case .spellWickets:
      Info(context: .spells, word: "wickets", higherIsBetter: true, rankable: true)
    case .spellRunsConceded:
      Info(context: .spells, word: "runs conceded", higherIsBetter: true, rankable: true)
    case .spellEconomy:
      Info(context: .spells, word: "economy", higherIsBetter: false, rankable: true)
    case .spellDots: Info(context: .spells, word: "dots", higherIsBetter: true, rankable: true)

    case .partnershipRuns:
      Info(context: .partnerships, word: "runs", higherIsBetter: true, rankable: true)
    case .partnershipBalls:
      Info(context: .partnerships, word: "balls", higherIsBetter: true, rankable: true)

    case .total: Info(context: .teamInnings, word: "total", higherIsBetter: true, rankable: true)

    case .matchRuns: Info(context: .matches, word: "runs", higherIsBetter: true, rankable: true)
    case .matchBalls: Info(context: .matches, word: "balls", higherIsBetter: true, rankable: true)
    case .matchFours: Info(context: .matches, word: "fours", higherIsBetter: true, rankable: true)
    case .matchSixes: Info(context: .matches, word: "sixes", higherIsBetter: true, rankable: true)
    case .matchWickets:
      Info(context: .matchFigures, word: "wickets", higherIsBetter: true, rankable: true)
    }
  }

  public var context: MeasureContext { info.context }
  public var word: String { info.word }

  /// The measures of a context, in declaration order.
  public static func all(in context: MeasureContext) -> [Measure] {
    allCases.filter { $0.context == context }
  }

  /// The measure spelled `word` in `context`.
  public static func named(_ word: String, in context: MeasureContext) -> Measure? {
    allCases.first { $0.context == context && $0.word == word }
  }
}
