import DSL
import Testing
import Understanding

@testable import Pipeline

/// "after 2014" starts in 2015 and "up to 2015" ends with it, whatever year the model copied.
@Suite struct YearBoundsFixTests {
  let linker: QuestionLinker

  init() throws { linker = try QuestionLinker.load() }

  func fixed(_ question: String, _ dsl: String) throws -> String {
    var query = try DSLParser.parse(dsl)
    var notes: [String] = []
    let understood = linker.understand(question)
    YearBoundsFix.apply(&query, understood, &notes)
    OpenYearRangeFix.apply(&query, understood, &notes)
    return query.printed
  }

  @Test func afterAYearStartsTheNextOne() throws {
    #expect(
      try fixed("kohli odi runs after 2014", "batting runs where player = <player1> and since <year1>")
        == "batting runs where player = <player1> and since 2015")
  }

  @Test func upToAYearIncludesIt() throws {
    #expect(
      try fixed("smith test runs up to 2015", "batting runs where player = <player1> and before <year1>")
        == "batting runs where player = <player1> and before 2016")
  }

  @Test func sinceAndBeforeAsSaidAreLeftAlone() throws {
    let since = "batting runs where player = <player1> and since <year1>"
    #expect(try fixed("root runs since 2015", since) == since)
    let before = "top 10 bowlers by wickets where before <year1>"
    #expect(try fixed("most wickets before 2010", before) == before)
  }

  @Test func oneYearWrittenForAnOpenRangeBecomesTheRange() throws {
    let oneYear = "batting hundreds where player = <player1> and year = <year1>"
    #expect(
      try fixed("how many hundreds has root scored since 2021", oneYear)
        == "batting hundreds where player = <player1> and since <year1>")
    #expect(
      try fixed("root hundreds after 2020", oneYear)
        == "batting hundreds where player = <player1> and since 2021")
    #expect(
      try fixed("root hundreds before 2021", oneYear)
        == "batting hundreds where player = <player1> and before <year1>")
    #expect(
      try fixed("root hundreds until 2021", oneYear)
        == "batting hundreds where player = <player1> and before 2022")
    #expect(try fixed("root hundreds in 2021", oneYear) == oneYear)
  }
}
