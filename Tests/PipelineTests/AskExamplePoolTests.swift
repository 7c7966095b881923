import DSL
import Testing
import Understanding

@testable import Pipeline

/// Gold DSL masked with the linker's placeholders, so examples teach placeholders, not names.
@Suite struct AskExamplePoolTests {
  let linker: QuestionLinker

  init() throws { linker = try QuestionLinker.load() }

  func masked(_ question: String, _ dsl: String) -> String? {
    ExamplePool.mask(dsl: dsl, with: linker.understand(question))
  }

  @Test func namesYearsAndNumbersBecomeTheQuestionsPlaceholders() {
    #expect(
      masked(
        "top 5 ODI six-hitters among openers in 2019",
        "top 5 batters by sixes where format = ODI and year = 2019 and position = opener")
        == "top <num1> batters by sixes where format = ODI and year = <year1> and position = opener"
    )
    #expect(
      masked(
        "Kohli vs Smith in Tests: runs and average",
        #"batting runs, average where player in ("V Kohli", "SPD Smith") and format = Test per player"#
      )
        == "batting runs, average where player in (<player1>, <player2>) and format = Test per player"
    )
    #expect(
      masked(
        "most ODI hundreds between 2010 and 2014",
        "top 10 batters by hundreds where format = ODI and year in 2010..2014")
        == "top 10 batters by hundreds where format = ODI and year in <year1>..<year2>")
  }

  @Test func valuesTheLinkerDidNotFindStayAsWritten() {
    #expect(
      masked(
        "most Test wickets at Lord's",
        #"top 10 bowlers by wickets where format = Test and venue = "Lord's""#)
        == "top 10 bowlers by wickets where format = Test and venue = <venue1>")
    #expect(
      masked("most wickets somewhere", #"top 10 bowlers by wickets where venue = "Lord's""#)
        == #"top 10 bowlers by wickets where venue = "Lord's""#)
    #expect(masked("anything", "not a query") == nil)
  }
}
