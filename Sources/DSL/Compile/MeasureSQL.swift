/// A measure as SQL over grouped rows: what to show, and what to sort by.
struct MeasureSQL {
  /// The shown value (rounded, or formatted as text like `9.4` overs).
  var shown: String
  /// The exact value to sort by.
  var sortKey: String
  var type: ColumnType

  init(_ shown: String, sortKey: String? = nil, _ type: ColumnType) {
    self.shown = shown
    self.sortKey = sortKey ?? shown
    self.type = type
  }

  static func count(_ expr: String) -> MeasureSQL { MeasureSQL("COALESCE(SUM(\(expr)), 0)", .integer) }

  static func ratio(_ numerator: String, _ denominator: String, scale: String = "1.0") -> MeasureSQL {
    let exact = "(\(scale) * SUM(\(numerator)) / NULLIF(SUM(\(denominator)), 0))"
    return MeasureSQL("ROUND(\(exact), 2)", sortKey: exact, .real)
  }

  static func overs(_ legalBalls: String) -> MeasureSQL {
    MeasureSQL(
      "(COALESCE(SUM(\(legalBalls)), 0) / 6) || '.' || (COALESCE(SUM(\(legalBalls)), 0) % 6)",
      sortKey: "SUM(\(legalBalls))", .text)
  }

  /// A grouped measure. `matches` is built by the compiler (it needs the filters), so it is not
  /// here; `wicketKind` is the bound kind of a `dismissal` filter on ball-by-ball rows.
  static func aggregate(
    _ measure: Measure, _ source: RowSource, wicketKind: String?, againstBowler: Bool = false
  ) -> MeasureSQL? {
    switch source {
    case .battingInnings:
      switch measure {
      case .battingInnings: return MeasureSQL("COUNT(*)", .integer)
      case .notOuts: return count("1 - x.is_out")
      case .battingRuns: return count("x.runs")
      case .battingBalls: return count("x.balls")
      case .battingAverage: return ratio("x.runs", "x.is_out")
      case .battingStrikeRate: return ratio("x.runs", "x.balls", scale: "100.0")
      case .highestScore:
        // runs * 2 + not-out, so 200* ranks above 200; shown as "200*".
        let best = "MAX(x.runs * 2 + 1 - x.is_out)"
        return MeasureSQL(
          "CAST(\(best) / 2 AS TEXT) || CASE WHEN \(best) % 2 = 1 THEN '*' ELSE '' END",
          sortKey: best, .text)
      case .hundreds: return count("x.runs >= 100")
      case .fifties: return count("x.runs BETWEEN 50 AND 99")
      case .ducks: return count("x.is_out = 1 AND x.runs = 0")
      case .fours: return count("x.fours")
      case .sixes: return count("x.sixes")
      case .battingDots: return count("x.dots")
      case .battingDismissals: return count("x.is_out")
      default: return nil
      }
    case .battingBalls:
      // Out on a ball he faced (run outs included); against a named bowler only the bowler's
      // wickets count (see docs/DSL.md).
      let out =
        "(x.player_out_id = x.batter_id AND x.wicket_kind NOT IN ('retired hurt', 'retired not out')"
        + (wicketKind.map { " AND x.wicket_kind = \($0)" } ?? "")
        + (againstBowler ? " AND x.bowler_wicket = 1" : "") + ")"
      switch measure {
      case .battingInnings: return MeasureSQL("COUNT(DISTINCT x.innings_id)", .integer)
      case .battingRuns: return count("x.runs_batter")
      case .battingBalls: return count("x.wides = 0")
      case .battingAverage: return ratio("x.runs_batter", out)
      case .battingStrikeRate: return ratio("x.runs_batter", "x.wides = 0", scale: "100.0")
      case .fours: return count("x.is_four")
      case .sixes: return count("x.is_six")
      case .battingDots: return count("x.wides = 0 AND x.runs_batter = 0")
      case .battingDismissals: return count(out)
      default: return nil
      }
    case .bowlingInnings:
      switch measure {
      case .bowlingInnings: return MeasureSQL("COUNT(*)", .integer)
      case .wickets: return count("x.wickets")
      case .bowlingBalls: return count("x.legal_balls")
      case .overs: return overs("x.legal_balls")
      case .maidens: return count("x.maidens")
      case .runsConceded: return count("x.runs")
      case .bowlingAverage: return ratio("x.runs", "x.wickets")
      case .economy: return ratio("x.runs", "x.legal_balls", scale: "6.0")
      case .bowlingStrikeRate: return ratio("x.legal_balls", "x.wickets")
      case .bestFigures:
        // wickets * 10000 + (9999 - runs): most wickets, then fewest runs; shown "W/R".
        let best = "MAX(x.wickets * 10000 + 9999 - x.runs)"
        return MeasureSQL(
          "CAST(\(best) / 10000 AS TEXT) || '/' || CAST(9999 - \(best) % 10000 AS TEXT)",
          sortKey: best, .text)
      case .fourWicketHauls: return count("x.wickets = 4")
      case .fiveWicketHauls: return count("x.wickets >= 5")
      case .bowlingDots: return count("x.dots")
      default: return nil
      }
    case .bowlingBalls:
      let wicket = "(x.bowler_wicket = 1" + (wicketKind.map { " AND x.wicket_kind = \($0)" } ?? "") + ")"
      switch measure {
      case .bowlingInnings: return MeasureSQL("COUNT(DISTINCT x.innings_id)", .integer)
      case .wickets: return count(wicket)
      case .bowlingBalls: return count("x.is_legal")
      case .overs: return overs("x.is_legal")
      case .runsConceded: return count("x.bowler_runs")
      case .bowlingAverage: return ratio("x.bowler_runs", wicket)
      case .economy: return ratio("x.bowler_runs", "x.is_legal", scale: "6.0")
      case .bowlingStrikeRate: return ratio("x.is_legal", wicket)
      case .bowlingDots: return count("x.is_dot")
      default: return nil
      }
    case .fielding:
      switch measure {
      case .catches: return count("x.catches")
      case .stumpings: return count("x.stumpings")
      case .runOuts: return count("x.run_outs")
      case .fieldingDismissals: return count("x.catches + x.stumpings")
      default: return nil
      }
    case .teamMatches:
      let noResult = "m.result = 'no result'"
      switch measure {
      case .teamMatches: return MeasureSQL("COUNT(*)", .integer)
      case .wins: return count("m.winner_id = x.team_id")
      case .losses: return count("m.loser_id = x.team_id")
      case .draws: return count("m.result = 'draw'")
      case .ties: return count("m.result = 'tie'")
      case .noResults: return count(noResult)
      case .winPercentage:
        let exact = "(100.0 * SUM(m.winner_id = x.team_id) / NULLIF(COUNT(*) - SUM(\(noResult)), 0))"
        return MeasureSQL("ROUND(\(exact), 2)", sortKey: exact, .real)
      default: return nil
      }
    default:
      return nil
    }
  }
}
