import Testing

@testable import DSL

@Test func printedRandomQueriesParseBackToTheSameQuery() throws {
  var g = SeededGenerator(seed: 42)
  let constraint = DSLConstraint()
  for _ in 0..<20_000 {
    let query = RandomQueries.query(using: &g)
    let text = query.printed
    let parsed = try DSLParser.parse(text)
    #expect(parsed == query, "\(text)")
    #expect(constraint.accepts(text), "automaton rejects \(text)")
  }
}

@Test func parserAcceptsAnyCaseAndSpacingButPrintsCanonically() throws {
  let query = try DSLParser.parse(
    "TOP 5  Batters BY sixes\twhere format = odi and year in 2010 .. 2014 and player in (\"V Kohli\",\"RG Sharma\")")
  #expect(
    query.printed
      == "top 5 batters by sixes where format = ODI and year in 2010..2014 and player in (\"V Kohli\", \"RG Sharma\")"
  )
}

@Test func seasonsAndPlaceholdersRoundTrip() throws {
  for text in [
    "top 5 batters by runs where season = 2019/20",
    "top 5 batters by runs where season = 2016",
    "top <num1> batters by runs where player = <player1> and year in <year1>..<year2> min runs <num2>",
    "team wins where team = <team1> and opposition = <team2> and venue = <venue1> and event = <event1>",
    "bowling economy where phase = death and over in 16..20 and position = 3",
  ] {
    #expect(try DSLParser.parse(text).printed == text)
  }
}

@Test func bindSubstitutesPlaceholdersAndRefusesMissingOnes() throws {
  let masked = try DSLParser.parse(
    "top <num1> batters by sixes where player = <player1> and season = <year1>/20 and year in <year1>..<year2>")
  #expect(masked.placeholders.map(\.description) == ["<num1>", "<player1>", "<year1>", "<year2>"])
  let bound = try masked.bind([
    Placeholder(.num, 1): .number(5), Placeholder(.player, 1): .name("V Kohli"),
    Placeholder(.year, 1): .number(2019), Placeholder(.year, 2): .number(2021),
  ])
  #expect(
    bound.printed
      == "top 5 batters by sixes where player = \"V Kohli\" and season = 2019/20 and year in 2019..2021")
  #expect(throws: DSLError.self) { try masked.bind([Placeholder(.num, 1): .number(5)]) }
  #expect(throws: DSLError.self) {
    try DSLParser.parse("batting runs where player = <player1>").bind([Placeholder(.player, 1): .number(3)])
  }
}
