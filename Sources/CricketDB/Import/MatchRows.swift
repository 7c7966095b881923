/// A match turned into rows, with players as indices into `people` (resolved to database ids by
/// the importer, on one thread, so ids are assigned in a fixed order).
struct MatchRows: Sendable {
  var id = 0
  var format = ""
  var info = CricsheetMatch()
  /// Everyone who appears in the match: name and Cricsheet registry id.
  var people: [(name: String, registryID: String)] = []
  /// For each of `info.teams`, the people listed as playing for it.
  var squads: [[Int]] = [[], []]
  var playerOfMatch: [Int] = []
  var result = "no result"
  /// Index into `info.teams` of the winner, loser and super-over winner.
  var winner: Int?
  var superOverWinner: Int?
  var innings: [InningsRows] = []

  func teamResult(_ team: Int) -> String {
    guard result == "won", let winner else { return result }
    return winner == team ? "won" : "lost"
  }
}

struct InningsRows: Sendable {
  var number = 0
  /// Index into `info.teams`.
  var battingTeam = 0
  var bowlingTeam: Int { 1 - battingTeam }
  var declared = false
  var forfeited = false
  var targetRuns: Int?
  var targetOvers: Double?
  var penaltyPre = 0
  var penaltyPost = 0
  var deliveries: [DeliveryRow] = []
  var dismissals: [DismissalRow] = []
  var batting: [BattingRow] = []
  var bowling: [BowlingRow] = []
  var fielding: [FieldingRow] = []
  var partnerships: [PartnershipRow] = []
  var total = TeamTotals()
}

struct DeliveryRow: Sendable {
  var over = 0
  var ball = 0
  var legalBall = 0
  var phase: String?
  var batter = 0
  var batterPosition = 0
  var nonStriker = 0
  var bowler = 0
  var runsBatter = 0
  var wides = 0
  var noballs = 0
  var byes = 0
  var legbyes = 0
  var penalty = 0
  var runsExtras = 0
  var runsTotal = 0
  var bowlerRuns = 0
  var nonBoundary = false
  var isFour = false
  var isSix = false
  var isLegal = false
  var isDot = false
  var wicketKind: String?
  var playerOut: Int?
  var fielder: Int?
  var bowlerWicket = false
}

struct DismissalRow: Sendable {
  /// Index of the delivery in `InningsRows.deliveries`.
  var delivery = 0
  var kind = ""
  var playerOut = 0
  var bowler = 0
  var fielder: Int?
  var fielder2: Int?
  var fielderSubstitute = false
  var wicketNumber: Int?
  var teamScore = 0
}

struct BattingRow: Sendable {
  var player = 0
  var position = 0
  var runs = 0
  var balls = 0
  var fours = 0
  var sixes = 0
  var dots = 0
  var isOut = false
  var howOut = "not out"
  var bowler: Int?
  var fielder: Int?
  var ballsTo50: Int?
  var ballsTo100: Int?
}

struct BowlingRow: Sendable {
  var player = 0
  var order = 0
  var legalBalls = 0
  var maidens = 0
  var runs = 0
  var wickets = 0
  var wides = 0
  var noballs = 0
  var dots = 0
  var fours = 0
  var sixes = 0
}

struct FieldingRow: Sendable {
  var player = 0
  var catches = 0
  var stumpings = 0
  var runOuts = 0
  var asSubstitute = false
}

struct PartnershipRow: Sendable {
  var wicket = 0
  var runs = 0
  var balls = 0
  var batter1 = 0
  var batter2 = 0
  var batter1Runs = 0
  var batter2Runs = 0
  var unbroken = false
}

struct TeamTotals: Sendable {
  var runs = 0
  var wickets = 0
  var legalBalls = 0
  var extras = 0
  var fours = 0
  var sixes = 0
  var allOut = false
}
