import DSL
import Foundation
import Testing

@testable import Pipeline

@Test func rolesSeparateKeywordsMeasuresEntitiesAndNumbers() {
  let dsl = "top 10 innings by strike rate where player = <player1> min balls 240"
  let roles = TokenRole.byteRoles(of: dsl)
  func role(of word: String) -> TokenRole {
    roles[dsl.utf8.distance(from: dsl.utf8.startIndex, to: dsl.range(of: word)!.lowerBound)]
  }
  #expect(role(of: "top") == .keyword)
  #expect(role(of: "10") == .number)
  #expect(role(of: "innings") == .keyword)
  #expect(role(of: "strike") == .measure)
  #expect(role(of: "rate") == .measure)
  #expect(role(of: "where") == .keyword)
  #expect(role(of: "<player1>") == .entity)
  #expect(role(of: "balls") == .measure)
  #expect(role(of: "240") == .number)
}

@Test func tokenRolesFollowTheFirstNonSpaceByteAndEndWithTheStopToken() {
  let dsl = "batting runs, average where player = <player1>"
  let pieces = [
    "batting", " runs", ",", " average", " where", " player", " =", " <", "player",
    "1", ">", "<|im_end|>",
  ]
  let roles = TokenRole.tokenRoles(of: dsl, tokenBytes: pieces.map { Array($0.utf8) })
  #expect(
    roles == [
      .keyword, .measure, .keyword, .measure, .keyword, .keyword, .keyword, .entity, .entity,
      .entity, .entity, .end,
    ])
}

@Test func kListsParseSortedAndRejectBadValuesByName() throws {
  #expect(try StudyConfiguration.parseKs("8, 0,2,2") == [0, 2, 8])
  #expect(throws: StudyError.self) { try StudyConfiguration.parseKs("0,x") }
  do {
    _ = try StudyConfiguration.parseSelections("retrieved,nearest")
    Issue.record("accepted an unknown selection")
  } catch {
    #expect(
      "\(error)"
        == "--select expects retrieved and/or random separated by commas, but found 'nearest'")
  }
}

func sampleRow(
  model: String = "qwen", selection: String = "retrieved", k: Int, id: String, correct: Bool
)
  -> StudyRow
{
  StudyRow(
    key: .init(model: model, selection: selection, k: k, questionID: id),
    exampleIDs: (0..<k).map { "seed-\($0)" }, promptTokens: 40 + 30 * k,
    generated: "top <num1> batters by runs, \"quoted\"", failure: correct ? "" : "validation: x",
    executionCorrect: correct, exactMatch: correct, generateSeconds: 1.5, scoreSeconds: 0.25,
    goldTokens: 12, goldInGrammar: k > 0, rawEntropy: 2.0 / Double(k + 1),
    maskedEntropy: k > 0 ? 0.5 / Double(k) : .nan, goldLog2Prob: -6, goldProbability: 0.7,
    roles: [.measure: .init(tokens: 2, rawEntropy: 1.5, maskedEntropy: 0.3, goldLog2Prob: -0.4)])
}

@Test func rowsRoundTripThroughResultsCSV() throws {
  let row = sampleRow(k: 2, id: "q1", correct: true)
  let parsed = try StudyRow(fields: CSV.parse(CSV.line(row.fields))[0], line: 2)
  #expect(parsed.fields == row.fields)
  #expect(parsed.key == row.key)
  #expect(parsed.roles[.entity]?.rawEntropy.isNaN == true)
}

@Test func resultsFileResumesAfterALineCutOffByAKill() throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "study-resume-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("results.csv")
  do {
    let file = try StudyResultsFile(url: url)
    try file.append(sampleRow(k: 0, id: "q1", correct: false))
    try file.append(sampleRow(k: 1, id: "q1", correct: true))
  }
  // A kill in the middle of the third row.
  let handle = try FileHandle(forWritingTo: url)
  try handle.seekToEnd()
  try handle.write(contentsOf: Data("qwen,retrieved,2,q1,\"seed-0".utf8))
  try handle.close()
  #expect(try StudyResultsFile.rows(at: url).map(\.key.k) == [0, 1])
  do {
    let file = try StudyResultsFile(url: url)
    try file.append(sampleRow(k: 2, id: "q1", correct: true))
  }
  #expect(try StudyResultsFile.rows(at: url).map(\.key.k) == [0, 1, 2])
}

@Test func reportTablesGiveAccuracyAsPercentWithIntervalsAndSkipRejectedGolds() {
  var rows: [StudyRow] = []
  for q in 0..<10 {
    rows.append(sampleRow(k: 0, id: "q\(q)", correct: false))
    rows.append(sampleRow(k: 4, id: "q\(q)", correct: q < 6))
  }
  let report = StudyReport(rows: rows)
  let k4 = report.summaries[.init(model: "qwen", selection: "retrieved", k: 4)]!
  #expect(k4.executionAccuracy.mean == 60)
  #expect(k4.executionAccuracy.low < 60 && k4.executionAccuracy.high > 60)
  let k0 = report.summaries[.init(model: "qwen", selection: "retrieved", k: 0)]!
  #expect(k0.maskedEntropy.count == 0)
  #expect(abs(k0.rawEntropy.mean - 2) < 1e-12)
  let tables = report.markdownTables()
  #expect(tables.contains("| retrieved | 4 | 10 | 60 ["))
  #expect(tables.contains("| retrieved | 0 | 10 | 0 [0, 0] | 0 [0, 0] | 2.00 [2.00, 2.00] | – |"))
  let names = report.plots().map(\.name)
  #expect(names == ["accuracy_vs_k", "entropy_vs_k_qwen", "entropy_by_role_qwen"])
}

@Test func reportLeavesOutAQuestionAStoppedRunDidNotFinish() {
  let rows = [
    sampleRow(k: 0, id: "q1", correct: true), sampleRow(k: 2, id: "q1", correct: true),
    sampleRow(k: 0, id: "q2", correct: false),
  ]
  let report = StudyReport(rows: rows)
  #expect(report.rows.map(\.key.questionID) == ["q1", "q1"])
  #expect(report.summaries[.init(model: "qwen", selection: "retrieved", k: 0)]?.questions == 1)
}
