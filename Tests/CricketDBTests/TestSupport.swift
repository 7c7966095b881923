import Foundation
import Testing

@testable import CricketDB

enum Fixtures {
  /// The repository root (this file is Tests/CricketDBTests/TestSupport.swift).
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let folder = repository.appendingPathComponent("Tests/CricketDBTests/Fixtures", isDirectory: true)

  static var matches: URL { folder.appendingPathComponent("matches", isDirectory: true) }

  static var aliases: AliasFiles {
    get throws { try AliasFiles(directory: repository.appendingPathComponent("corpus/aliases")) }
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("cricketdb-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The four fixture matches imported once per test run.
  static let database: Result<Database, Error> = Result {
    let folder = try temporaryFolder()
    let target = folder.appendingPathComponent("fixtures.sqlite")
    _ = try Importer.build(
      sources: [matches.path], database: target, aliases: try aliases, quiet: true)
    return try Database(path: target.path, mode: .readOnly)
  }

  /// A match file parsed by Foundation, as an independent reading to check the importer against.
  static func raw(_ id: Int) throws -> [String: Any] {
    let data = try Data(contentsOf: matches.appendingPathComponent("\(id).json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  /// Every delivery of the non-super-over innings of a raw match, with its innings number.
  static func rawDeliveries(_ match: [String: Any]) -> [(innings: Int, delivery: [String: Any])] {
    var result: [(Int, [String: Any])] = []
    var number = 0
    for innings in match["innings"] as? [[String: Any]] ?? [] where innings["super_over"] as? Bool != true {
      number += 1
      for over in innings["overs"] as? [[String: Any]] ?? [] {
        for delivery in over["deliveries"] as? [[String: Any]] ?? [] { result.append((number, delivery)) }
      }
    }
    return result
  }
}

/// The real database built by `cricq db build` (scripts/setup); tests on it fail when missing.
enum RealDatabase {
  static let shared: Result<Database, Error> = Result {
    let path = CricqPaths.database.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw ImportError.noSource("no database at \(path): run scripts/setup (or cricq db build) first")
    }
    let database = try Database(path: path, mode: .readOnly)
    guard try database.userVersion == Schema.schemaVersion else {
      throw ImportError.noSource(
        "\(path) has schema \(try database.userVersion), expected \(Schema.schemaVersion): run cricq db build")
    }
    return database
  }

  static func get() throws -> Database { try shared.get() }

  static func int(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int? {
    try get().scalar(sql, bindings).intValue
  }
}

extension Database {
  func int(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int? {
    try scalar(sql, bindings).intValue
  }

  func playerID(_ name: String) throws -> Int {
    guard let id = try int("SELECT id FROM players WHERE name = ?", [.text(name)]) else {
      throw ImportError.noSource("no player named \(name)")
    }
    return id
  }
}
