/// Decodes a Cricsheet JSON match file into `CricsheetMatch`, skipping fields cricq does not
/// store. Required fields (`info.teams`, `info.dates`, `info.venue`, `innings`, and in each
/// delivery `batter`, `bowler`, `non_striker`, `runs`) are checked; a file missing one fails with
/// its name and the field.
enum CricsheetDecoder {
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws -> CricsheetMatch {
    var cursor = JSONCursor(bytes, name: name)
    var match = CricsheetMatch()
    var sawInfo = false
    var sawInnings = false
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "meta":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "data_version": match.dataVersion = try cursor.readStringOrNumber()
          default: try cursor.skipValue()
          }
        }
      case "info":
        try decodeInfo(&cursor, into: &match)
        sawInfo = true
      case "innings":
        try cursor.beginArray()
        while try cursor.nextElement() {
          match.innings.append(try decodeInnings(&cursor))
        }
        sawInnings = true
      default:
        try cursor.skipValue()
      }
    }
    try cursor.end()
    let missing = { (field: String) in ImportError.badJSON(name, "missing required field `\(field)`") }
    guard sawInfo else { throw missing("info") }
    guard sawInnings else { throw missing("innings") }
    guard match.teams.count == 2 else {
      throw ImportError.badJSON(name, "`info.teams` should name 2 teams, found \(match.teams.count)")
    }
    guard !match.dates.isEmpty else { throw missing("info.dates") }
    guard !match.venue.isEmpty else { throw missing("info.venue") }
    guard !match.matchType.isEmpty else { throw missing("info.match_type") }
    return match
  }

  private static func readStrings(_ cursor: inout JSONCursor) throws -> [String] {
    var values: [String] = []
    try cursor.beginArray()
    while try cursor.nextElement() { values.append(try cursor.readString()) }
    return values
  }

  private static func decodeInfo(_ cursor: inout JSONCursor, into match: inout CricsheetMatch) throws {
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "balls_per_over": match.ballsPerOver = try cursor.readInt()
      case "city": match.city = try cursor.readString()
      case "dates": match.dates = try readStrings(&cursor)
      case "event":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "name": match.eventName = try cursor.readString()
          case "stage": match.eventStage = try cursor.readString()
          case "group": match.eventGroup = try cursor.readStringOrNumber()
          case "match_number": match.eventMatchNumber = try cursor.readInt()
          default: try cursor.skipValue()
          }
        }
      case "gender": match.gender = try cursor.readString()
      case "match_type": match.matchType = try cursor.readString()
      case "outcome": match.outcome = try decodeOutcome(&cursor)
      case "overs": match.overs = try cursor.readInt()
      case "player_of_match": match.playerOfMatch = try readStrings(&cursor)
      case "players":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          match.players.append((team: key.string, names: try readStrings(&cursor)))
        }
      case "registry":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "people":
            try cursor.beginObject()
            while let person = try cursor.nextKey() {
              match.registry[person.string] = try cursor.readString()
            }
          default: try cursor.skipValue()
          }
        }
      case "season": match.season = try cursor.readStringOrNumber()
      case "team_type": match.teamType = try cursor.readString()
      case "teams": match.teams = try readStrings(&cursor)
      case "toss":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "winner": match.tossWinner = try cursor.readString()
          case "decision": match.tossDecision = try cursor.readString()
          default: try cursor.skipValue()
          }
        }
      case "venue": match.venue = try cursor.readString()
      default: try cursor.skipValue()
      }
    }
  }

  private static func decodeOutcome(_ cursor: inout JSONCursor) throws -> CricsheetMatch.Outcome {
    var outcome = CricsheetMatch.Outcome()
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "winner": outcome.winner = try cursor.readString()
      case "result": outcome.result = try cursor.readString()
      case "method": outcome.method = try cursor.readString()
      case "eliminator": outcome.eliminator = try cursor.readString()
      case "bowl_out": outcome.bowlOut = try cursor.readString()
      case "by":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "runs": outcome.byRuns = try cursor.readInt()
          case "wickets": outcome.byWickets = try cursor.readInt()
          case "innings": outcome.byInnings = try cursor.readInt()
          default: try cursor.skipValue()
          }
        }
      default: try cursor.skipValue()
      }
    }
    return outcome
  }

  private static func decodeInnings(_ cursor: inout JSONCursor) throws -> CricsheetMatch.Innings {
    var innings = CricsheetMatch.Innings()
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "team": innings.team = try cursor.readString()
      case "declared": innings.declared = try cursor.readBool()
      case "forfeited": innings.forfeited = try cursor.readBool()
      case "super_over": innings.superOver = try cursor.readBool()
      case "absent_hurt": innings.absentHurt = try readStrings(&cursor)
      case "target":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "runs": innings.targetRuns = try cursor.readInt()
          case "overs": innings.targetOvers = try cursor.readDouble()
          default: try cursor.skipValue()
          }
        }
      case "penalty_runs":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "pre": innings.penaltyPre = try cursor.readInt()
          case "post": innings.penaltyPost = try cursor.readInt()
          default: try cursor.skipValue()
          }
        }
      case "overs":
        try cursor.beginArray()
        while try cursor.nextElement() {
          try decodeOver(&cursor, into: &innings.deliveries)
        }
      default: try cursor.skipValue()
      }
    }
    guard !innings.team.isEmpty else {
      throw ImportError.badJSON(cursor.name, "an innings has no `team`")
    }
    return innings
  }

  private static func decodeOver(
    _ cursor: inout JSONCursor, into deliveries: inout [CricsheetMatch.Delivery]
  ) throws {
    var over: Int?
    let first = deliveries.count
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "over": over = try cursor.readInt()
      case "deliveries":
        try cursor.beginArray()
        while try cursor.nextElement() { deliveries.append(try decodeDelivery(&cursor)) }
      default: try cursor.skipValue()
      }
    }
    guard let over else { throw ImportError.badJSON(cursor.name, "an over has no `over` number") }
    for index in first..<deliveries.count { deliveries[index].over = over }
  }

  private static func decodeDelivery(_ cursor: inout JSONCursor) throws -> CricsheetMatch.Delivery {
    var delivery = CricsheetMatch.Delivery()
    var sawRuns = false
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "batter": delivery.batter = try cursor.readString()
      case "bowler": delivery.bowler = try cursor.readString()
      case "non_striker": delivery.nonStriker = try cursor.readString()
      case "runs":
        sawRuns = true
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "batter": delivery.runsBatter = try cursor.readInt()
          case "extras": delivery.runsExtras = try cursor.readInt()
          case "total": delivery.runsTotal = try cursor.readInt()
          case "non_boundary": delivery.nonBoundary = try cursor.readBool()
          default: try cursor.skipValue()
          }
        }
      case "extras":
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
          switch key {
          case "wides": delivery.wides = try cursor.readInt()
          case "noballs": delivery.noballs = try cursor.readInt()
          case "byes": delivery.byes = try cursor.readInt()
          case "legbyes": delivery.legbyes = try cursor.readInt()
          case "penalty": delivery.penalty = try cursor.readInt()
          default: try cursor.skipValue()
          }
        }
      case "wickets":
        try cursor.beginArray()
        while try cursor.nextElement() { delivery.wickets.append(try decodeWicket(&cursor)) }
      default: try cursor.skipValue()
      }
    }
    guard !delivery.batter.isEmpty, !delivery.bowler.isEmpty, !delivery.nonStriker.isEmpty, sawRuns
    else {
      throw ImportError.badJSON(
        cursor.name, "a delivery before byte \(cursor.position) lacks batter, bowler, non_striker or runs")
    }
    return delivery
  }

  private static func decodeWicket(_ cursor: inout JSONCursor) throws -> CricsheetMatch.Wicket {
    var wicket = CricsheetMatch.Wicket()
    try cursor.beginObject()
    while let key = try cursor.nextKey() {
      switch key {
      case "kind": wicket.kind = try cursor.readString()
      case "player_out": wicket.playerOut = try cursor.readString()
      case "fielders":
        try cursor.beginArray()
        while try cursor.nextElement() {
          var fielder = CricsheetMatch.Fielder()
          try cursor.beginObject()
          while let key = try cursor.nextKey() {
            switch key {
            case "name": fielder.name = try cursor.readString()
            case "substitute": fielder.substitute = try cursor.readBool()
            default: try cursor.skipValue()
            }
          }
          if !fielder.name.isEmpty { wicket.fielders.append(fielder) }
        }
      default: try cursor.skipValue()
      }
    }
    guard !wicket.kind.isEmpty, !wicket.playerOut.isEmpty else {
      throw ImportError.badJSON(cursor.name, "a wicket before byte \(cursor.position) lacks kind or player_out")
    }
    return wicket
  }
}
