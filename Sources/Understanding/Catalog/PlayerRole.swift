/// What a player mostly does, from career runs and wickets per match over all formats: decides
/// whether "Smith's average" means batting (he bats) or "Bumrah's average" bowling, and whether
/// "X vs Y" can be a batter facing a bowler.
public enum PlayerRole: String, Sendable {
  case batter, bowler, allrounder
}

extension PlayerRecord {
  /// Batter: under 0.5 wickets a match (Smith 0.2, Root 0.3). Bowler: 0.8 or more wickets and
  /// under 15 runs a match (Bumrah, Anderson, Ashwin about 10). Everyone else (Jadeja about 16
  /// runs a match, Stokes) is an all-rounder, for whom the question's words must decide.
  public var role: PlayerRole {
    let games = Double(max(1, matches))
    let wicketsPerMatch = Double(wickets) / games
    let runsPerMatch = Double(runs) / games
    if wicketsPerMatch < 0.5 { return .batter }
    if wicketsPerMatch >= 0.8 && runsPerMatch < 15 { return .bowler }
    return .allrounder
  }
}
