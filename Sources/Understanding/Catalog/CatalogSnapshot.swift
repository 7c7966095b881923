import Foundation

/// Reads a catalog from the TSV snapshot `scripts/fixtures/link-catalog.py` writes from the raw
/// Cricsheet zips. Lines: `P name test odi t20i ipl first last teams`, `T name format matches`,
/// `V venue city matches`, `E event format matches`, `D last-date`.
extension LinkCatalog {
  public static func snapshot(at url: URL) throws -> LinkCatalog {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw UnderstandingError.missingFile(
        url.path, hint: "run scripts/fixtures/link-catalog.py or scripts/setup")
    }
    return try snapshot(text: text, source: url.path)
  }

  public static func snapshot(text: String, source: String) throws -> LinkCatalog {
    var players: [PlayerRecord] = []
    var teams: [String: NamedRecord] = [:]
    var venues: [String: NamedRecord] = [:]
    var events: [String: NamedRecord] = [:]
    var lastDate = ""
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.isEmpty { continue }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      func bad() -> UnderstandingError {
        .malformedLine(source, line: number + 1, expected: "a P, T, V, E or D record", found: String(line))
      }
      switch f[0] {
      case "P":
        guard f.count >= 9, let a = Int(f[2]), let b = Int(f[3]), let c = Int(f[4]),
          let d = Int(f[5]), let first = Int(f[6]), let last = Int(f[7])
        else { throw bad() }
        players.append(
          PlayerRecord(
            name: f[1], matchesByFormat: [a, b, c, d], firstYear: first, lastYear: last,
            teams: f[8].split(separator: ";").map(String.init),
            yearsByFormat: f.count > 9 ? yearSpans(f[9]) : [],
            runs: f.count > 11 ? Int(f[10]) ?? 0 : 0, wickets: f.count > 11 ? Int(f[11]) ?? 0 : 0))
      case "T", "E":
        guard f.count >= 4, let n = Int(f[3]) else { throw bad() }
        let format = CricketFormat(rawValue: f[2])
        var record = (f[0] == "T" ? teams : events)[f[1]] ?? NamedRecord(name: f[1], matches: 0)
        record.matches += n
        if let format { record.formats.insert(format) }
        if f[0] == "T" { teams[f[1]] = record } else { events[f[1]] = record }
      case "V":
        guard f.count >= 4, let n = Int(f[3]) else { throw bad() }
        var record = venues[f[1]] ?? NamedRecord(name: f[1], matches: 0, city: f[2])
        record.matches += n
        if record.city.isEmpty { record.city = f[2] }
        venues[f[1]] = record
      case "D":
        guard f.count >= 2 else { throw bad() }
        lastDate = f[1]
      default:
        throw bad()
      }
    }
    func yearSpans(_ field: String) -> [ClosedRange<Int>?] {
      field.split(separator: ";", omittingEmptySubsequences: false).map { part in
        let ends = part.split(separator: "-").compactMap { Int($0) }
        return ends.count == 2 && ends[0] <= ends[1] ? ends[0]...ends[1] : nil
      }
    }
    return LinkCatalog(
      players: players, teams: Array(teams.values), venues: Array(venues.values),
      events: Array(events.values), lastDate: lastDate)
  }
}
