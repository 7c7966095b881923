import CricketDB
import Foundation

extension QuestionLinker {
  /// The cached catalog next to the database: `$CRICQ_HOME/link-catalog.tsv`.
  public static var snapshotPath: URL { CricqPaths.home.appendingPathComponent("link-catalog.tsv") }

  /// Builds the linker from the database (through the cached snapshot when it was made from
  /// this build of the database) and the alias files in `corpus/aliases`. `catalog` instead
  /// reads a snapshot file as is (e.g. one `scripts/fixtures/link-catalog.py` wrote from the zips).
  public static func load(database: URL? = nil, catalog: URL? = nil, aliases: URL? = nil) throws -> QuestionLinker {
    let names = try catalog.map { try LinkCatalog.snapshot(at: $0) } ?? loadCatalog(database: database ?? CricqPaths.database)
    guard let directory = aliases ?? LinkAliases.defaultDirectory() else {
      throw UnderstandingError.missingFile(
        "corpus/aliases", hint: "run from the repository or set CRICQ_ALIASES to the alias folder")
    }
    return QuestionLinker(catalog: names, aliases: try LinkAliases.load(from: directory))
  }

  /// The catalog of a database, from the snapshot when its stamp matches, else from SQL (then
  /// the snapshot is rewritten; failing to write it is not an error).
  public static func loadCatalog(database: URL, snapshot: URL = snapshotPath) throws -> LinkCatalog {
    guard FileManager.default.fileExists(atPath: database.path) else {
      throw UnderstandingError.missingFile(database.path, hint: "run scripts/setup or cricq db build")
    }
    let db: Database
    do { db = try Database(path: database.path, mode: .readOnly) } catch {
      throw UnderstandingError.database("\(error)")
    }
    let stamp: String
    do { stamp = try LinkCatalog.buildStamp(db) } catch { throw UnderstandingError.database("\(error)") }
    if LinkCatalog.stamp(ofSnapshot: snapshot) == stamp, let cached = try? LinkCatalog.snapshot(at: snapshot) {
      return cached
    }
    let catalog = try LinkCatalog.fromDatabase(db)
    let temporary = snapshot.appendingPathExtension("tmp-\(ProcessInfo.processInfo.processIdentifier)")
    if (try? catalog.snapshotText(stamp: stamp).write(to: temporary, atomically: false, encoding: .utf8)) != nil {
      _ = try? FileManager.default.removeItem(at: snapshot)
      try? FileManager.default.moveItem(at: temporary, to: snapshot)
    }
    return catalog
  }
}
