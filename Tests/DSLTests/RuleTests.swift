import Testing

@testable import DSL

func ruleError(_ text: String) -> String {
  do {
    try DSLParser.parse(text).checkRules()
    return "no error"
  } catch {
    return error.description
  }
}

@Test func filtersThatDoNotFitTheSubjectAreRejected() {
  #expect(
    ruleError("top 5 teams by wins where player = \"V Kohli\"")
      == "`player` does not apply to team queries (use `team`, or a batting or bowling query for a player)"
  )
  #expect(
    ruleError("bowling wickets where bowler = \"JM Anderson\"")
      == "`bowler` does not apply to bowling queries (`bowler` is for batting queries: a batter against a bowler)"
  )
  #expect(
    ruleError("top 5 batters by runs where wicket = 1")
      == "`wicket` does not apply to batting queries (`wicket` picks partnerships: `top 5 partnerships by runs where wicket = 1`)"
  )
}

@Test func wholeInningsMeasuresCannotBeCountedFromBalls() {
  #expect(
    ruleError("top 5 batters by hundreds where phase = death")
      == "`hundreds` counts whole innings, so it cannot be combined with `phase`, which selects single balls"
  )
  #expect(ruleError("batting runs, average where phase = death and format = T20I") == "no error")
}

@Test func valuesOutOfRangeAndRepeatsAreRejected() {
  #expect(
    ruleError("top 5 batters by runs where position = 12")
      == "`position` takes a number from 1 to 11, but found 12")
  #expect(
    ruleError("top 5 batters by runs where year in 2014..2010")
      == "the range of `year` runs backwards: 2014..2010")
  #expect(
    ruleError("top 5 batters by runs where format = ODI and format = Test")
      == "`format` is given twice; give it once (use `in` for several values)")
  #expect(
    ruleError("top 5 batters by runs where date in 2019-02-30..2019-03-01")
      == "`2019-02-30` is not a calendar date (YYYY-MM-DD)")
  #expect(ruleError("top 0 batters by runs") == "`top` takes a number from 1 to 1000, but found 0")
  #expect(
    ruleError("top 5 batters by runs where season = 2019/21")
      == "a split season runs over two years, like 2019/20, but found 2019/21")
  #expect(
    ruleError("top 5 bowlers by wickets where format = T20I and over = 21")
      == "`over` takes a number from 1 to 20, but found 21")
  #expect(
    ruleError("top 5 bowlers by wickets where format = ODI and over in 46..51")
      == "`over` takes a number from 1 to 50, but found 51")
  #expect(
    ruleError("top 5 bowlers by wickets where format = Test and over in 81..95") == "no error")
  #expect(
    ruleError("top 5 bowlers by wickets where format = Test and over = 301")
      == "`over` takes a number from 1 to 300, but found 301")
  #expect(
    ruleError("top 5 matches by runs where format = Test and innings = 2")
      == "`innings` does not apply to matches queries")
  #expect(
    ruleError("top 5 match figures by wickets where format = Test min runs 100")
      == "`min runs` does not apply to match figures lists; use `min balls` or `min wickets`")
  #expect(
    ruleError("top 5 bowlers by economy where format = Test and phase = death")
      == "`phase` applies to limited-overs formats (ODI, T20I, IPL), not Tests")
}

@Test func qualifiersMustFitTheList() {
  #expect(
    ruleError("top 5 bowlers by economy min runs 100")
      == "`min runs` does not apply to bowling lists; use `min balls`, `min innings`, `min matches` or `min wickets`"
  )
  #expect(
    ruleError("top 5 allrounders by runs min runs 10 min runs 20") == "`min runs` is given twice")
  #expect(
    ruleError("top 5 allrounders by runs where phase = death").hasPrefix(
      "`phase` does not apply to allround queries"))
  #expect(
    ruleError("top 5 batters by runs where player = <player1>")
      == "the placeholder <player1> has no value: bind it before validating")
}

@Test func entityValuesAreOnlyEverBound() throws {
  let compiled = try DSLParser.parse(
    "batting runs where player = \"x'); DROP TABLE players; --\" and venue = \"Lord's\""
  ).compiled()
  #expect(!compiled.sql.contains("DROP"))
  #expect(!compiled.sql.contains("Lord"))
  #expect(compiled.parameters.contains(.text("x'); DROP TABLE players; --")))
  #expect(compiled.parameters.contains(.text("Lord's")))
}
