import Testing

@testable import Retriever

@Suite("DSL skeletons")
struct DSLSkeletonTests {
  @Test("names, placeholders, numbers, years and dates are removed; structure stays")
  func removesValues() {
    let named = DSLSkeleton.of(
      #"top 5 batters by sixes where player = "V Kohli" and year = 2019"#)
    let masked = DSLSkeleton.of(
      "top 10 batters by sixes where player = <player1> and year = <year1>")
    #expect(named == "top _ batters by sixes where player = _ and year = _")
    #expect(masked == named)
    #expect(
      DSLSkeleton.of("batting runs, average where format = Test and date = 2019-05-30..2020-01-01")
        == "batting runs , average where format = Test and date = _")
  }

  @Test("different measures or formats give different skeletons")
  func keepsStructure() {
    #expect(
      DSLSkeleton.of("top 5 batters by runs where format = ODI")
        != DSLSkeleton.of("top 5 batters by sixes where format = ODI"))
    #expect(
      DSLSkeleton.of("top 5 batters by runs where format = ODI")
        != DSLSkeleton.of("top 5 batters by runs where format = Test"))
  }
}
