import DSL
import Foundation
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

  /// The decoding constraint never refuses a solved example: every masked train query that
  /// uses all its question's placeholders once each (and no literal name or year) is accepted by
  /// `PlaceholderConstraint` for those placeholders, with the rules added for fans-holdout-2
  /// (clauses once, short numbers, a place for every placeholder, a placeholder per comma).
  @Test func theConstraintAcceptsEverySolvedExample() throws {
    let files = ExamplePool.trainFiles(in: Corpus.repositoryFolder())
    let examples = try ExamplePool.masked(files: files, linker: linker)
    let literalYear = try Regex("(year|since|before|season)( =| in)? [0-9]")
    var constraints: [[String]: PlaceholderConstraint] = [:]
    var checked = 0
    for example in examples {
      let asked = Set(
        example.maskedQuestion.split(separator: " ").flatMap { word in
          word.split(separator: "<", omittingEmptySubsequences: false).dropFirst().compactMap {
            part in
            part.firstIndex(of: ">").map { "<" + part[..<$0] + ">" }
          }
        })
      let written = try DSLParser.parse(example.maskedDSL).placeholders.map(\.description)
      guard !example.maskedDSL.contains("\""), !example.maskedDSL.contains(literalYear),
        // Dates are refused by design (`RepeatedClauseRule.refused`).
        !example.maskedDSL.contains(" date in "),
        asked == Set(written),
        // A placeholder written twice (`team in (<team1>, <team2>) and opposition in (<team1>,
        // <team2>)`) is refused by the write-once rule: a known gap, docs/ask.md.
        asked.allSatisfy({ example.maskedDSL.components(separatedBy: $0).count == 2 })
      else { continue }
      let placeholders = asked.sorted()
      let constraint =
        constraints[placeholders] ?? PlaceholderConstraint(placeholders: placeholders)
      constraints[placeholders] = constraint
      let accepted = constraint.accepts(example.maskedDSL)
      #expect(accepted, "\(example.id): \(example.maskedDSL)")
      checked += 1
    }
    #expect(checked > 1000)
  }
}
