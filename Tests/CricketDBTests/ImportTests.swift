import Foundation
import Testing

@testable import CricketDB

@Suite struct ImportTests {
  private func copyMatches(_ ids: [Int], to folder: URL) throws {
    for id in ids {
      try FileManager.default.copyItem(
        at: Fixtures.matches.appendingPathComponent("\(id).json"),
        to: folder.appendingPathComponent("\(id).json"))
    }
  }

  @Test func zipMembersAreReadDeflatedAndStoredAndNonJSONIsIgnored() throws {
    let zip = Fixtures.folder.appendingPathComponent("two_matches.zip")
    let archive = try ZipArchive(path: zip.path)
    #expect(archive.entries.map(\.name) == ["1423442.json", "README.txt", "1405327.json"])
    for entry in archive.entries where entry.name.hasSuffix(".json") {
      let bytes = try archive.contents(of: entry)
      let original = try Data(contentsOf: Fixtures.matches.appendingPathComponent(entry.name))
      #expect(bytes == [UInt8](original), "\(entry.name)")
    }
    let folder = try Fixtures.temporaryFolder()
    let summary = try Importer.build(
      sources: [zip.path], database: folder.appendingPathComponent("z.sqlite"),
      aliases: try Fixtures.aliases, quiet: true)
    #expect(summary.matches == 2)
    #expect(summary.skipped.isEmpty)
  }

  @Test func aTruncatedZipIsRejectedWithAReason() throws {
    let zip = Fixtures.folder.appendingPathComponent("two_matches.zip")
    let bytes = [UInt8](try Data(contentsOf: zip))
    #expect(throws: ImportError.self) { try ZipArchive(path: "cut.zip", bytes: Array(bytes.prefix(bytes.count / 2))) }
    do {
      _ = try ZipArchive(path: "cut.zip", bytes: Array(bytes.prefix(bytes.count / 2)))
    } catch let error as ImportError {
      #expect(error.description.contains("cut.zip"))
      #expect(error.description.contains("end-of-central-directory"))
    }
    // A member whose compressed data is damaged fails its own read, naming it.
    var damaged = bytes
    damaged[100] ^= 0xFF
    let archive = try ZipArchive(path: "damaged.zip", bytes: damaged)
    #expect(throws: ImportError.self) { try archive.contents(of: archive.entries[0]) }
  }

  @Test func aTruncatedOrMalformedMatchIsReportedSkippedAndCounted() throws {
    let folder = try Fixtures.temporaryFolder()
    let source = folder.appendingPathComponent("source", isDirectory: true)
    try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
    try copyMatches([335985, 1423442], to: source)
    let whole = try Data(contentsOf: Fixtures.matches.appendingPathComponent("1405327.json"))
    try whole.prefix(whole.count / 3).write(to: source.appendingPathComponent("1405327.json"))
    try Data(#"{"meta": {}, "info": {"teams": ["A", "B"]}}"#.utf8).write(to: source.appendingPathComponent("999.json"))
    try Data("not json".utf8).write(to: source.appendingPathComponent("998.json"))

    let summary = try Importer.build(
      sources: [source.path], database: folder.appendingPathComponent("db.sqlite"),
      aliases: try Fixtures.aliases, quiet: true)
    #expect(summary.matches == 2)
    #expect(summary.skipped.count == 3)
    let truncated = summary.skipped.first { $0.contains("1405327.json") }
    #expect(truncated?.contains("end of the file (truncated?)") == true, "\(truncated ?? "")")
    #expect(summary.skipped.contains { $0.contains("999.json") && $0.contains("missing required field `innings`") })
    #expect(summary.skipped.contains { $0.contains("998.json") && $0.contains("expected an object") })
    let database = try Database(path: folder.appendingPathComponent("db.sqlite").path)
    #expect(try database.int("SELECT COUNT(*) FROM matches") == 2)
    #expect(try database.scalar("SELECT value FROM build_info WHERE key = 'skipped'") == .text("3"))
  }

  /// A digest of every table's rows, in a fixed order.
  private func contentDigest(_ path: String) throws -> [String: Int] {
    let database = try Database(path: path)
    var digest: [String: Int] = [:]
    for table in Schema.tableNames {
      var hasher = FNV1a()
      let rows = try database.query("SELECT * FROM \(table)").rows
        .map { $0.values.map(\.description).joined(separator: "\u{1}") }.sorted()
      for row in rows { hasher.add(Array(row.utf8)) }
      digest[table] = Int(truncatingIfNeeded: hasher.value)
    }
    return digest
  }

  @Test func importingTheSameSourceTwiceGivesTheSameDatabase() throws {
    let folder = try Fixtures.temporaryFolder()
    let first = folder.appendingPathComponent("first.sqlite")
    let second = folder.appendingPathComponent("second.sqlite")
    for target in [first, second] {
      _ = try Importer.build(sources: [Fixtures.matches.path], database: target, aliases: try Fixtures.aliases, quiet: true)
    }
    let a = try contentDigest(first.path)
    let b = try contentDigest(second.path)
    #expect(a == b)
    #expect(a.count == Schema.tableNames.count)
    // Rebuilding in place replaces the file with identical content.
    _ = try Importer.build(sources: [Fixtures.matches.path], database: first, aliases: try Fixtures.aliases, quiet: true)
    #expect(try contentDigest(first.path) == b)
  }

  @Test func aFailedBuildLeavesTheOldDatabaseInPlace() throws {
    let folder = try Fixtures.temporaryFolder()
    let target = folder.appendingPathComponent("kept.sqlite")
    _ = try Importer.build(sources: [Fixtures.matches.path], database: target, aliases: try Fixtures.aliases, quiet: true)
    let before = try Data(contentsOf: target)
    let empty = folder.appendingPathComponent("empty", isDirectory: true)
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(throws: ImportError.self) {
      try Importer.build(sources: [empty.path], database: target, aliases: try Fixtures.aliases, quiet: true)
    }
    #expect(try Data(contentsOf: target) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("building") }
    #expect(leftovers.isEmpty)
  }

  @Test func isCurrentNeedsTheSchemaVersionAndTheAliasDigest() throws {
    let folder = try Fixtures.temporaryFolder()
    let target = folder.appendingPathComponent("current.sqlite")
    #expect(!DatabaseStatus.isCurrent(target, aliasesDigest: try Fixtures.aliases.digest))
    _ = try Importer.build(sources: [Fixtures.matches.path], database: target, aliases: try Fixtures.aliases, quiet: true)
    #expect(DatabaseStatus.isCurrent(target, aliasesDigest: try Fixtures.aliases.digest))
    #expect(!DatabaseStatus.isCurrent(target, aliasesDigest: "other"))
    let writable = try Database(path: target.path, mode: .readWrite)
    try writable.setUserVersion(Schema.schemaVersion - 1)
    #expect(!DatabaseStatus.isCurrent(target, aliasesDigest: try Fixtures.aliases.digest))
  }
}
