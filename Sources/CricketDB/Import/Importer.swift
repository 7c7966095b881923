import Foundation

/// What an import did.
public struct ImportSummary: Sendable {
  public var matches = 0
  public var deliveries = 0
  public var matchesPerFormat: [String: Int] = [:]
  /// Files not imported, with the reason (name and reason in each string).
  public var skipped: [String] = []
  public var warnings: [String] = []
  public var seconds = 0.0
  /// Where the time went: waiting for worker threads (reading and decoding), inserting
  /// matches, writing entity tables, building indexes.
  public var phases: [Phase] = []

  public struct Phase: Sendable {
    public let name: String
    public let seconds: Double
  }
}

/// Builds the cricket database from Cricsheet sources.
///
/// Files are read, inflated, decoded and derived on worker threads, and written in source order
/// by the calling thread inside one transaction, so ids do not depend on thread timing. The
/// database is built in a temporary file beside the target and renamed over it at the end:
/// readers never see a half-built database, and a failed build leaves the old one in place.
public enum Importer {
  public static func build(
    sources: [String], database target: URL, aliases: AliasFiles, quiet: Bool = false
  ) throws -> ImportSummary {
    let started = Date()
    let entries = try ImportSources.entries(paths: sources)
    guard !entries.isEmpty else {
      throw ImportError.noSource("no .json match files found in \(sources.joined(separator: ", "))")
    }
    let folder = target.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).building-\(getpid())")
    try? FileManager.default.removeItem(at: temporary)
    var summary = ImportSummary()
    do {
      // The connection closes at the end of this scope, before the rename.
      do {
        let database = try Database(path: temporary.path, mode: .create, serialized: false)
        try database.execute(
          """
          PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
          PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144; PRAGMA threads = 2;
          """)
        for statement in Schema.tables { try database.execute(statement) }
        try database.execute("BEGIN")
        let writer = try MatchWriter(database: database, aliases: aliases)
        let progress = ImportProgress(total: entries.count, quiet: quiet)
        var seenIDs: Set<Int> = []
        var insertSeconds = 0.0
        let loopStart = Date()
        try ParallelMap.run(count: entries.count, transform: { index in
          try Self.prepare(entries[index])
        }) { index, result in
          let insertStart = Date()
          defer { insertSeconds += Date().timeIntervalSince(insertStart) }
          switch result {
          case .success(let rows):
            if seenIDs.insert(rows.id).inserted {
              try writer.write(rows)
            } else {
              summary.skipped.append("\(entries[index].displayName): match \(rows.id) was already imported from an earlier file")
            }
          case .failure(let error):
            summary.skipped.append(error.description)
          }
          progress.update(done: index + 1)
        }
        let loopSeconds = Date().timeIntervalSince(loopStart)
        summary.phases.append(.init(name: "waiting for decoders", seconds: loopSeconds - insertSeconds))
        summary.phases.append(.init(name: "inserting matches", seconds: insertSeconds))
        var phaseStart = Date()
        summary.warnings = try writer.finish()
        summary.phases.append(.init(name: "entities and keepers", seconds: Date().timeIntervalSince(phaseStart)))
        phaseStart = Date()
        for statement in Schema.indexes { try database.execute(statement) }
        summary.phases.append(.init(name: "indexes", seconds: Date().timeIntervalSince(phaseStart)))
        let unknown = try database.query("SELECT name FROM venues WHERE country = 'Unknown' ORDER BY name")
        for row in unknown.rows {
          summary.warnings.append("venue \"\(row.string(0) ?? "")\" has no host country: add its city to corpus/aliases/cities.tsv or the ground to venues.tsv")
        }
        summary.matches = writer.matchCount
        summary.deliveries = writer.deliveryCount
        summary.matchesPerFormat = writer.matchesPerFormat
        let info: [(String, String)] = [
          ("schema_version", String(Schema.schemaVersion)),
          ("sources", sources.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")),
          ("aliases_digest", aliases.digest),
          ("matches", String(summary.matches)),
          ("skipped", String(summary.skipped.count)),
        ]
        let insertInfo = try database.prepare("INSERT INTO build_info (key, value) VALUES (?, ?)")
        for (key, value) in info { try insertInfo.run([.text(key), .text(value)]) }
        phaseStart = Date()
        try database.execute("COMMIT")
        try database.execute("PRAGMA analysis_limit = 1000; ANALYZE")
        summary.phases.append(.init(name: "commit and analyze", seconds: Date().timeIntervalSince(phaseStart)))
        try database.setUserVersion(Schema.schemaVersion)
      }
      // rename(2) replaces the old file atomically (same folder, same file system).
      guard rename(temporary.path, target.path) == 0 else {
        throw ImportError.unreadable(target.path, "cannot move the new database into place: \(String(cString: strerror(errno)))")
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    summary.seconds = Date().timeIntervalSince(started)
    return summary
  }

  /// Reads, decodes and derives one file (runs on a worker thread).
  static func prepare(_ entry: SourceEntry) throws -> MatchRows {
    let stem = entry.fileName.hasSuffix(".json") ? String(entry.fileName.dropLast(5)) : entry.fileName
    guard let id = Int(stem), id > 0 else {
      throw ImportError.unsupported(entry.displayName, "the file name should be <match id>.json with a numeric id")
    }
    let bytes = try entry.load()
    let match = try bytes.withUnsafeBufferPointer {
      try CricsheetDecoder.decode($0, name: entry.displayName)
    }
    return try MatchDeriver.derive(match, id: id, name: entry.displayName)
  }
}

/// Maps `transform` over 0..<count on worker threads and hands results to `consume` on the
/// calling thread in index order. Workers stay at most `window` items ahead of the consumer.
enum ParallelMap {
  static func run<T: Sendable>(
    count: Int, workers: Int = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)),
    window: Int = 256,
    transform: @escaping @Sendable (Int) throws -> T,
    consume: (Int, Result<T, ImportError>) throws -> Void
  ) throws {
    let state = SharedState<T>(window: window)
    for _ in 0..<workers {
      let thread = Thread {
        while let index = state.claim(count: count) {
          let result: Result<T, ImportError>
          do {
            result = .success(try transform(index))
          } catch let error as ImportError {
            result = .failure(error)
          } catch {
            result = .failure(.badJSON("item \(index)", "\(error)"))
          }
          state.deliver(index, result)
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    defer { state.cancel() }
    for index in 0..<count {
      try consume(index, state.take(index))
    }
  }

  private final class SharedState<T: Sendable>: @unchecked Sendable {
    // Every field is guarded by `condition`.
    private let condition = NSCondition()
    private var next = 0
    private var consumed = 0
    private var cancelled = false
    private var results: [Int: Result<T, ImportError>] = [:]
    private let window: Int

    init(window: Int) { self.window = window }

    func claim(count: Int) -> Int? {
      condition.lock()
      defer { condition.unlock() }
      while next - consumed >= window && !cancelled { condition.wait() }
      guard !cancelled, next < count else { return nil }
      next += 1
      return next - 1
    }

    func deliver(_ index: Int, _ result: Result<T, ImportError>) {
      condition.lock()
      results[index] = result
      condition.broadcast()
      condition.unlock()
    }

    func take(_ index: Int) -> Result<T, ImportError> {
      condition.lock()
      defer { condition.unlock() }
      while results[index] == nil { condition.wait() }
      consumed = index + 1
      condition.broadcast()
      return results.removeValue(forKey: index)!
    }

    func cancel() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
