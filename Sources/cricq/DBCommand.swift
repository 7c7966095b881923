import ArgumentParser
import CricketDB
import Foundation

struct DBCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Build and inspect the cricket database.",
    subcommands: [Build.self, Stats.self]
  )

  struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import Cricsheet match files into the database.",
      discussion: """
        Sources are Cricsheet JSON zips, folders of match files, or https addresses of zips. \
        Without --source: the zips in $CRICQ_CRICSHEET, else ../shared/data/cricsheet/ \
        (tests_json.zip, odis_json.zip, t20s_json.zip, ipl_json.zip).
        """)

    @Option(name: .customLong("source"), help: "A zip, a folder of JSON files, or an https URL. Repeatable.")
    var sources: [String] = []

    @Option(help: "The database file to write (default: $CRICQ_HOME/cricket.sqlite).")
    var db: String?

    @Option(help: "Folder with cities.tsv, venues.tsv, teams.tsv and players.tsv.")
    var aliases: String?

    @Flag(help: "Do nothing when the database exists with the current schema and aliases.")
    var ifNeeded = false

    @Flag(help: "Print only the summary.")
    var quiet = false

    func run() async throws {
      let target = db.map { URL(fileURLWithPath: $0) } ?? CricqPaths.database
      let aliasFolder = aliases.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? AliasFiles.defaultDirectory
      let aliasFiles = try AliasFiles(directory: aliasFolder)
      if ifNeeded, DatabaseStatus.isCurrent(target, aliasesDigest: aliasFiles.digest) {
        print("cricq db: \(target.path) is up to date (schema \(Schema.schemaVersion)).")
        return
      }
      var paths: [String] = []
      var downloads: [String] = []
      defer { for file in downloads { try? FileManager.default.removeItem(atPath: file) } }
      for source in try resolvedSources() {
        if source.hasPrefix("https://") || source.hasPrefix("http://") {
          let folder = target.deletingLastPathComponent()
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          FileHandle.standardError.write(Data("downloading \(source)\n".utf8))
          let file = try await Download.fetch(source, into: folder)
          downloads.append(file)
          paths.append(file)
        } else {
          paths.append(source)
        }
      }
      let summary = try Importer.build(sources: paths, database: target, aliases: aliasFiles, quiet: quiet)
      for line in summary.skipped { FileHandle.standardError.write(Data("skipped: \(line)\n".utf8)) }
      for line in summary.warnings { FileHandle.standardError.write(Data("warning: \(line)\n".utf8)) }
      let formats = Schema.formats.compactMap { format in
        summary.matchesPerFormat[format].map { "\($0) \(format)" }
      }
      print(
        String(
          format: "cricq db: imported %d matches (%@), %d deliveries in %.1f s; skipped %d files; wrote %@",
          summary.matches, formats.joined(separator: ", "), summary.deliveries, summary.seconds,
          summary.skipped.count, target.path))
      if !quiet {
        print("  time: " + summary.phases.map { String(format: "%@ %.1f s", $0.name, $0.seconds) }.joined(separator: ", "))
      }
    }

    private func resolvedSources() throws -> [String] {
      if !sources.isEmpty { return sources }
      let folder: String
      if let custom = ProcessInfo.processInfo.environment["CRICQ_CRICSHEET"], !custom.isEmpty {
        folder = custom
      } else {
        folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
          .appendingPathComponent("../shared/data/cricsheet").standardized.path
      }
      let zips = ["tests_json.zip", "odis_json.zip", "t20s_json.zip", "ipl_json.zip"]
        .map { (folder as NSString).appendingPathComponent($0) }
      let missing = zips.filter { !FileManager.default.fileExists(atPath: $0) }
      guard missing.isEmpty else {
        throw ValidationError(
          "Cricsheet zips not found: \(missing.joined(separator: ", ")). Pass --source, set CRICQ_CRICSHEET to their folder, or run from a checkout with ../shared beside it.")
      }
      return zips
    }
  }

  struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print match and delivery counts and date ranges per format.")

    @Option(help: "The database file (default: $CRICQ_HOME/cricket.sqlite).")
    var db: String?

    func run() async throws {
      let path = db ?? CricqPaths.database.path
      let database = try Database(path: path, mode: .readOnly)
      let figures = try DatabaseStatus.figures(database)
      print("format  matches  deliveries  first       last")
      for row in figures {
        print(
          row.format.padding(toLength: 6, withPad: " ", startingAt: 0)
            + String(format: "  %7d  %10d  %@  %@", row.matches, row.deliveries, row.firstDate, row.lastDate))
      }
      let totalMatches = figures.reduce(0) { $0 + $1.matches }
      let totalDeliveries = figures.reduce(0) { $0 + $1.deliveries }
      print("total   " + String(format: "%7d  %10d", totalMatches, totalDeliveries))
      let counts = try ["players", "teams", "venues", "batting_innings", "partnerships"].map {
        "\(try database.scalar("SELECT COUNT(*) FROM \($0)").intValue ?? 0) \($0)"
      }
      print(counts.joined(separator: ", "))
      print("schema version \(try database.userVersion); \(path)")
    }
  }
}
