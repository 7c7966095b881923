/// The scoring conventions the derived tables follow (see docs/schema.md).
public enum CricketRules {
  /// Dismissals credited to the bowler.
  public static let bowlerWicketKinds: Set<String> = [
    "bowled", "caught", "caught and bowled", "lbw", "stumped", "hit wicket",
  ]

  /// Ways of leaving the crease that do not count as out (nor as a team wicket).
  public static let notOutKinds: Set<String> = ["retired hurt", "retired not out"]

  /// The format of a match, from its `info`: nil when cricq does not cover it.
  public static func format(matchType: String, teamType: String, gender: String, event: String?)
    -> String?
  {
    guard gender == "male" else { return nil }
    switch matchType {
    case "Test": return "Test"
    case "ODI": return "ODI"
    case "T20" where teamType == "international": return "T20I"
    case "T20" where event == "Indian Premier League": return "IPL"
    default: return nil
    }
  }

  /// Powerplay, middle or death overs for a 1-based over; nil in Tests.
  public static func phase(format: String, overNumber: Int) -> String? {
    switch format {
    case "T20I", "IPL":
      return overNumber <= 6 ? "powerplay" : overNumber <= 15 ? "middle" : "death"
    case "ODI":
      return overNumber <= 10 ? "powerplay" : overNumber <= 40 ? "middle" : "death"
    default:
      return nil
    }
  }
}
