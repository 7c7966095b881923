import CricketDB
import Foundation
import Testing

@testable import Pipeline

/// Issue 7's bad input, end to end on the real models and database: each gets a clear
/// abstention, nothing crashes, and the database file is untouched.
@Suite(.serialized) struct BadInputTests {
  let answerer: QuestionAnswerer

  init() throws { answerer = try QuestionAnswerer() }

  func fingerprint() throws -> [FileAttributeKey: Any] {
    try FileManager.default.attributesOfItem(atPath: CricqPaths.database.path)
  }

  @Test func eachBadInputAbstainsAndTheDatabaseIsUntouched() throws {
    let before = try fingerprint()
    let inputs: [(String, Abstention.Kind)] = [
      ("", .unreadable),
      (String(repeating: "most runs in 2019 ", count: 556), .unreadable),
      (String(decoding: (0..<200).map { UInt8(($0 * 73 + 11) % 256) }, as: UTF8.self), .unreadable),
      ("谁在2019年得分最多", .unreadable),
    ]
    for (input, kind) in inputs {
      let answer = answerer.answer(input)
      #expect(answer.abstention?.kind == kind, "\(input.prefix(40)): \(String(describing: answer.abstention))")
      #expect(answer.result == nil)
    }
    // SQL text is a question like any other: it names no player, so it is not answered, and it
    // never reaches SQL except as a bound value.
    let injection = answerer.answer("'; DROP TABLE matches; --")
    #expect(injection.abstained)
    let after = try fingerprint()
    #expect(after[.size] as? Int == before[.size] as? Int)
    #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
    #expect(try answerer.run(dsl: "team matches where format = Test").result.rows.count == 1)
  }
}
