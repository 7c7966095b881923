import CricketDB
import DSL
import Testing

@testable import Pipeline

/// The scope line states the defaults: formats covered and, with no year asked, the seasons the
/// database holds for those formats.
struct AnswerScopeTests {
  let spans: [(format: String, years: ClosedRange<Int>)]

  init() throws {
    spans = try DatabaseStatus.yearSpans(
      Database(path: CricqPaths.database.path, mode: .readOnly))
  }

  func scope(_ dsl: String) throws -> String {
    AnswerSentence.scope(try DSLParser.parse(dsl), yearSpans: spans)
  }

  @Test func spansComeFromTheDatabase() throws {
    #expect(spans.map(\.format) == ["Test", "ODI", "T20I", "IPL"])
    let ipl = try #require(spans.first { $0.format == "IPL" })
    #expect(ipl.years.lowerBound == 2008)
  }

  @Test func oneFormatNamesOnlyItsSeasons() throws {
    let ipl = try #require(spans.first { $0.format == "IPL" })
    let text = try scope(#"bowling economy where player = "JJ Bumrah" and format = IPL"#)
    #expect(
      text == "Covers play by JJ Bumrah in the IPL; every season in the data "
        + "(\(ipl.years.lowerBound)–\(ipl.years.upperBound)). Source: Cricsheet ball-by-ball data.")
  }

  @Test func noFormatNamesEveryFormatAndItsSeasons() throws {
    let text = try scope("top 10 batters by runs")
    #expect(text.hasPrefix("Covers all formats"))
    for name in ["Tests 2001–", "ODIs 2002–", "T20 internationals", "the IPL 2008–"] {
      #expect(text.contains(name), "\(text)")
    }
  }

  @Test func aYearFilterLeavesOutTheSeasons() throws {
    let text = try scope(#"batting sixes where player = "CH Gayle" and format = IPL and year = 2012"#)
    #expect(text == "Covers play by CH Gayle in the IPL in 2012. Source: Cricsheet ball-by-ball data.")
  }
}
