import Foundation

/// Whether a database file is current, and its summary figures (for `cricq db stats`).
public enum DatabaseStatus {
  /// True when `url` holds a database of the current schema version built with these aliases.
  public static func isCurrent(_ url: URL, aliasesDigest: String) -> Bool {
    staleness(url, aliasesDigest: aliasesDigest) == nil
  }

  /// Why the database at `url` needs a rebuild, or nil when it is current.
  public static func staleness(_ url: URL, aliasesDigest: String) -> String? {
    guard FileManager.default.fileExists(atPath: url.path) else {
      return "\(url.path) does not exist"
    }
    do {
      let database = try Database(path: url.path, mode: .readOnly)
      let version = try database.userVersion
      guard version == Schema.schemaVersion else {
        return "it has schema version \(version), this cricq needs \(Schema.schemaVersion)"
      }
      let digest = try database.scalar("SELECT value FROM build_info WHERE key = 'aliases_digest'")
      guard digest.stringValue == aliasesDigest else {
        return "the alias files changed since it was built (\(digest) → \(aliasesDigest))"
      }
      return nil
    } catch {
      return "it cannot be read: \(error)"
    }
  }

  public struct FormatFigures: Sendable, Equatable {
    public let format: String
    public let matches: Int
    public let deliveries: Int
    public let firstDate: String
    public let lastDate: String
  }

  /// Matches, deliveries and date range per format, in the order Test, ODI, T20I, IPL.
  public static func figures(_ database: Database) throws -> [FormatFigures] {
    let deliveries = try database.query(
      "SELECT format, COUNT(*) FROM deliveries GROUP BY format")
    var deliveriesPerFormat: [String: Int] = [:]
    for row in deliveries.rows { deliveriesPerFormat[row.string(0) ?? ""] = row.int(1) }
    let matches = try database.query(
      "SELECT format, COUNT(*), MIN(start_date), MAX(start_date) FROM matches GROUP BY format")
    var result: [FormatFigures] = []
    for format in Schema.formats {
      guard let row = matches.rows.first(where: { $0.string(0) == format }) else { continue }
      result.append(
        FormatFigures(
          format: format, matches: row.int(1) ?? 0, deliveries: deliveriesPerFormat[format] ?? 0,
          firstDate: row.string(2) ?? "", lastDate: row.string(3) ?? ""))
    }
    return result
  }

  /// First and last year of each format's matches, in the order Test, ODI, T20I, IPL (the
  /// answer's scope says which seasons "every season" means).
  public static func yearSpans(_ database: Database) throws -> [(format: String, years: ClosedRange<Int>)] {
    let rows = try database.query("SELECT format, MIN(year), MAX(year) FROM matches GROUP BY format")
    return Schema.formats.compactMap { format in
      guard let row = rows.rows.first(where: { $0.string(0) == format }),
        let first = row.int(1), let last = row.int(2)
      else { return nil }
      return (format, first...last)
    }
  }
}
