import DSL
import Testing

@testable import Pipeline

/// The decoding rules: no field without a placeholder of its kind, every placeholder used.
@Suite struct AskConstraintTests {
  let constraint = PlaceholderConstraint(placeholders: ["<player1>", "<year1>"])

  @Test func fieldsWithoutAPlaceholderAreNeverOffered() {
    let state = constraint.advance(constraint.initialState, bytes: "batting runs where ".utf8)
    #expect(state != nil)
    #expect(constraint.advance(constraint.initialState, bytes: "batting runs where v".utf8) == nil)
    #expect(
      constraint.advance(constraint.initialState, bytes: "batting runs where team".utf8) == nil)
    #expect(
      constraint.advance(constraint.initialState, bytes: "batting runs where event".utf8) == nil)
    #expect(
      constraint.advance(constraint.initialState, bytes: "batting runs where player".utf8) != nil)
  }

  @Test func theQueryEndsOnlyOnceEveryPlaceholderIsUsed() {
    #expect(!constraint.accepts("batting runs where player = <player1>"))
    #expect(!constraint.accepts("batting runs where format = ODI"))
    #expect(constraint.accepts("batting runs where player = <player1> and year = <year1>"))
    #expect(constraint.accepts("batting runs where player = <player1> and since <year1>"))
  }

  @Test func literalNamesAndYearsAreNotAccepted() {
    #expect(!constraint.accepts(#"batting runs where player = "V Kohli" and year = <year1>"#))
    #expect(!constraint.accepts("batting runs where player = <player1> and year = 2019"))
    #expect(!constraint.accepts("batting runs where player = <player2> and year = <year1>"))
  }

  @Test func aPlaceholderIsWrittenOnce() {
    let counted = PlaceholderConstraint(placeholders: ["<num1>", "<year1>"])
    #expect(counted.accepts("top <num1> bowlers by wickets where year = <year1>"))
    #expect(
      counted.advance(
        counted.initialState, bytes: "top <num1> bowlers by wickets where innings = <".utf8) == nil)
  }

  @Test func numbersStayOpenWithoutAPlaceholder() {
    let plain = PlaceholderConstraint(placeholders: [])
    #expect(plain.accepts("top 10 batters by runs where format = Test"))
    #expect(!plain.accepts("top 10 batters by runs where year = 2019"))
  }
}
