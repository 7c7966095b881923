import Foundation

/// The hand-written tables in `corpus/aliases/`: cities, venues, teams, events and players (.tsv).
/// Each is tab-separated, one record a line, `#` starts a comment line, blank lines are ignored.
public struct AliasFiles: Sendable {
  /// City → host country.
  public var cityCountry: [String: String] = [:]
  public var venues: [VenueEntry] = []
  public var teams: [TeamEntry] = []
  public var players: [PlayerEntry] = []
  public var events: [EventEntry] = []
  /// A digest of the files' bytes, stored in the database so `--if-needed` notices edits.
  public var digest = ""

  public struct VenueEntry: Sendable {
    public let name: String
    public let city: String
    public let country: String
    public let aliases: [String]
  }

  public struct TeamEntry: Sendable {
    public let name: String
    public let franchise: String
    public let aliases: [String]
  }

  public struct EventEntry: Sendable {
    public let competition: String
    public let aliases: [String]
  }

  public struct PlayerEntry: Sendable {
    /// The Cricsheet name, and the registry id when the line names one (`V Kohli [ba607b88]`).
    public let name: String
    public let registryID: String?
    public let aliases: [String]
  }

  public static let fileNames = ["cities.tsv", "venues.tsv", "teams.tsv", "events.tsv", "players.tsv"]

  /// The folder used when none is given: `corpus/aliases` under the current directory.
  public static var defaultDirectory: URL {
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent("corpus/aliases", isDirectory: true)
  }

  public init() {}

  public init(directory: URL) throws {
    var hasher = FNV1a()
    for file in Self.fileNames {
      let url = directory.appendingPathComponent(file)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw ImportError.unreadable(
          url.path, "missing alias file (run from the repository root, or pass --aliases DIR)")
      }
      hasher.add(Array(file.utf8))
      hasher.add([UInt8](data))
      let records = try Self.records(String(decoding: data, as: UTF8.self), file: url.path)
      switch file {
      case "cities.tsv":
        for (line, fields) in records {
          guard fields.count == 2 else { throw Self.bad(url.path, line, "expected <city> <TAB> <country>") }
          cityCountry[fields[0]] = fields[1]
        }
      case "venues.tsv":
        for (line, fields) in records {
          guard fields.count >= 3 else {
            throw Self.bad(url.path, line, "expected <ground> <TAB> <city> <TAB> <country> [<TAB> <alias>]...")
          }
          venues.append(VenueEntry(name: fields[0], city: fields[1], country: fields[2], aliases: Array(fields[3...])))
        }
      case "teams.tsv":
        for (line, fields) in records {
          guard fields.count >= 2 else { throw Self.bad(url.path, line, "expected <team> <TAB> <franchise or -> [<TAB> <alias>]...") }
          teams.append(TeamEntry(name: fields[0], franchise: fields[1] == "-" ? fields[0] : fields[1], aliases: Array(fields[2...])))
        }
      case "events.tsv":
        events = records.map { EventEntry(competition: $1[0], aliases: Array($1[1...])) }
      default:
        players = try Self.playerEntries(records, file: url.path)
      }
    }
    digest = String(hasher.value, radix: 16)
  }

  /// Parses a players.tsv text (also used for extra alias files given at lookup time).
  public static func parsePlayers(_ text: String, file: String) throws -> [PlayerEntry] {
    try playerEntries(records(text, file: file), file: file)
  }

  private static func playerEntries(_ records: [(Int, [String])], file: String) throws -> [PlayerEntry] {
    try records.map { line, fields in
      guard fields.count >= 2 else { throw bad(file, line, "expected <Cricsheet name> <TAB> <alias>...") }
      var name = fields[0]
      var registryID: String? = nil
      if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        registryID = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        name = name[..<open].trimmingCharacters(in: .whitespaces)
      }
      return PlayerEntry(name: name, registryID: registryID, aliases: Array(fields[1...]))
    }
  }

  private static func records(_ text: String, file: String) throws -> [(Int, [String])] {
    var result: [(Int, [String])] = []
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      if fields.contains(where: \.isEmpty) {
        throw bad(file, offset + 1, "a field is empty (two tabs in a row, or a trailing tab)")
      }
      result.append((offset + 1, fields))
    }
    return result
  }

  private static func bad(_ file: String, _ line: Int, _ expected: String) -> ImportError {
    .unreadable("\(file):\(line)", expected)
  }
}

/// 64-bit FNV-1a, for a stable digest of small files (not for security).
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
  mutating func add(_ bytes: [UInt8]) {
    for byte in bytes {
      value ^= UInt64(byte)
      value &*= 0x100_0000_01b3
    }
  }
}
