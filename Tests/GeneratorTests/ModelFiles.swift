import Foundation

/// The real model files the tests use; missing files fail the test with how to get them.
enum CricqModelFiles {
  static var models: URL {
    if let custom = ProcessInfo.processInfo.environment["CRICQ_HOME"], !custom.isEmpty {
      return URL(fileURLWithPath: custom).appendingPathComponent("models")
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cricq/models")
  }
  static var qwen: URL { models.appendingPathComponent("qwen/model.gguf") }
  static var smollm: URL { models.appendingPathComponent("smollm/model.gguf") }

  struct Missing: Error, CustomStringConvertible {
    let path: String
    var description: String { "model file \(path) is missing: run scripts/setup to download it" }
  }

  static func requireExists(_ url: URL) throws {
    guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
  }
}
