import CricketDB
import DSL
import Foundation
import Retriever
import Testing
import Understanding

@testable import Pipeline

/// The masked example pool cached on disk: the same examples as masking afresh, keyed by every
/// input, rejected when the key or the file is wrong.
@Suite(.serialized) struct AskLoadCacheTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "cricq-load-cache-\(UUID().uuidString)", isDirectory: true)
  let configuration = AskConfiguration()

  func withFolder(_ body: () throws -> Void) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body()
  }

  @Test func poolFromTheCacheEqualsFreshlyMaskedPool() throws {
    try withFolder {
      let linker = try QuestionLinker.load(aliases: configuration.aliases)
      let embedder = try SentenceEmbedder()
      let seed = [configuration.corpus.appendingPathComponent("seed.jsonl")]
      let inputs = [configuration.database, configuration.aliases]
      let first = try ExamplePool(
        files: seed, linker: linker, embedder: embedder, cacheDirectory: folder,
        linkerInputs: inputs)
      let second = try ExamplePool(
        files: seed, linker: linker, embedder: embedder, cacheDirectory: folder,
        linkerInputs: inputs)
      #expect(!first.maskedFromCache)
      #expect(second.maskedFromCache)
      #expect(second.examples.count > 40)
      #expect(second.examples == (try ExamplePool.masked(files: seed, linker: linker)))
      #expect(second.examples.contains { $0.maskedQuestion.contains("<player1>") })
    }
  }

  @Test func cacheRejectsAnotherKeyAndAShortFile() throws {
    try withFolder {
      let cache = MaskedExampleCache(url: folder.appendingPathComponent("pool.masked"))
      let examples = [
        MaskedExample(
          id: "a", question: "Kohli's ODI runs", maskedQuestion: "<player1>'s ODI runs",
          dsl: #"batting runs where player = "V Kohli" and format = ODI"#,
          maskedDSL: "batting runs where player = <player1> and format = ODI"),
        MaskedExample(id: "b", question: "é ✓", maskedQuestion: "", dsl: "", maskedDSL: ""),
      ]
      try cache.store(examples, key: 42)
      #expect(cache.load(key: 42) == examples)
      #expect(cache.load(key: 43) == nil)
      let data = try Data(contentsOf: cache.url)
      try data.dropLast(3).write(to: cache.url)
      #expect(cache.load(key: 42) == nil)
      try (data + Data([0])).write(to: cache.url)
      #expect(cache.load(key: 42) == nil)
    }
  }

  @Test func keyChangesWithAPairFileOrALinkerInput() throws {
    try withFolder {
      let pairs = folder.appendingPathComponent("train-x.jsonl")
      let aliases = folder.appendingPathComponent("aliases", isDirectory: true)
      try FileManager.default.createDirectory(at: aliases, withIntermediateDirectories: true)
      let players = aliases.appendingPathComponent("players.tsv")
      try "V Kohli\tKing Kohli\n".write(to: players, atomically: true, encoding: .utf8)
      try #"{"id":"x","question":"q","dsl":"d","split":"train","tags":[]}"#
        .write(to: pairs, atomically: true, encoding: .utf8)
      func key() throws -> UInt64 {
        try ExamplePool.cacheKey(files: [pairs], linkerInputs: [aliases])
      }
      let original = try key()
      #expect(try key() == original)
      try #"{"id":"x","question":"Q","dsl":"d","split":"train","tags":[]}"#
        .write(to: pairs, atomically: true, encoding: .utf8)
      let changedPairs = try key()
      #expect(changedPairs != original)
      try "V Kohli\tChiku\n".write(to: players, atomically: true, encoding: .utf8)
      #expect(try key() != changedPairs)
    }
  }
}
