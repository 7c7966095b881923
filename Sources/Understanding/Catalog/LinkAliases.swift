import Foundation

/// The hand-written alias lists in `corpus/aliases/`: one canonical name per line followed by
/// its aliases, tab-separated; `#` starts a comment line.
public struct LinkAliases: Sendable {
  /// Cricsheet player name → aliases (`players.tsv`).
  public var players: [(name: String, aliases: [String])] = []
  /// Team name → aliases (`team-nicknames.tsv`, and the db engineer's `teams.tsv` when present).
  public var teams: [(name: String, aliases: [String])] = []
  /// Ground name → aliases (`venue-nicknames.tsv`, and `venues.tsv` when present).
  public var venues: [(name: String, aliases: [String])] = []
  /// Competition → aliases (`events.tsv`, `event-nicknames.tsv`); the aliases include the
  /// Cricsheet event names the competition groups.
  public var events: [(name: String, aliases: [String])] = []

  /// Renamed franchises: old name → current name ("Delhi Daredevils" → "Delhi Capitals").
  public var franchises: [String: String] = [:]

  public init() {}

  /// Reads the alias files from `directory`; files that do not exist are skipped except
  /// `players.tsv`, which must exist.
  public static func load(from directory: URL) throws -> LinkAliases {
    var files = LinkAliases()
    let players = directory.appendingPathComponent("players.tsv")
    guard FileManager.default.fileExists(atPath: players.path) else {
      throw UnderstandingError.missingFile(players.path, hint: "the alias directory needs players.tsv")
    }
    files.players = try rows(players)
    // The db engineer's files carry extra columns: teams.tsv a franchise after the name,
    // venues.tsv a city and a host country.
    for row in try rows(directory.appendingPathComponent("teams.tsv")) {
      let franchise = row.aliases.first.flatMap { $0 == "-" ? nil : $0 }
      if let franchise { files.franchises[row.name] = franchise }
      files.teams.append((row.name, Array(row.aliases.dropFirst())))
    }
    files.teams += try rows(directory.appendingPathComponent("team-nicknames.tsv"))
    for row in try rows(directory.appendingPathComponent("venues.tsv")) {
      files.venues.append((row.name, Array(row.aliases.dropFirst(2))))
    }
    files.venues += try rows(directory.appendingPathComponent("venue-nicknames.tsv"))
    for name in ["events.tsv", "event-nicknames.tsv"] {
      files.events += try rows(directory.appendingPathComponent(name))
    }
    return files
  }

  /// `corpus/aliases` found from `$CRICQ_ALIASES`, the working directory or the executable's
  /// location (a build inside the repository finds the repository's copy).
  public static func defaultDirectory() -> URL? {
    let fm = FileManager.default
    if let custom = ProcessInfo.processInfo.environment["CRICQ_ALIASES"], !custom.isEmpty {
      return URL(fileURLWithPath: custom, isDirectory: true)
    }
    var starts = [URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)]
    starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent())
    starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    for start in starts {
      var dir = start.standardizedFileURL
      for _ in 0..<8 {
        let candidate = dir.appendingPathComponent("corpus/aliases", isDirectory: true)
        if fm.fileExists(atPath: candidate.appendingPathComponent("players.tsv").path) {
          return candidate
        }
        dir = dir.deletingLastPathComponent()
      }
    }
    return nil
  }

  static func rows(_ url: URL) throws -> [(name: String, aliases: [String])] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw UnderstandingError.missingFile(url.path, hint: "expected a UTF-8 text file")
    }
    var out: [(String, [String])] = []
    for (number, line) in text.split(separator: "\n").enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      guard let name = fields.first else {
        throw UnderstandingError.malformedLine(
          url.path, line: number + 1, expected: "a name then tab-separated aliases", found: String(line))
      }
      // "<name> [<registry id>]" picks one of two players sharing a Cricsheet name; the linker
      // keys players by name, so the id is dropped here.
      let bare = name.split(separator: "[").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? name
      out.append((bare, Array(fields.dropFirst())))
    }
    return out
  }
}
