/// Cricket phrases fans type, each rewritten to one canonical wording before retrieval and
/// generation, with the hint it carries. The definitions (which overs, which positions) are in
/// `docs/glossary.md`; the DSL applies them, this stage only names them consistently.
public enum PhraseHint: Sendable, Equatable, Codable {
  case format(CricketFormat)
  case phase(Phase)
  case battingOrder(BattingOrder)
  case measure(String)
  /// A series between two sides, always in Tests: the Ashes is England v Australia. Cricsheet
  /// labels only some of those Tests with the series' name (45 of 61), so the series is asked
  /// as the two sides, not as an event.
  case series(sides: [String])
}

public enum Phase: String, Sendable, Codable, CaseIterable {
  case powerplay, middle, death

  /// The overs the phase covers in a format: powerplay 1–6 (T20) / 1–10 (ODI), middle 7–15 /
  /// 11–40, death 16–20 / 41–50. Tests have no phases.
  public func overs(in format: CricketFormat) -> ClosedRange<Int>? {
    switch (self, format) {
    case (_, .test): nil
    case (.powerplay, .odi): 1...10
    case (.middle, .odi): 11...40
    case (.death, .odi): 41...50
    case (.powerplay, _): 1...6
    case (.middle, _): 7...15
    case (.death, _): 16...20
    }
  }
}

public enum BattingOrder: String, Sendable, Codable, CaseIterable {
  case openers, topOrder = "top order", middleOrder = "middle order", lowerOrder = "lower order"

  /// Batting positions: openers 1–2, top order 1–3, middle order 4–7, lower order (tail) 8–11.
  public var positions: ClosedRange<Int> {
    switch self {
    case .openers: 1...2
    case .topOrder: 1...3
    case .middleOrder: 4...7
    case .lowerOrder: 8...11
    }
  }
}

public struct GlossaryEntry: Sendable {
  /// What the phrase is rewritten to in the normalised question.
  public let canonical: String
  public let hint: PhraseHint?
  /// The ways fans write it (tokenized and folded when the index is built).
  public let phrases: [String]
}

public enum Glossary {
  public static let entries: [GlossaryEntry] = [
    // Formats: one word each, the DSL's spelling.
    .init(
      canonical: "Test", hint: .format(.test),
      phrases: [
        "Test", "Tests", "Test match", "Test matches", "Test cricket", "Test format", "whites",
        "red-ball", "red ball", "tst",
      ]),
    .init(
      canonical: "ODI", hint: .format(.odi),
      phrases: [
        "ODI", "ODIs", "ODI's", "one-dayer", "one-dayers", "one day", "one-day", "one-day international",
        "one-day internationals", "one day internationals", "one day international", "50-over",
        "50 over", "50 overs", "fifty-over", "ODI cricket", "ODI matches", "odi's", "ODIS",
      ]),
    .init(
      canonical: "T20I", hint: .format(.t20i),
      phrases: [
        "T20I", "T20Is", "T20 International", "T20 Internationals", "T20", "T20s", "Twenty20",
        "Twenty20s", "Twenty20 Internationals", "T-20", "T-20s", "T20 intl", "T20 internationals",
        "T20I's", "t20 matches", "twenty-20", "T20 cricket", "shortest format",
      ]),
    .init(
      canonical: "IPL", hint: .format(.ipl),
      phrases: ["IPL", "Indian Premier League", "IPL cricket", "I.P.L."]),
    .init(
      canonical: "Ashes", hint: .series(sides: ["England", "Australia"]),
      phrases: ["Ashes", "the Ashes", "Ashes series", "the Ashes series"]),
    // Phases.
    .init(
      canonical: "powerplay", hint: .phase(.powerplay),
      phrases: [
        "powerplay", "power play", "power-play", "powerplays", "power plays", "PP", "first six overs",
        "first 6 overs", "first ten overs", "first 10 overs",
      ]),
    .init(
      canonical: "middle overs", hint: .phase(.middle),
      phrases: ["middle overs", "middle-overs", "middle phase", "overs 7-15", "overs 11-40"]),
    .init(
      canonical: "death overs", hint: .phase(.death),
      phrases: [
        "death overs", "death", "at the death", "death bowling", "slog overs", "the death",
        "last five overs", "last 5 overs", "death-overs", "final overs", "last ten overs",
        "last 10 overs",
      ]),
    // Batting order.
    .init(
      canonical: "openers", hint: .battingOrder(.openers),
      phrases: [
        "openers", "opening batters", "opening batsmen", "opening pair", "opening pairs",
        "opening combination",
      ]),
    .init(
      canonical: "as opener", hint: .battingOrder(.openers),
      phrases: ["as an opener", "as opener", "as openers", "while opening", "when opening", "opening the batting"]),
    .init(
      canonical: "opener", hint: .battingOrder(.openers),
      phrases: ["opener", "opening batsman", "opening batter"]),
    .init(
      canonical: "top order", hint: .battingOrder(.topOrder),
      phrases: ["top order", "top-order", "top-order batters"]),
    .init(
      canonical: "middle order", hint: .battingOrder(.middleOrder),
      phrases: ["middle order", "middle-order", "middle order batters", "middle-order batsmen"]),
    .init(
      canonical: "tail", hint: .battingOrder(.lowerOrder),
      phrases: [
        "tail", "tailenders", "tail-enders", "tail enders", "tailender", "tail-ender", "lower order",
        "lower-order", "number 11s", "the tail",
      ]),
    // Measures and records.
    .init(
      canonical: "five-wicket hauls", hint: .measure("five-wicket hauls"),
      phrases: [
        "fifer", "fifers", "five-for", "five-fors", "five for", "5-for", "5 for", "5fer", "5-fer",
        "5fers", "five-fer", "five-fers", "5 wicket hauls", "5-wicket hauls", "five wicket hauls",
        "five-wicket hauls", "five wicket haul", "five-wicket haul", "5 wicket haul", "5-wicket haul",
        "5WI", "5 wkt hauls", "5-wkt hauls", "five wickets in an innings", "5 wickets in an innings",
        "5 wicket", "five-wicket", "fivefers", "fivefer", "five fers", "5 fers", "5 fer", "5 fors",
      ]),
    .init(
      canonical: "four-wicket hauls", hint: .measure("four-wicket hauls"),
      phrases: [
        "four-for", "four-fors", "4-for", "4fer", "4-fer", "4 wicket hauls", "4-wicket hauls",
        "four wicket hauls", "four-wicket hauls", "4WI", "4 wkt hauls",
      ]),
    .init(
      canonical: "centuries", hint: .measure("centuries"),
      phrases: [
        "centuries", "hundreds", "tons", "100s", "centuaries", "centurys", "centries", "tonnes",
        "three-figure scores",
      ]),
    .init(
      canonical: "century", hint: .measure("centuries"),
      phrases: ["century", "hundred", "ton", "three figures", "tonne"]),
    .init(
      canonical: "fifties", hint: .measure("fifties"),
      phrases: [
        "fifties", "half-centuries", "half centuries", "half-centurys", "50s", "fiftys",
        "half centurys", "half-tons", "half tons",
      ]),
    .init(
      canonical: "fifty", hint: .measure("fifties"),
      phrases: ["fifty", "half-century", "half century", "half ton", "half-ton"]),
    .init(canonical: "ducks", hint: .measure("ducks"), phrases: ["ducks", "noughts", "zeros", "zeroes"]),
    .init(canonical: "duck", hint: .measure("ducks"), phrases: ["duck", "nought", "golden duck"]),
    .init(
      canonical: "strike rate", hint: .measure("strike rate"),
      phrases: ["SR", "S/R", "strike rate", "strike-rate", "strikerate", "s.r.", "strike rates"]),
    .init(
      canonical: "economy", hint: .measure("economy"),
      phrases: ["econ", "eco", "economy rate", "economy", "ER", "econ rate", "economy rates", "RPO",
        "runs per over"]),
    .init(
      canonical: "average", hint: .measure("average"),
      phrases: ["avg", "ave", "avge", "average", "averages", "averaging", "avrg", "avarage",
        "averge"]),
    .init(
      canonical: "head to head", hint: nil,
      phrases: ["h2h", "head to head", "head-to-head", "H2H record", "head 2 head"]),
    .init(
      canonical: "wickets", hint: .measure("wickets"),
      phrases: ["wkts", "wickets", "wkt", "scalps", "wickts", "wickes", "wikets", "wkts."]),
    .init(
      canonical: "sixes", hint: .measure("sixes"),
      phrases: ["sixes", "maximums", "sixers", "6s", "six-hitters", "six hitters",
        "sixs", "6's"]),
    .init(canonical: "fours", hint: .measure("fours"), phrases: ["fours", "4s", "4's", "fours hit"]),
    .init(canonical: "runs", hint: .measure("runs"), phrases: ["runs", "rns", "runz", "rus"]),
    .init(
      canonical: "dot balls", hint: .measure("dot balls"),
      phrases: ["dot balls", "dots", "dot-balls", "dot ball %", "dot ball"]),
    .init(canonical: "catches", hint: .measure("catches"), phrases: ["catches", "catches taken"]),
    .init(
      canonical: "stumpings", hint: .measure("stumpings"),
      phrases: ["stumpings", "stumping"]),
  ]
}
