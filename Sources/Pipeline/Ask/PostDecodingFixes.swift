import DSL
import Understanding

/// Deterministic corrections to the model's query where the question leaves no doubt:
/// - a format the question names overrides the model's; an IPL franchise named means the IPL;
///   a default format fills a gap; a format nobody asked for goes (`UnaskedFormatFix`); a phase the question names overrides the model's;
/// - a measure written twice is written once; `team = A and team = B` is a head-to-head
///   (`opposition = B`); a team after "against"/"vs" is the opposition; `year = A and year = B`
///   is the range `year in A..B`;
/// - one player's "highest score" / "best figures" is their own best, not a list of innings;
/// - then the fixes in their own files: one row per year / format / opponent (`BreakdownFix`),
///   two players compared (`PlayerComparisonFix`), batting or bowling average (`DisciplineFix`),
///   a side after "in" is the host (`HostCountryFix`), the Ashes (`SeriesFix`), `top 10` when
///   no number is given (`TopCountFix`), `since` for "since 2020" written as one year
///   (`OpenYearRangeFix`), "at home" / "away" (`LocationFix`), a number no innings, wicket,
///   position or over can have (`ImpossibleNumberFix`), a batting position or result nobody
///   asked for (`UnaskedFilterFix`), "fastest hundreds" (`FastestFix`), "most not outs" as a
///   leaderboard (`LeaderboardFix`), matches played (`MatchesFix`), finals (`StageFix`),
///   career totals the model wrote as one match's (`MatchRecordFix`), "A vs B" team stats as a
///   head-to-head (`TeamsVersusFix`), one innings' records as innings (`OneInningsFix`), a
///   minimum the model wrote as a filter (`QualifierFix`), all-round stats of batting or
///   bowling measures only (`AllroundFix`), a batting order, over, batting first/second or
///   result the question names in words (`NamedFilterFix`).
enum PostDecodingFixes {
  /// The corrected query (still with placeholders) and a note per change. `players` gives the
  /// named players' roles; without it the fixes that need a role leave the query alone.
  static func apply(
    _ query: DSLQuery, question: UnderstoodQuestion, defaultFormat: String?,
    iplTeams: Set<String>, players: NameIndex? = nil
  ) -> (DSLQuery, [String]) {
    var query = query
    var notes: [String] = []
    let hints = question.hints
    var formats = hints.formats.map(\.rawValue)
    var said = "the question says"
    if formats.isEmpty,
      question.bindings.contains(where: { $0.kind == .team && iplTeams.contains($0.value) })
    {
      formats = ["IPL"]
      said = "an IPL franchise is named, so"
    }
    let current = query.filters.firstIndex { $0.field == .format }
    if formats.count == 1, let format = formats.first {
      let filter = Filter(.format, .one(.word(format)))
      if let i = current, query.filters[i] != filter {
        notes.append(
          "format = \(format): \(said) \(format), the model wrote \(query.filters[i].printed)")
        query.filters[i] = filter
      } else if current == nil {
        notes.append("format = \(format): \(said) \(format)")
        query.filters.insert(filter, at: firstFilterAfterSubject(query))
      }
    } else if current == nil, formats.isEmpty, let format = defaultFormat {
      notes.append("format = \(format): the default format")
      query.filters.insert(Filter(.format, .one(.word(format))), at: firstFilterAfterSubject(query))
    }
    UnaskedFormatFix.apply(
      &query, question, formatsNamed: formats, defaultFormat: defaultFormat, &notes)
    if hints.phases.count == 1, let phase = hints.phases.first?.rawValue {
      let filter = Filter(.phase, .one(.word(phase)))
      if let i = query.filters.firstIndex(where: { $0.field == .phase }) {
        if query.filters[i] != filter {
          notes.append(
            "phase = \(phase): the question says \(phase), the model wrote \(query.filters[i].printed)"
          )
          query.filters[i] = filter
        }
      } else if !query.filters.contains(where: { $0.field == .over }) {
        // "Pathirana IPL death overs wickets" came out without the phase.
        notes.append("phase = \(phase): the question says \(phase)")
        query.filters.append(filter)
      }
    }
    YearBoundsFix.apply(&query, question, &notes)
    OpenYearRangeFix.apply(&query, question, &notes)
    QualifierFix.apply(&query, question, &notes)
    ImpossibleNumberFix.apply(&query, question, &notes)
    UnaskedFilterFix.apply(&query, question, &notes)
    mergeRepeats(&query, &notes)
    TeamsVersusFix.apply(&query, question, &notes)
    oppositionAfterAgainst(&query, question.masked, &notes)
    ownBest(&query, question, &notes)
    BreakdownFix.apply(&query, question, &notes)
    AllroundFix.apply(&query, question, &notes)
    PlayerComparisonFix.apply(&query, question, players: players, &notes)
    DisciplineFix.apply(&query, question, players: players, &notes)
    HostCountryFix.apply(&query, question, iplTeams: iplTeams, &notes)
    SeriesFix.apply(&query, question, &notes)
    FastestFix.apply(&query, question, &notes)
    MatchRecordFix.apply(&query, question, &notes)
    OneInningsFix.apply(&query, question, &notes)
    LeaderboardFix.apply(&query, question, &notes)
    MatchesFix.apply(&query, question, &notes)
    StageFix.apply(&query, question, &notes)
    NamedFilterFix.apply(&query, question, &notes)
    TopCountFix.apply(&query, question, &notes)
    LocationFix.apply(&query, question, &notes)
    return (query, notes)
  }

  /// `<player1> strike rate against <team1>` written as `team = <team1>`: the opposition.
  static func oppositionAfterAgainst(
    _ query: inout DSLQuery, _ masked: String, _ notes: inout [String]
  ) {
    guard !query.filters.contains(where: { $0.field == .opposition }) else { return }
    let words = masked.lowercased().split(separator: " ").map(String.init)
    let against = Set(
      words.indices.dropFirst().filter {
        ["against", "vs", "vs.", "v", "versus"].contains(words[$0 - 1])
      }
      .map { words[$0].trimmingCharacters(in: .punctuationCharacters.subtracting(["<", ">"])) })
    // A leaderboard of players, innings or totals "against X" is against X too ("best ODI
    // bowling figures against Australia" came out with `team =`); a host `country` after
    // "vs" is the opposition ("Ashwin wkts vs England in tests").
    var leaderboard = false
    if case .ranking(let r) = query.head { leaderboard = r.subject != .teams }
    for (i, filter) in query.filters.enumerated()
    where filter.field == .team || filter.field == .country {
      guard case .one(.placeholder(let p)) = filter.value, against.contains(p.description),
        filter.field == .country || leaderboard
          || query.filters.contains(where: {
            $0.field == .player || ($0.field == .team && $0 != filter)
          })
      else { continue }
      notes.append("opposition = \(p): the question says against \(p)")
      query.filters[i] = Filter(.opposition, filter.value)
      return
    }
  }

  /// One player's highest score or best figures asked as a list of one innings.
  static func ownBest(
    _ query: inout DSLQuery, _ question: UnderstoodQuestion, _ notes: inout [String]
  ) {
    guard case .ranking(let r) = query.head, r.direction == .top,
      question.bindings.allSatisfy({ $0.kind != .num }),
      query.filters.filter({ $0.field == .player }).count == 1,
      case .one(.placeholder) = query.filters.first(where: { $0.field == .player })?.value
    else { return }
    let text = question.masked.lowercased()
    guard !["scores", "innings", "spells", "top", "list"].contains(where: text.contains) else {
      return
    }
    let best: (Discipline, Measure)? =
      switch (r.subject, r.measure.word) {
      case (.innings, "runs"): (.batting, .highestScore)
      case (.spells, "wickets"): (.bowling, .bestFigures)
      default: nil
      }
    guard let (discipline, measure) = best else { return }
    notes.append("\(discipline.word) \(measure.word): one player's own best, not a list")
    query.head = .stats(Stats(discipline: discipline, measures: [measure]))
    query.qualifiers = []
  }

  static func mergeRepeats(_ query: inout DSLQuery, _ notes: inout [String]) {
    if case .stats(var stats) = query.head {
      var seen = Set<Measure>()
      let unique = stats.measures.filter { seen.insert($0).inserted }
      if unique.count < stats.measures.count {
        notes.append("each measure once: the model repeated one")
        stats.measures = unique
        query.head = .stats(stats)
      }
    }
    let teams = query.filters.indices.filter { query.filters[$0].field == .team }
    if teams.count == 2, !query.filters.contains(where: { $0.field == .opposition }),
      case .one(let other) = query.filters[teams[1]].value
    {
      notes.append("opposition = \(other.printed): two teams named are a head-to-head")
      query.filters[teams[1]] = Filter(.opposition, .one(other))
    }
    // `year = A and year = B`, or `since A and since B` ("wins between 2015 and 2019").
    let yearFields: Set<FilterField> = [.year, .since, .before]
    let years = query.filters.indices.filter { yearFields.contains(query.filters[$0].field) }
    if years.count == 2, query.filters[years[0]].field == query.filters[years[1]].field,
      case .one(let a) = query.filters[years[0]].value,
      case .one(let b) = query.filters[years[1]].value
    {
      notes.append("year in \(a.printed)..\(b.printed): two years are a range")
      query.filters[years[0]] = Filter(.year, .range(a, b))
      query.filters.remove(at: years[1])
    }
  }

  /// Where the corpus puts the format: after the player or team it is about.
  static func firstFilterAfterSubject(_ query: DSLQuery) -> Int {
    var i = 0
    while i < query.filters.count, [.player, .team].contains(query.filters[i].field) { i += 1 }
    return i
  }
}
