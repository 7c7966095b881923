import Foundation

/// Where cricq keeps what it builds and downloads: `$CRICQ_HOME`, else `~/.cache/cricq`.
public enum CricqPaths {
  public static var home: URL {
    if let custom = ProcessInfo.processInfo.environment["CRICQ_HOME"], !custom.isEmpty {
      return URL(fileURLWithPath: custom, isDirectory: true)
    }
    return FileManager.default.homeDirectoryForCurrentUser
      .appendingPathComponent(".cache/cricq", isDirectory: true)
  }

  /// The default database file.
  public static var database: URL { home.appendingPathComponent("cricket.sqlite") }

  /// Unpacked model files, one folder per model.
  public static var models: URL { home.appendingPathComponent("models", isDirectory: true) }
}
