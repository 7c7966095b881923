import Foundation

/// One match file to import, from a zip or a folder.
struct SourceEntry: Sendable {
  /// Shown in reports: "odis_json.zip:1234.json" or the file path.
  let displayName: String
  /// The file name without folders, e.g. "1234.json".
  let fileName: String
  let location: Location

  enum Location: Sendable {
    case zip(ZipArchive, ZipArchive.Entry)
    case file(String)
  }

  func load() throws -> [UInt8] {
    switch location {
    case .zip(let archive, let entry): return try archive.contents(of: entry)
    case .file(let path):
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ImportError.unreadable(displayName, "cannot read the file")
      }
      return [UInt8](data)
    }
  }
}

enum ImportSources {
  /// Every `.json` member of the given zips and folders, each source's files sorted by name, in
  /// the order the sources were given (so ids come out the same on every rebuild).
  static func entries(paths: [String]) throws -> [SourceEntry] {
    var entries: [SourceEntry] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw ImportError.unreadable(path, "no such file or folder")
      }
      let label = (path as NSString).lastPathComponent
      if isFolder.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
          .filter { $0.hasSuffix(".json") }.sorted()
        entries += names.map {
          SourceEntry(displayName: "\(label)/\($0)", fileName: $0, location: .file((path as NSString).appendingPathComponent($0)))
        }
      } else {
        let archive = try ZipArchive(path: path)
        let members = archive.entries.filter { $0.name.hasSuffix(".json") }
          .sorted { $0.name < $1.name }
        entries += members.map {
          SourceEntry(
            displayName: "\(label):\($0.name)", fileName: ($0.name as NSString).lastPathComponent,
            location: .zip(archive, $0))
        }
      }
    }
    return entries
  }
}
