import Foundation

/// One solved pair of the corpus: an English question and its canonical DSL.
public struct CorpusPair: Codable, Hashable, Sendable {
  public var id: String
  public var question: String
  public var dsl: String
  /// `train` (the retrieval pool) or `test` (never used as an example).
  public var split: String
  public var tags: [String]

  public init(id: String, question: String, dsl: String, split: String, tags: [String] = []) {
    self.id = id
    self.question = question
    self.dsl = dsl
    self.split = split
    self.tags = tags
  }
}

/// A corpus file: JSON Lines, one `CorpusPair` per line (blank lines ignored).
public enum Corpus {
  public struct LoadError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
  }

  /// Loads every pair of a `.jsonl` file, or of every pair file in a folder (sorted by name).
  /// In a folder, a pair file is a `.jsonl` file whose first object has a `"dsl"` key; other
  /// stages keep their own JSON Lines there (`linking.jsonl`).
  public static func load(_ url: URL) throws -> [CorpusPair] {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
      let files = try FileManager.default.contentsOfDirectory(
        at: url, includingPropertiesForKeys: nil
      ).filter { $0.pathExtension == "jsonl" && isPairFile($0) }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
      return try files.flatMap { try load($0) }
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    let decoder = JSONDecoder()
    var pairs: [CorpusPair] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      do {
        pairs.append(try decoder.decode(CorpusPair.self, from: Data(trimmed.utf8)))
      } catch {
        throw LoadError(
          file: url.lastPathComponent, line: number + 1,
          reason: "expected a JSON object with id, question, dsl, split and tags (\(error))")
      }
    }
    return pairs
  }

  static func isPairFile(_ url: URL) -> Bool {
    guard let text = try? String(contentsOf: url, encoding: .utf8),
      let line = text.split(separator: "\n").first,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { return false }
    return object["dsl"] != nil
  }

  /// The repository's `corpus/` folder, found from a source file path (for tests and tools).
  public static func repositoryFolder(from sourceFile: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: sourceFile)
    while url.path != "/" {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("corpus")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("seed.jsonl").path) {
        return candidate
      }
    }
    return URL(fileURLWithPath: "corpus")
  }
}
