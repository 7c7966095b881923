import DSL

/// Applies follow-up edits to a query, one at a time. Each edit replaces what the query already
/// says of the same kind; a player named against a list of players turns the list into that
/// player's own figures ("top 10 bowlers by wickets" + "what about Bumrah?").
struct QueryEditor {
  private(set) var query: DSLQuery
  /// "instead": the first new measure replaces the old ones.
  private var replacingMeasures: Bool

  /// Player-list subjects and the stats discipline each becomes for one player.
  private static let disciplines: [RankSubject: Discipline] = [
    .batters: .batting, .bowlers: .bowling, .fielders: .fielding, .allrounders: .allround,
    .teams: .team,
  ]
  private static let timeFields: Set<FilterField> = [.year, .since, .before, .season, .date]

  init(_ query: DSLQuery, replacingMeasures: Bool) {
    self.query = query
    self.replacingMeasures = replacingMeasures
  }

  mutating func apply(_ edit: FollowUpEdit, keepFormat: Bool) throws(FollowUpError) {
    switch edit {
    case .instead: break
    case .format(let format):
      replace([.format], with: format.map { [Filter(.format, .one(.word($0.rawValue)))] } ?? [])
    case .time(let filters):
      replace(Self.timeFields, with: filters)
    case .player(let name): try setPlayer(name)
    case .opponentPlayer(let name): try setOpponent(name)
    case .team(let name, let role):
      if let role {
        try setTeam(name, role: role)
      } else {
        try setTeam(name, role: try inferredRole())
      }
    case .venue(let name):
      replace([.venue, .country], with: [Filter(.venue, .one(.name(name)))])
    case .event(let name):
      // A competition implies its format: a format kept from the last question would
      // contradict it ("IPL" + "and in the World Cup?").
      replace(keepFormat ? [.event] : [.event, .format], with: [Filter(.event, .one(.name(name)))])
    case .filter(let filter):
      replace([filter.field], with: [filter])
    case .measure(let word): try setMeasure(word)
    case .count(let direction, let n):
      guard case .ranking(var ranking) = query.head else {
        throw .doesNotFit(
          "\(direction.rawValue) \(n) needs a list, and the last question was not one")
      }
      ranking.direction = direction
      ranking.count = .number(n)
      query.head = .ranking(ranking)
    case .breakdown(let breakdown):
      guard case .stats = query.head else {
        throw .doesNotFit(
          "per \(breakdown.rawValue) needs figures, and the last question was a list")
      }
      query.breakdown = breakdown
    }
  }

  // MARK: Entities

  private mutating func setPlayer(_ name: String) throws(FollowUpError) {
    switch query.head {
    case .ranking(let ranking):
      switch ranking.subject {
      case .batters, .bowlers, .fielders, .allrounders:
        guard ranking.measure.info.rankable, let discipline = Self.disciplines[ranking.subject]
        else { throw .doesNotFit("the list's measure has no per-player figure") }
        query.head = .stats(Stats(discipline: discipline, measures: [ranking.measure]))
        query.qualifiers = []
      case .innings, .spells, .partnerships, .matches, .matchFigures: break
      case .teams, .teamInnings:
        throw .doesNotFit("\(name) is a player, and the last question listed teams")
      }
    case .stats(let stats):
      if stats.discipline == .team {
        throw .doesNotFit("\(name) is a player, and the last question was about a team")
      }
      if has([.batter, .bowler]) {
        throw .unclear("\(name) could replace either player of the last question")
      }
      if query.breakdown == .player { query.breakdown = nil }
    }
    replace([.player], with: [Filter(.player, .one(.name(name)))])
  }

  /// "against Anderson": the bowler a batter faced, or the batter a bowler bowled to.
  private mutating func setOpponent(_ name: String) throws(FollowUpError) {
    let context: MeasureContext =
      switch query.head {
      case .ranking(let r): r.subject.context
      case .stats(let s): s.discipline.context
      }
    let field: FilterField
    switch context {
    case .batting, .innings: field = .bowler
    case .bowling, .spells: field = .batter
    default: throw .doesNotFit("\"against \(name)\" needs a batting or bowling question")
    }
    replace([field], with: [Filter(field, .one(.name(name)))])
  }

  /// The role a bare team name takes: the one team filter the query has, or the subject team
  /// when it has none and lists players, records or teams.
  private func inferredRole() throws(FollowUpError) -> TeamRole {
    let present = [
      (FilterField.team, TeamRole.team), (.opposition, .opposition), (.country, .country),
    ]
    .filter { has([$0.0]) }
    if present.count == 1 { return present[0].1 }
    if present.count > 1 {
      throw .unclear("a team alone could replace the team, the opposition or the host country")
    }
    if case .stats(let stats) = query.head, stats.discipline != .team {
      throw .unclear("a team alone after a player's figures could mean his team or the opposition")
    }
    return .team
  }

  private mutating func setTeam(_ name: String, role: TeamRole) throws(FollowUpError) {
    switch role {
    case .team:
      if case .ranking(let ranking) = query.head, ranking.subject == .teams {
        query.head = .stats(Stats(discipline: .team, measures: [ranking.measure]))
        query.qualifiers = []
      }
      if query.breakdown == .team { query.breakdown = nil }
      replace([.team], with: [Filter(.team, .one(.name(name)))])
    case .opposition:
      if query.breakdown == .opposition { query.breakdown = nil }
      replace([.opposition], with: [Filter(.opposition, .one(.name(name)))])
    case .country:
      if query.breakdown == .country { query.breakdown = nil }
      replace([.country, .venue], with: [Filter(.country, .one(.name(name)))])
    }
  }

  // MARK: Measures

  private mutating func setMeasure(_ word: String) throws(FollowUpError) {
    switch query.head {
    case .ranking(var ranking):
      if let measure = Measure.named(word, in: ranking.subject.context), measure.info.rankable {
        ranking.measure = measure
      } else if let (subject, measure) = Self.playerList(for: word),
        Self.disciplines[ranking.subject] != nil, ranking.subject != .teams
      {
        // "top 10 batters by runs" + "and wickets?": the bowlers' list.
        ranking.subject = subject
        ranking.measure = measure
        query.qualifiers = []
      } else {
        throw .doesNotFit("\(ranking.subject.word) cannot be ranked by \(word)")
      }
      query.head = .ranking(ranking)
    case .stats(var stats):
      if let measure = Measure.named(word, in: stats.discipline.context) {
        if replacingMeasures {
          stats.measures = [measure]
          replacingMeasures = false
        } else if !stats.measures.contains(measure) {
          stats.measures.append(measure)
        }
      } else if [.batting, .bowling, .fielding].contains(stats.discipline),
        let (subject, measure) = Self.playerList(for: word),
        let discipline = Self.disciplines[subject]
      {
        // "Kohli's runs" + "and wickets?": his bowling.
        stats = Stats(discipline: discipline, measures: [measure])
        replacingMeasures = false
      } else {
        throw .doesNotFit("\(stats.discipline.word) figures have no \(word)")
      }
      query.head = .stats(stats)
    }
  }

  /// The batting, bowling or fielding list that can be ranked by `word`, in that order.
  private static func playerList(for word: String) -> (RankSubject, Measure)? {
    for subject in [RankSubject.batters, .bowlers, .fielders] {
      if let measure = Measure.named(word, in: subject.context), measure.info.rankable {
        return (subject, measure)
      }
    }
    return nil
  }

  // MARK: Filters

  private func has(_ fields: Set<FilterField>) -> Bool {
    query.filters.contains { fields.contains($0.field) }
  }

  private mutating func remove(_ fields: Set<FilterField>) {
    query.filters.removeAll { fields.contains($0.field) }
  }

  /// Removes the filters on `fields` and puts `new` where the first of them stood (so
  /// "format = ODI and year = 2019" becomes "format = Test and year = 2019"). A new player goes
  /// first and a new team after the players, as the corpus writes them; other filters go last.
  private mutating func replace(_ fields: Set<FilterField>, with new: [Filter]) {
    let position = query.filters.firstIndex { fields.contains($0.field) }
    remove(fields)
    let subjectEnd = query.filters.prefix { $0.field == .player }.count
    let fallback =
      switch new.first?.field {
      case .player?: 0
      case .team?: subjectEnd
      default: query.filters.count
      }
    query.filters.insert(contentsOf: new, at: position ?? fallback)
  }
}
