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

  /// "RCB vs CSK wins" looped on `and innings = 100000000 and innings = ...` until the budget ran
  /// out: a keyword or number clause is written once; names and years may repeat (the fixes
  /// turn `team = A and team = B` into a head-to-head).
  @Test func keywordAndNumberClausesAreWrittenOnce() {
    let teams = PlaceholderConstraint(placeholders: ["<team1>", "<team2>"])
    // Refused at the field's last letter, so the model is never offered a clause it must drop.
    let looped =
      "team matches, wins where team = <team1> and format = IPL and innings = 1 and innings"
    #expect(teams.advance(teams.initialState, bytes: looped.dropLast().utf8) != nil)
    #expect(teams.advance(teams.initialState, bytes: looped.utf8) == nil)
    #expect(
      teams.advance(
        teams.initialState, bytes: "team wins where format = IPL and team = <team1> and format".utf8
      )
        == nil)
    #expect(
      teams.accepts(
        "team wins where team = <team1> and format = IPL and innings = 1 and team = <team2>"))
    #expect(
      teams.accepts("team wins where team = <team1> and team = <team2> and toss = won"))
    #expect(
      teams.accepts(
        "team wins where team = <team1> and opposition = <team2> and batting = first and toss = won"
      ))
    let plain = PlaceholderConstraint(placeholders: [])
    #expect(
      plain.accepts("top 10 batters by average where format = Test min runs 2000 min innings 20"))
    #expect(
      plain.advance(
        plain.initialState, bytes: "top 10 batters by average min runs 20 min runs".utf8)
        == nil)
    #expect(
      plain.accepts(
        "top 10 bowlers by wickets where format = Test and dismissal = caught and bowled and over = 1"
      ))
  }

  /// "Surya T20I runs in 2022" ran out of tokens after `... per year`, where `<year1>` had no
  /// place left; a byte is refused when an unwritten placeholder could not follow it.
  @Test func noByteLeavesAPlaceholderWithoutAPlace() {
    let stem = "batting runs where player = <player1> and format = T20I"
    #expect(constraint.advance(constraint.initialState, bytes: (stem + " and").utf8) != nil)
    #expect(constraint.advance(constraint.initialState, bytes: (stem + " pe").utf8) == nil)
    #expect(constraint.accepts(stem + " and year = <year1> per year"))
    let counted = PlaceholderConstraint(placeholders: ["<num1>", "<player1>"])
    #expect(
      counted.advance(counted.initialState, bytes: "top <num1> batters by runs min".utf8) == nil)
    #expect(counted.accepts("top <num1> batters by runs where bowler = <player1> min balls 60"))
  }

  @Test func numbersHaveAtMostFiveDigits() {
    let plain = PlaceholderConstraint(placeholders: [])
    #expect(plain.accepts("top 10 batters by average where format = Test min runs 10000"))
    #expect(
      plain.advance(plain.initialState, bytes: "top 10 batters by runs where innings = 100000".utf8)
        == nil)
  }

  /// "RR vs MI wins between 2015 and 2019" dead-ended in `team in (<team1>, <team2>, `: the
  /// comma is refused when no team placeholder is left to follow it.
  @Test func aListNeedsAPlaceholderForEachComma() {
    let teams = PlaceholderConstraint(placeholders: ["<team1>", "<team2>", "<year1>"])
    let list = "team wins where team in (<team1>, <team2>"
    #expect(teams.advance(teams.initialState, bytes: list.utf8) != nil)
    #expect(teams.advance(teams.initialState, bytes: (list + ",").utf8) == nil)
    #expect(teams.accepts(list + ") and year = <year1>"))
  }

  /// The last-resort decode may end with a placeholder unwritten.
  @Test func theRelaxedConstraintMayLeaveAPlaceholderOut() {
    let relaxed = PlaceholderConstraint(
      placeholders: ["<team1>", "<team2>"], requiresEveryPlaceholder: false)
    #expect(relaxed.accepts("team wins where team = <team1> and format = IPL"))
    #expect(!relaxed.accepts("team wins where team = <team1> and team = <team1>"))
    let strict = PlaceholderConstraint(placeholders: ["<team1>", "<team2>"])
    #expect(!strict.accepts("team wins where team = <team1> and format = IPL"))
  }

  /// "leading ODI run scorers in 2023" dead-ended in `year in <year1>..`: a year range opens
  /// only with two year placeholders unwritten.
  @Test func aYearRangeNeedsTwoYears() {
    let one = PlaceholderConstraint(placeholders: ["<year1>"])
    #expect(
      one.advance(one.initialState, bytes: "top 10 batters by runs where year in".utf8) == nil)
    #expect(one.accepts("top 10 batters by runs where year = <year1>"))
    let two = PlaceholderConstraint(placeholders: ["<year1>", "<year2>"])
    #expect(two.accepts("top 10 batters by runs where year in <year1>..<year2>"))
  }

  /// Dates are literal digits no placeholder carries: the model made one up
  /// (`date in 2011-20-01..` for "most Test ducks since 2015"), so `date` is never offered.
  @Test func datesAreNeverOffered() {
    let one = PlaceholderConstraint(placeholders: ["<year1>"])
    #expect(
      one.advance(
        one.initialState, bytes: "top 10 batters by ducks where format = Test and date".utf8)
        == nil)
    #expect(one.accepts("top 10 batters by ducks where format = Test and since <year1>"))
  }
}
