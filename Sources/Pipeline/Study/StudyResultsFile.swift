import Foundation

/// results.csv as the study's checkpoint: rows are appended one at a time as cells finish, so a
/// killed run loses at most the cell it was on, and a new run skips every cell already there.
public final class StudyResultsFile {
  public let url: URL
  private let handle: FileHandle

  public struct HeaderMismatch: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
      "\(path) has different columns from this version of the study; move it away or use "
        + "another --out folder"
    }
  }

  /// Opens (creating with a header if absent) `url` for appending.
  public init(url: URL) throws {
    self.url = url
    let manager = FileManager.default
    if !manager.fileExists(atPath: url.path) {
      try CSV.line(StudyRow.header).write(to: url, atomically: true, encoding: .utf8)
    } else {
      // A run killed mid-write may leave a partial last line: drop it before appending.
      let text = try String(contentsOf: url, encoding: .utf8)
      if !text.isEmpty, !text.hasSuffix("\n"), let cut = text.lastIndex(of: "\n") {
        try String(text[...cut]).write(to: url, atomically: true, encoding: .utf8)
      }
    }
    handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
  }

  deinit { try? handle.close() }

  public func append(_ row: StudyRow) throws {
    try handle.write(contentsOf: Data(CSV.line(row.fields).utf8))
  }

  /// Every row of `url` (none when the file does not exist).
  public static func rows(at url: URL) throws -> [StudyRow] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let table = CSV.parse(try String(contentsOf: url, encoding: .utf8))
    guard let header = table.first else { return [] }
    guard header == StudyRow.header else { throw HeaderMismatch(path: url.path) }
    var rows: [StudyRow] = []
    for (offset, fields) in table.dropFirst().enumerated() {
      // A line cut short by a kill is not a row; the next run redoes that cell.
      if fields.count < StudyRow.header.count { continue }
      rows.append(try StudyRow(fields: fields, line: offset + 2))
    }
    return rows
  }
}
