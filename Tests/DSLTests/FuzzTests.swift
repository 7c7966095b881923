import Testing

@testable import DSL

/// A short run of the parser fuzz (the million-input run is `cricq bench dsl`).
@Test func fuzzedInputsGiveLocatedErrorsAndTheAutomatonAgrees() throws {
  let seeds = try Corpus.load(Corpus.repositoryFolder().appendingPathComponent("seed.jsonl")).map(\.dsl)
  let report = ParserFuzz.run(count: 20_000, seeds: seeds, seed: 11)
  #expect(report.inputs == 20_000)
  #expect(report.disagreements.isEmpty, "\(report.disagreements)")
  #expect(report.badLocations.isEmpty, "\(report.badLocations)")
  #expect(report.errors > 10_000)
  #expect(report.parsed > 100)
}
