import DSL
import Testing
import Understanding

@testable import Pipeline

/// A format only the model asked for is dropped; one the question or the query implies stays.
@Suite struct UnaskedFormatFixTests {
  let linker: QuestionLinker

  init() throws { linker = try QuestionLinker.load() }

  func fixed(_ question: String, _ dsl: String, defaultFormat: String? = nil) throws -> String {
    let understood = linker.understand(question)
    let (query, _) = PostDecodingFixes.apply(
      try DSLParser.parse(dsl), question: understood, defaultFormat: defaultFormat,
      iplTeams: ["Chennai Super Kings"])
    return query.printed
  }

  @Test func formatTheQuestionNeverNamedIsDropped() throws {
    #expect(
      try fixed(
        "how many hundreds has root scored since 2021",
        "batting hundreds where player = <player1> and format = T20I and since <year1>")
        == "batting hundreds where player = <player1> and since <year1>")
  }

  @Test func namedOrImpliedFormatsStay() throws {
    let test = "batting hundreds where player = <player1> and format = Test"
    #expect(try fixed("root test hundreds", test) == test)
    let fourth = "batting average where player = <player1> and format = Test and innings = 4"
    #expect(try fixed("root 4th innings average", fourth) == fourth)
    let ipl = "team wins where team = <team1> and format = IPL"
    #expect(try fixed("csk wins", ipl) == ipl)
    #expect(
      try fixed("root hundreds", test, defaultFormat: "ODI")
        == "batting hundreds where player = <player1> and format = ODI")
  }
}
