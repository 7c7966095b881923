import CricketDB
import DSL
import Foundation
import Testing

@testable import Pipeline

/// The whole pipeline on the real models and database. Each question runs the 0.5B model:
/// about a second each in release (`swift test -c release -Xswiftc -enable-testing`),
/// ~100 s in debug.
@Suite(.serialized) struct AskPipelineTests {
  let answerer: QuestionAnswerer
  let database: Database

  init() throws {
    answerer = try QuestionAnswerer()
    database = try Database(path: CricqPaths.database.path, mode: .readOnly)
  }

  /// Rows of `sql` with bound values: an answer computed without the DSL compiler.
  func direct(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]] {
    try database.query(sql, values).rows.map(\.values)
  }

  @Test func openersSixesIn2019MatchDirectSQL() throws {
    let answer = answerer.answer("most sixes by an opener in ODIs in 2019")
    #expect(!answer.abstained, "\(String(describing: answer.abstention))")
    let expected = try direct(
      """
      SELECT p.unique_name, SUM(b.sixes) FROM batting_innings b JOIN players p ON p.id = b.player_id
      WHERE b.format = ?1 AND b.year = ?2 AND b.position BETWEEN 1 AND 2
      GROUP BY b.player_id ORDER BY 2 DESC, 1 LIMIT 3
      """, [.text("ODI"), .integer(2019)])
    #expect(answer.rows.prefix(3).map { Array($0.prefix(2)) } == expected)
    #expect(expected.first?.first == .text("CH Gayle"))
    #expect(answer.sentence?.contains("CH Gayle") == true)
    #expect(answer.scope?.contains("ODIs") == true)
  }

  @Test func andersonWicketsSince2015MatchDirectSQL() throws {
    let answer = answerer.answer("Jimmy Anderson Test wickets since 2015")
    #expect(!answer.abstained, "\(String(describing: answer.abstention))")
    let expected = try direct(
      """
      SELECT SUM(b.wickets) FROM bowling_innings b JOIN players p ON p.id = b.player_id
      WHERE p.unique_name = ?1 AND b.format = ?2 AND b.year >= ?3
      """, [.text("JM Anderson"), .text("Test"), .integer(2015)])
    #expect(answer.rows.first?.first == expected.first?.first)
  }

  @Test func nicknamesAndTyposGiveTheGoldRows() throws {
    let cases = [
      ("Kohly odi avg", #"batting average where player = "V Kohli" and format = ODI"#),
      (
        "MI vs CSK wins since 2015",
        #"team wins where team = "Mumbai Indians" and opposition = "Chennai Super Kings" and since 2015"#
      ),
    ]
    for (question, gold) in cases { try answerer.expectGoldRows(question, gold) }
  }

  @Test func jsonHasTheDocumentedKeys() throws {
    let answer = answerer.answer("Steve Smith Test average")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(answer.json().utf8)) as? [String: Any])
    for key in [
      "question", "dsl", "sql", "columns", "rows", "confidence", "abstained", "examples",
      "timings_ms", "answer", "scope", "abstention", "bindings", "masked_dsl", "tokens",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let examples = try #require(object["examples"] as? [[String: Any]])
    #expect(examples.count == 4)
    #expect(Set(examples[0].keys).isSuperset(of: ["question", "dsl", "similarity"]))
    let timings = try #require(object["timings_ms"] as? [String: Double])
    #expect(
      Set(timings.keys) == ["link", "retrieve", "prompt", "prefill", "decode", "execute", "total"])
    // The schema, not the model's reading: the bound DSL names the linked player.
    #expect((object["dsl"] as? String)?.contains(#"player = "SPD Smith""#) == true)
  }

  @Test func outOfScopeQuestionsAbstainBeforeTheModel() {
    for question in [
      "most runs in women's ODIs", "who is the best captain", "Sachin Tendulkar Test runs in 1998",
      "most wickets in the Big Bash",
    ] {
      let answer = answerer.answer(question)
      #expect(answer.abstention?.kind == .outOfScope, "\(question)")
      #expect(answer.maskedDSL == nil)
      #expect(answer.abstention?.closestQuestions.count == 3)
    }
  }

  @Test func ambiguousSurnameNamesTheCandidates() {
    let answer = answerer.answer("Smith ODI runs")
    #expect(answer.abstention?.kind == .ambiguous)
    #expect(answer.abstention?.suggestions.contains("SPD Smith") == true)
    #expect(answer.abstention?.reason.contains("which one?") == true)
  }

  @Test func unknownNameSaysSo() {
    let answer = answerer.answer("Zorblax Test runs")
    #expect(answer.abstention?.kind == .unknownName)
    #expect(
      answer.abstention?.reason.hasPrefix("no player, team or ground called \"Zorblax\"") == true)
  }
}
