import Testing

@testable import DSL

@Test func smoke() throws {
  let q = try DSLParser.parse("top 5 batters by sixes where format = ODI and year = 2019 and position = opener")
  #expect(q.printed == "top 5 batters by sixes where format = ODI and year = 2019 and position = opener")
  let c = DSLConstraint()
  #expect(c.accepts(q.printed))
  print(c.grammarStateCount)
}
