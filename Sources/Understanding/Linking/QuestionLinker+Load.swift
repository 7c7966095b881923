import CricketDB
import Foundation

extension QuestionLinker {
  /// The catalog snapshot the tests and the CLI fall back to before the database has the names:
  /// `$CRICQ_HOME/link-catalog.tsv`, written by `scripts/fixtures/link-catalog.py`.
  public static var snapshotPath: URL { CricqPaths.home.appendingPathComponent("link-catalog.tsv") }

  /// Builds the linker from the catalog snapshot and the alias files in `corpus/aliases`.
  public static func load(catalog: URL? = nil, aliases: URL? = nil) throws -> QuestionLinker {
    let catalog = try LinkCatalog.snapshot(at: catalog ?? snapshotPath)
    guard let directory = aliases ?? LinkAliases.defaultDirectory() else {
      throw UnderstandingError.missingFile(
        "corpus/aliases", hint: "run from the repository or set CRICQ_ALIASES to the alias folder")
    }
    return QuestionLinker(catalog: catalog, aliases: try LinkAliases.load(from: directory))
  }
}
