import Foundation
import Testing

@testable import Understanding

/// The linker built once for all tests: the catalog snapshot plus corpus/aliases.
enum Fixture {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let linker: Result<QuestionLinker, Error> = Result {
    try QuestionLinker.load(aliases: repository.appendingPathComponent("corpus/aliases"))  // names from the database
  }

  static func get() throws -> QuestionLinker {
    do { return try linker.get() } catch {
      Issue.record("cannot build the linker (run scripts/setup): \(error)")
      throw error
    }
  }
}

@Test func everyAliasNameExistsInTheData() throws {
  let linker = try Fixture.get()
  #expect(linker.index.unknownAliasNames == [], "alias rows naming nothing in the catalog")
}

@Test func linkingGoalsOnTheLabelledQuestions() throws {
  let linker = try Fixture.get()
  let rows = try LinkingEvaluation.load(Fixture.repository.appendingPathComponent("corpus/linking.jsonl"))
  #expect(rows.count >= 300)
  let players = Set(rows.flatMap { $0.entities.filter { $0.kind == "player" }.map(\.value) })
  #expect(players.count >= 150)
  let result = LinkingEvaluation.run(linker, rows: rows)
  print(result.summary)
  for error in result.errors { print("  " + error) }
  #expect(result.recall >= 0.98, "linked correctly: \(result.summary)")
  #expect(result.confidentlyWrongRate <= 0.005, "confidently wrong: \(result.summary)")
  #expect(result.ambiguousHandled == result.ambiguousRows)
}
