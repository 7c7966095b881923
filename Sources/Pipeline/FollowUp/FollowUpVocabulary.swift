import DSL

/// The words a follow-up may use, beyond the entities, formats and years the linker finds.
/// Every word of a follow-up must be one of these (or an entity): anything else means it is not
/// clearly a follow-up, and the full pipeline answers it.
enum FollowUpVocabulary {
  /// Words that carry no change of their own ("and what about his ...?").
  static let filler: Set<String> = [
    "and", "what", "whats", "about", "how", "hows", "only", "just", "then", "now", "same", "but",
    "for", "the", "in", "at", "of", "please", "his", "her", "their", "him", "them", "its", "he",
    "she", "they", "did", "do", "does", "is", "was", "were", "with", "a", "an", "this", "that",
    "those", "these", "there", "ok", "okay", "also", "too", "again", "on", "so", "well", "against",
    "vs", "v", "versus", "by", "to", "from", "since", "before", "after", "during", "between",
    "until", "till", "record", "stats", "numbers", "many", "much", "hit", "score", "scored",
    "take", "taken", "took", "get", "got", "have", "has", "had", "show", "me", "one", "ones",
    "list", "it", "like", "look", "see", "give", "playing", "played", "year", "years", "season",
    "seasons",
  ]

  /// Phrases that change the query, longest first when matched.
  static let phrases: [(words: [String], edit: FollowUpEdit)] = {
    var table: [(String, FollowUpEdit)] = [
      ("instead", .instead), ("rather", .instead),
      // Formats come masked as the DSL spells them ("Tests" → "Test").
      ("test", .format(.test)), ("odi", .format(.odi)), ("t20i", .format(.t20i)),
      ("ipl", .format(.ipl)), ("all formats", .format(nil)), ("any format", .format(nil)),
      ("every format", .format(nil)), ("overall", .format(nil)),
      ("all time", .time([])), ("ever", .time([])), ("whole career", .time([])),
      ("career", .time([])),
      ("final", stage("final")), ("finals", stage("final")), ("semi final", stage("semi final")),
      ("semi finals", stage("semi final")), ("semifinal", stage("semi final")),
      ("semifinals", stage("semi final")), ("semis", stage("semi final")),
      // Phases and batting orders come masked as the glossary's canonical words.
      ("powerplay", filter(.phase, "powerplay")), ("middle overs", filter(.phase, "middle")),
      ("death overs", filter(.phase, "death")),
      ("openers", filter(.position, "opener")), ("opener", filter(.position, "opener")),
      ("as opener", filter(.position, "opener")), ("top order", filter(.position, "top order")),
      ("middle order", filter(.position, "middle order")), ("tail", filter(.position, "tail")),
      ("home", filter(.location, "home")), ("at home", filter(.location, "home")),
      ("away", filter(.location, "away")), ("away from home", filter(.location, "away")),
      ("overseas", filter(.location, "away")), ("neutral", filter(.location, "neutral")),
      ("neutral venues", filter(.location, "neutral")),
      ("per year", .breakdown(.year)), ("by year", .breakdown(.year)),
      ("each year", .breakdown(.year)), ("every year", .breakdown(.year)),
      ("year by year", .breakdown(.year)), ("year wise", .breakdown(.year)),
      ("per season", .breakdown(.season)), ("by season", .breakdown(.season)),
      ("season by season", .breakdown(.season)), ("each season", .breakdown(.season)),
      ("per format", .breakdown(.format)), ("by format", .breakdown(.format)),
      ("each format", .breakdown(.format)), ("format wise", .breakdown(.format)),
      ("per opposition", .breakdown(.opposition)), ("by opposition", .breakdown(.opposition)),
      ("against each team", .breakdown(.opposition)),
      ("against each opponent", .breakdown(.opposition)),
      ("per opponent", .breakdown(.opposition)), ("per venue", .breakdown(.venue)),
      ("by venue", .breakdown(.venue)), ("at each ground", .breakdown(.venue)),
      ("per ground", .breakdown(.venue)), ("by ground", .breakdown(.venue)),
      ("per country", .breakdown(.country)), ("by country", .breakdown(.country)),
      ("in each country", .breakdown(.country)),
    ]
    for (phrase, word) in measureWords { table.append((phrase, .measure(word))) }
    return table.map { (words: $0.0.split(separator: " ").map(String.init), edit: $0.1) }
      .sorted { $0.words.count > $1.words.count }
  }()

  /// How fans write a measure (after the glossary's rewriting) → the DSL's word.
  static let measureWords: [(String, String)] = [
    ("runs", "runs"), ("wickets", "wickets"), ("sixes", "sixes"), ("fours", "fours"),
    ("centuries", "hundreds"), ("century", "hundreds"), ("hundreds", "hundreds"),
    ("fifties", "fifties"), ("fifty", "fifties"), ("five wicket hauls", "five wicket hauls"),
    ("four wicket hauls", "four wicket hauls"), ("ducks", "ducks"), ("duck", "ducks"),
    ("strike rate", "strike rate"), ("economy", "economy"), ("average", "average"),
    ("dot balls", "dots"), ("dots", "dots"), ("catches", "catches"), ("stumpings", "stumpings"),
    ("maidens", "maidens"), ("not outs", "not outs"), ("balls", "balls"),
    ("balls faced", "balls"), ("innings", "innings"), ("overs", "overs"), ("matches", "matches"),
    ("run outs", "run outs"), ("wins", "wins"), ("losses", "losses"), ("draws", "draws"),
    ("ties", "ties"), ("no results", "no results"), ("win percentage", "win %"),
    ("win %", "win %"), ("highest score", "highest score"), ("best figures", "best figures"),
    ("runs conceded", "runs conceded"), ("dismissals", "dismissals"),
  ]

  /// Words before a team that give its role.
  static let teamRoles: [String: TeamRole] = [
    "for": .team, "of": .team, "by": .team, "against": .opposition, "vs": .opposition,
    "v": .opposition, "versus": .opposition, "playing": .opposition, "in": .country,
  ]

  /// Words before a player that make him the opponent faced.
  static let opponentWords: Set<String> = ["against", "vs", "v", "versus", "facing"]

  private static func stage(_ word: String) -> FollowUpEdit {
    .filter(Filter(.stage, .one(.word(word))))
  }

  private static func filter(_ field: FilterField, _ word: String) -> FollowUpEdit {
    .filter(Filter(field, .one(.word(word))))
  }
}
