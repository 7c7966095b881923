import CricketDB
import Foundation
import Testing

@testable import DSL

/// Every pair of every corpus file (seed and `train-*`) parses and passes validation against the
/// real database's names, without running the queries (`scripts/check-corpus` runs them).
@Test func everyCorpusPairValidatesAgainstTheDatabase() throws {
  let path = CricqPaths.database
  guard FileManager.default.fileExists(atPath: path.path) else {
    Issue.record("no database at \(path.path): run scripts/setup (or `cricq db build`)")
    return
  }
  let names = try EntityNames(database: Database(path: path.path))
  let folder = Corpus.repositoryFolder()
  let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0 == "seed.jsonl" || ($0.hasPrefix("train-") && $0.hasSuffix(".jsonl")) }
  #expect(files.count >= 8, "expected the seed and the themed train files, found \(files)")
  var total = 0
  for file in files.sorted() {
    let pairs = try Corpus.load(folder.appendingPathComponent(file))
    #expect(!pairs.isEmpty, "\(file) has no pairs")
    total += pairs.count
    for pair in pairs {
      #expect(pair.split == "train", "\(file) \(pair.id): a train file holds only train pairs")
      #expect(!pair.tags.isEmpty, "\(file) \(pair.id): no tags")
      do {
        try DSLParser.parse(pair.dsl).validate(against: names)
      } catch {
        Issue.record("\(file) \(pair.id): \(error)")
      }
    }
  }
  #expect(total >= 1000)
}

/// The validation above can fail: a misspelt name in a pair is reported with a suggestion.
@Test func corpusValidationRejectsAnUnknownName() throws {
  let names = try EntityNames(database: Database(path: CricqPaths.database.path))
  #expect(throws: DSLError.self) {
    try DSLParser.parse("batting runs where player = \"V Kohly\" and format = ODI")
      .validate(against: names)
  }
}
