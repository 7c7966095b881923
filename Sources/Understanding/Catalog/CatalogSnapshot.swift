import Foundation

/// Reads a catalog from the TSV snapshot `scripts/fixtures/link-catalog.py` writes from the raw
/// Cricsheet zips. Lines: `P name test odi t20i ipl first last teams`, `T name format matches`,
/// `V venue city matches`, `E event format matches`, `D last-date`; aliases the database holds as
/// `AP|AT|AV|AE name alias`, renamed franchises as `F team franchise`; `#` lines are comments
/// (the first, `# stamp ...`, names the database build the snapshot was made from).
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
    var aliases = LinkAliases()
    var aliasRows: [String: [String: [String]]] = [:]
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.isEmpty || line.hasPrefix("#") { continue }
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
      case "AP", "AT", "AV", "AE":
        guard f.count >= 3 else { throw bad() }
        aliasRows[f[0], default: [:]][f[1], default: []].append(f[2])
      case "F":
        guard f.count >= 3 else { throw bad() }
        aliases.franchises[f[1]] = f[2]
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
    func rows(_ kind: String) -> [(name: String, aliases: [String])] {
      (aliasRows[kind] ?? [:]).keys.sorted().map { ($0, aliasRows[kind]![$0]!) }
    }
    aliases.players = rows("AP")
    aliases.teams = rows("AT")
    aliases.venues = rows("AV")
    aliases.events = rows("AE")
    var catalog = LinkCatalog(
      players: players, teams: teams.values.sorted { $0.name < $1.name },
      venues: venues.values.sorted { $0.name < $1.name }, events: events.values.sorted { $0.name < $1.name },
      lastDate: lastDate)
    catalog.aliases = aliases
    return catalog
  }

  /// The snapshot text for this catalog; `stamp` identifies the database build it came from.
  public func snapshotText(stamp: String) -> String {
    var out = "# stamp \(stamp)\n"
    func clean(_ s: String) -> String { s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
    for p in players {
      let years = CricketFormat.allCases.map { f in p.years(in: f).map { "\($0.lowerBound)-\($0.upperBound)" } ?? "" }
      out += (["P", clean(p.name)] + p.matchesByFormat.map(String.init)
        + [String(p.firstYear), String(p.lastYear), p.teams.map(clean).joined(separator: ";"),
          years.joined(separator: ";"), String(p.runs), String(p.wickets)]).joined(separator: "\t") + "\n"
    }
    for t in teams {
      let formats = t.formats.isEmpty ? [""] : CricketFormat.allCases.filter(t.formats.contains).map(\.rawValue)
      // Matches are split evenly over formats only for display; the total is what counts.
      for (i, f) in formats.enumerated() { out += "T\t\(clean(t.name))\t\(f)\t\(i == 0 ? t.matches : 0)\n" }
    }
    for v in venues { out += "V\t\(clean(v.name))\t\(clean(v.city))\t\(v.matches)\n" }
    for e in events {
      let formats = e.formats.isEmpty ? [""] : CricketFormat.allCases.filter(e.formats.contains).map(\.rawValue)
      for (i, f) in formats.enumerated() { out += "E\t\(clean(e.name))\t\(f)\t\(i == 0 ? e.matches : 0)\n" }
    }
    out += "D\t\(lastDate)\n"
    for (kind, rows) in [("AP", aliases.players), ("AT", aliases.teams), ("AV", aliases.venues), ("AE", aliases.events)] {
      for row in rows { for alias in row.aliases { out += "\(kind)\t\(clean(row.name))\t\(clean(alias))\n" } }
    }
    for (team, franchise) in aliases.franchises.sorted(by: { $0.key < $1.key }) {
      out += "F\t\(clean(team))\t\(clean(franchise))\n"
    }
    return out
  }

  /// The stamp line of a snapshot, if it has one.
  static func stamp(ofSnapshot url: URL) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 512), let head = String(data: data, encoding: .utf8),
      let line = head.split(separator: "\n").first, line.hasPrefix("# stamp ")
    else { return nil }
    return String(line.dropFirst("# stamp ".count))
  }
}
