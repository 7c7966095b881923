import Testing

@testable import DSL

func parseError(_ text: String) -> String {
  do {
    _ = try DSLParser.parse(text)
    return "no error"
  } catch {
    return error.description
  }
}

@Test func misspeltMeasureSuggestsTheClosestOne() {
  #expect(
    parseError("top 5 batters by sixs where format = ODI")
      == "line 1, column 18: expected a measure to rank batters by (`matches`, `innings`, `not outs`, `runs`, `balls`, `average`, `strike rate`, `hundreds`, `fifties`, `ducks`, `fours`, `sixes`, `dots`, `dismissals`), but found `sixs`; did you mean `sixes`?"
  )
}

@Test func shorthandSuggestsTheCanonicalWord() {
  #expect(parseError("batting runs, avg where format = Test").hasSuffix("but found `avg`; did you mean `average`?"))
  #expect(parseError("top 5 batters by runs where format = ODIs").hasSuffix("but found `ODIs`; did you mean `ODI`?"))
  #expect(parseError("batting strike rat").hasSuffix("but found `strike`; did you mean `strike rate`?"))
}

@Test func clausesOutOfOrderSayWhereTheyBelong() {
  #expect(
    parseError("batting runs where player = \"V Kohli\" min runs 5")
      == "line 1, column 39: `min` only follows a `top` or `bottom` list, but found `min`")
  #expect(
    parseError("top 5 batters by runs per year")
      == "line 1, column 23: `per` only follows a stats query such as `batting runs`, but found `per`")
  #expect(
    parseError("top 5 batters by runs format = ODI")
      == "line 1, column 23: expected `where`, `min` or the end of the query, but found `format`")
}

@Test func valuesOfTheWrongShapeAreNamed() {
  #expect(
    parseError("top 5 batters by runs where year = 19")
      == "line 1, column 36: expected a four-digit year or <yearN> after `year`, but found `19`")
  #expect(
    parseError("top 5 batters by runs where player = V Kohli")
      == "line 1, column 38: expected a quoted player name or <playerN> after `player`, but found `V`")
  #expect(
    parseError("top 5 batters by runs where player = <team1>")
      == "line 1, column 38: expected a <playerN> placeholder here, but found `<team1>`")
  #expect(
    parseError("top 5 batters by runs where date = 2019-01-01")
      == "line 1, column 36: `date` is written `date in YYYY-MM-DD..YYYY-MM-DD`, but found `2019-01-01`")
  #expect(
    parseError("top five batters by runs")
      == "line 1, column 5: expected a whole number or <numN> after `top`, but found `five`")
}

@Test func lexicalErrors() {
  #expect(
    parseError("top 5 batters by runs where player = \"V Kohli")
      == "line 1, column 38: a quoted name must end with `\"`, but found `\"V Kohli`")
  #expect(
    parseError("top 5 batters by runs where format = ODI; drop table players")
      == "line 1, column 41: expected a word, a number, a quoted name, a <placeholder> or one of = , ( ) % / .., but found `;`")
  #expect(
    parseError("")
      == "line 1, column 1: a query starts with `top`, `bottom`, `batting`, `bowling`, `fielding` or `team`, but found the end of the query")
}
