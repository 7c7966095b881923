import DSL
import Foundation
import Testing
import Understanding

@testable import Pipeline

/// The linker over the real database and the repository's alias files, built once.
enum LinkerFixture {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let linker: Result<QuestionLinker, Error> = Result {
    try QuestionLinker.load(aliases: repository.appendingPathComponent("corpus/aliases"))
  }

  static func get() throws -> QuestionLinker {
    do { return try linker.get() } catch {
      Issue.record("cannot build the linker (run scripts/setup): \(error)")
      throw error
    }
  }
}

/// One follow-up: the last query, what the user typed, and the query it must become.
struct FollowUpCase: CustomTestStringConvertible, Sendable {
  let previous: String
  let followUp: String
  let expected: String
  var testDescription: String { "\"\(followUp)\" after `\(previous)`" }
}

private let kohliODI = #"batting runs, average where player = "V Kohli" and format = ODI"#
private let ipl2016 = "top 10 batters by runs where format = IPL and year = 2016"
private let testWickets = "top 10 bowlers by wickets where format = Test"
private let indiaRecord =
  #"team matches, wins, losses where team = "India" and opposition = "Australia" and format = Test"#
private let wcRuns = #"top 5 batters by runs where event = "ICC Cricket World Cup""#

let rewrites: [FollowUpCase] = [
  // Years
  .init(previous: kohliODI, followUp: "and in 2020?", expected: kohliODI + " and year = 2020"),
  .init(
    previous: ipl2016, followUp: "and in 2020?",
    expected: "top 10 batters by runs where format = IPL and year = 2020"),
  .init(
    previous: ipl2016, followUp: "what about 2019?",
    expected: "top 10 batters by runs where format = IPL and year = 2019"),
  .init(previous: kohliODI, followUp: "since 2015?", expected: kohliODI + " and since 2015"),
  .init(previous: kohliODI, followUp: "and after 2015", expected: kohliODI + " and since 2016"),
  .init(previous: kohliODI, followUp: "before 2012?", expected: kohliODI + " and before 2012"),
  .init(
    previous: kohliODI, followUp: "between 2010 and 2014?",
    expected: kohliODI + " and year in 2010..2014"),
  .init(
    previous: ipl2016, followUp: "what about all time?",
    expected: "top 10 batters by runs where format = IPL"),
  .init(
    previous: testWickets, followUp: "in the 2019/20 season?",
    expected: testWickets + " and season = 2019/20"),
  // Formats
  .init(
    previous: kohliODI, followUp: "what about Tests?",
    expected: #"batting runs, average where player = "V Kohli" and format = Test"#),
  .init(
    previous: kohliODI, followUp: "and in T20Is?",
    expected: #"batting runs, average where player = "V Kohli" and format = T20I"#),
  .init(
    previous: testWickets, followUp: "and ODIs?",
    expected: "top 10 bowlers by wickets where format = ODI"),
  .init(
    previous: kohliODI, followUp: "and in all formats?",
    expected: #"batting runs, average where player = "V Kohli""#),
  // Teams
  .init(
    previous: indiaRecord, followUp: "and for England?",
    expected:
      #"team matches, wins, losses where team = "England" and opposition = "Australia" and format = Test"#
  ),
  .init(
    previous: indiaRecord, followUp: "what about against Pakistan?",
    expected:
      #"team matches, wins, losses where team = "India" and opposition = "Pakistan" and format = Test"#
  ),
  .init(
    previous: kohliODI, followUp: "and against Aussies?",
    expected: kohliODI + #" and opposition = "Australia""#),
  .init(
    previous: kohliODI, followUp: "and for Australia?",
    expected:
      #"batting runs, average where player = "V Kohli" and team = "Australia" and format = ODI"#),
  .init(
    previous: "top 10 teams by wins where format = ODI and since 2015",
    followUp: "what about India?",
    expected: #"team wins where team = "India" and format = ODI and since 2015"#),
  .init(
    previous: ipl2016, followUp: "what about MI vs CSK?",
    expected:
      #"top 10 batters by runs where team = "Mumbai Indians" and format = IPL and year = 2016 and opposition = "Chennai Super Kings""#
  ),
  .init(
    previous: testWickets, followUp: "in England?",
    expected: testWickets + #" and country = "England""#),
  .init(
    previous: #"top 10 batters by runs where format = Test and opposition = "India""#,
    followUp: "and Australia?",
    expected: #"top 10 batters by runs where format = Test and opposition = "Australia""#),
  // Grounds and events
  .init(
    previous: testWickets, followUp: "at Lord's?",
    expected: testWickets + #" and venue = "Lord's""#),
  .init(
    previous: #"top 10 bowlers by wickets where format = Test and country = "England""#,
    followUp: "and at the MCG?",
    expected:
      #"top 10 bowlers by wickets where format = Test and venue = "Melbourne Cricket Ground""#
  ),
  .init(previous: wcRuns, followUp: "only in finals", expected: wcRuns + " and stage = final"),
  .init(
    previous: wcRuns, followUp: "and in the semi-finals?",
    expected: wcRuns + " and stage = semi final"),
  .init(
    previous: "top 10 batters by runs where format = IPL",
    followUp: "and in the World Cup?",
    expected: #"top 10 batters by runs where event = "ICC Cricket World Cup""#),
  // Players
  .init(
    previous: testWickets, followUp: "what about Bumrah?",
    expected: #"bowling wickets where player = "JJ Bumrah" and format = Test"#),
  .init(
    previous: #"bowling wickets, economy where player = "R Ashwin" and format = IPL"#,
    followUp: "what about Bumrah?",
    expected: #"bowling wickets, economy where player = "JJ Bumrah" and format = IPL"#),
  .init(
    previous: kohliODI, followUp: "and for Rohit?",
    expected: #"batting runs, average where player = "RG Sharma" and format = ODI"#),
  .init(
    previous: "top 5 innings by runs where format = ODI", followUp: "what about Kohli?",
    expected: #"top 5 innings by runs where player = "V Kohli" and format = ODI"#),
  .init(
    previous: kohliODI, followUp: "and against Anderson?",
    expected: kohliODI + #" and bowler = "JM Anderson""#),
  // Measures
  .init(
    previous: ipl2016, followUp: "and sixes?",
    expected: "top 10 batters by sixes where format = IPL and year = 2016"),
  .init(
    previous: kohliODI, followUp: "and sixes?",
    expected: #"batting runs, average, sixes where player = "V Kohli" and format = ODI"#),
  .init(
    previous: kohliODI, followUp: "what about his strike rate instead?",
    expected: #"batting strike rate where player = "V Kohli" and format = ODI"#),
  .init(
    previous: ipl2016, followUp: "and wickets?",
    expected: "top 10 bowlers by wickets where format = IPL and year = 2016"),
  .init(
    previous: kohliODI, followUp: "and centuries?",
    expected: #"batting runs, average, hundreds where player = "V Kohli" and format = ODI"#),
  .init(
    previous: testWickets, followUp: "and five-fors?",
    expected: "top 10 bowlers by five wicket hauls where format = Test"),
  .init(
    previous: testWickets, followUp: "what about economy?",
    expected: "top 10 bowlers by economy where format = Test"),
  // Counts
  .init(
    previous: ipl2016, followUp: "top 5 instead",
    expected: "top 5 batters by runs where format = IPL and year = 2016"),
  .init(
    previous: "top 5 batters by runs where format = Test", followUp: "top 10 instead",
    expected: "top 10 batters by runs where format = Test"),
  .init(
    previous: testWickets, followUp: "and the bottom 5?",
    expected: "bottom 5 bowlers by wickets where format = Test"),
  // Phases, positions, locations, breakdowns
  .init(
    previous: "top 10 bowlers by economy where format = T20I min balls 240",
    followUp: "what about the death overs?",
    expected: "top 10 bowlers by economy where format = T20I and phase = death min balls 240"),
  .init(
    previous: "top 10 batters by sixes where format = IPL and phase = death",
    followUp: "and in the powerplay?",
    expected: "top 10 batters by sixes where format = IPL and phase = powerplay"),
  .init(
    previous: "top 10 batters by runs where format = ODI", followUp: "only openers",
    expected: "top 10 batters by runs where format = ODI and position = opener"),
  .init(
    previous: #"batting runs, average where player = "JE Root" and format = Test"#,
    followUp: "and away?",
    expected:
      #"batting runs, average where player = "JE Root" and format = Test and location = away"#
  ),
  .init(
    previous: kohliODI, followUp: "and year by year?", expected: kohliODI + " per year"),
  .init(
    previous: kohliODI + " and year = 2019", followUp: "and in Tests since 2015?",
    expected: #"batting runs, average where player = "V Kohli" and format = Test and since 2015"#),
]

@Test(arguments: rewrites)
func followUpRewritesTheLastQuery(_ c: FollowUpCase) throws {
  let linker = try LinkerFixture.get()
  #expect(FollowUp.isFollowUp(c.followUp))
  let previous = try DSLParser.parse(c.previous)
  let rewritten = try FollowUp.rewrite(previous: previous, followUp: linker.understand(c.followUp))
  #expect(rewritten.printed == c.expected)
  // The output is canonical DSL: it parses back to the same query.
  #expect(try DSLParser.parse(rewritten.printed) == rewritten)
}

/// Questions that must go to the full pipeline: not follow-ups, or follow-ups the rules cannot
/// place (an unknown word, a change that does not fit, an ambiguous role).
let notRewritten: [FollowUpCase] = [
  .init(previous: kohliODI, followUp: "and how did he do on debut?", expected: "unclear"),
  .init(previous: kohliODI, followUp: "and without the Tests?", expected: "unclear"),
  .init(previous: kohliODI, followUp: "and Australia?", expected: "unclear"),
  .init(previous: indiaRecord, followUp: "what about Bumrah?", expected: "doesNotFit"),
  .init(previous: kohliODI, followUp: "top 5 instead", expected: "doesNotFit"),
  .init(
    previous: "top 10 teams by wins where format = ODI", followUp: "and sixes?",
    expected: "doesNotFit"),
  .init(previous: kohliODI, followUp: "what about Smith?", expected: "unclear"),
  .init(previous: kohliODI, followUp: "what about the weather?", expected: "unclear"),
  .init(previous: ipl2016, followUp: "and in 2020 per year?", expected: "doesNotFit"),
]

@Test(arguments: notRewritten)
func followUpsTheRulesCannotPlaceAreRefusedWithAReason(_ c: FollowUpCase) throws {
  let linker = try LinkerFixture.get()
  let previous = try DSLParser.parse(c.previous)
  #expect(throws: FollowUpError.self) {
    try FollowUp.rewrite(previous: previous, followUp: linker.understand(c.followUp))
  }
  do {
    _ = try FollowUp.rewrite(previous: previous, followUp: linker.understand(c.followUp))
  } catch {
    switch error {
    case .unclear: #expect(c.expected == "unclear", "\(error)")
    case .doesNotFit: #expect(c.expected == "doesNotFit", "\(error)")
    }
  }
}

@Test func fullQuestionsAreNotFollowUps() {
  for question in [
    "most runs in IPL 2016", "Kohli ODI average since 2015", "who has taken the most Test wickets",
    "top 5 ODI six-hitters among openers in 2019 at home against Australia", "",
    "Bumrah's IPL economy in the death overs",
  ] {
    #expect(!FollowUp.isFollowUp(question), "\(question)")
  }
}

@Test func followUpCuesAreRecognisedWhateverTheCase() {
  for question in [
    "And in 2020?", "WHAT ABOUT TESTS", "At Lord's?", "top 10 instead", "only in finals",
  ] {
    #expect(FollowUp.isFollowUp(question), "\(question)")
  }
}
