/// One Cricsheet match file, decoded: only the fields cricq stores, named as in the format
/// (https://cricsheet.org/format/json/, versions 1.0.0 and 1.1.0).
struct CricsheetMatch: Sendable {
  var dataVersion = ""
  var matchType = ""
  var teamType = ""
  var gender = ""
  var ballsPerOver = 6
  var city: String?
  var dates: [String] = []
  var eventName: String?
  var eventStage: String?
  var eventGroup: String?
  var eventMatchNumber: Int?
  var outcome = Outcome()
  var overs: Int?
  var playerOfMatch: [String] = []
  /// Team name → the players listed for it, in file order.
  var players: [(team: String, names: [String])] = []
  /// Person name → registry id.
  var registry: [String: String] = [:]
  var season = ""
  var teams: [String] = []
  var tossWinner: String?
  var tossDecision: String?
  var venue = ""
  var innings: [Innings] = []

  struct Outcome: Sendable {
    var winner: String?
    var result: String?
    var byRuns: Int?
    var byWickets: Int?
    var byInnings: Int?
    var method: String?
    var eliminator: String?
    var bowlOut: String?
  }

  struct Innings: Sendable {
    var team = ""
    var declared = false
    var forfeited = false
    var superOver = false
    var targetRuns: Int?
    var targetOvers: Double?
    var penaltyPre = 0
    var penaltyPost = 0
    var absentHurt: [String] = []
    var deliveries: [Delivery] = []
  }

  struct Delivery: Sendable {
    var over = 0
    var batter = ""
    var bowler = ""
    var nonStriker = ""
    var runsBatter = 0
    var runsExtras = 0
    var runsTotal = 0
    var nonBoundary = false
    var wides = 0
    var noballs = 0
    var byes = 0
    var legbyes = 0
    var penalty = 0
    var wickets: [Wicket] = []
  }

  struct Wicket: Sendable {
    var kind = ""
    var playerOut = ""
    var fielders: [Fielder] = []
  }

  struct Fielder: Sendable {
    var name = ""
    var substitute = false
  }
}
