import CSQLite
import Foundation

/// One SQLite connection.
///
/// `@unchecked Sendable` because the handle is opened with `SQLITE_OPEN_FULLMUTEX` (SQLite
/// serialises every call on it) and the only Swift state that changes after `init`, the query
/// guard, sits behind a lock. `Statement`s are not Sendable: use each on one thread.
public final class Database: @unchecked Sendable {
  public enum Mode: Sendable {
    /// Queries only; writes fail with SQLITE_READONLY. What the question pipeline uses.
    case readOnly
    /// Reads and writes an existing file.
    case readWrite
    /// Reads and writes, creating the file when missing.
    case create
  }

  let handle: OpaquePointer
  public let path: String
  private let guardBox = QueryGuard()

  public convenience init(path: String, mode: Mode = .readOnly) throws {
    try self.init(path: path, mode: mode, serialized: true)
  }

  /// `serialized: false` skips SQLite's per-call mutex; only for a connection that never leaves
  /// one thread (the importer's), which then must not be shared.
  init(path: String, mode: Mode, serialized: Bool) throws {
    var flags = serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX
    switch mode {
    case .readOnly: flags |= SQLITE_OPEN_READONLY
    case .readWrite: flags |= SQLITE_OPEN_READWRITE
    case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    }
    if mode == .readOnly && !FileManager.default.fileExists(atPath: path) {
      throw DatabaseError(
        code: SQLITE_CANTOPEN, message: "no database at \(path) (run `cricq db build`)")
    }
    var db: OpaquePointer?
    let code = sqlite3_open_v2(path, &db, flags, nil)
    guard code == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      throw DatabaseError(code: code, message: "cannot open \(path): \(message)")
    }
    handle = db
    self.path = path
    sqlite3_extended_result_codes(db, 1)
    let box = Unmanaged.passUnretained(guardBox).toOpaque()
    // Called every 1,000 virtual-machine steps; a non-zero return interrupts the statement.
    sqlite3_progress_handler(db, 1000, { context in
      guard let context else { return 0 }
      return Unmanaged<QueryGuard>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
    }, box)
  }

  deinit {
    sqlite3_progress_handler(handle, 0, nil, nil)
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that take no parameters (DDL, PRAGMA, BEGIN...).
  public func execute(_ sql: String) throws {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if code != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
      sqlite3_free(errorMessage)
      throw DatabaseError(code: code, message: message, sql: sql)
    }
  }

  /// Compiles one statement.
  public func prepare(_ sql: String) throws -> Statement {
    try Statement(database: self, sql: sql)
  }

  /// Runs `sql` with `bindings` and collects at most `maxRows` rows.
  public func query(_ sql: String, _ bindings: [SQLValue] = [], maxRows: Int = .max) throws
    -> ResultSet
  {
    let statement = try prepare(sql)
    try statement.bind(bindings)
    var rows: [Row] = []
    var truncated = false
    while try statement.step() {
      if rows.count == maxRows {
        truncated = true
        break
      }
      rows.append(statement.row())
    }
    return ResultSet(columns: statement.columnNames, rows: rows, truncated: truncated)
  }

  /// The first column of the first row, or `.null` when there is no row.
  public func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws -> SQLValue {
    let statement = try prepare(sql)
    try statement.bind(bindings)
    return try statement.step() ? statement.value(at: 0) : .null
  }

  /// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// `PRAGMA user_version`, where the schema version is kept.
  public var userVersion: Int32 {
    get throws { Int32(try scalar("PRAGMA user_version").intValue ?? 0) }
  }

  public func setUserVersion(_ version: Int32) throws {
    try execute("PRAGMA user_version = \(version)")
  }

  /// Stops the running statement (from any thread); it fails with SQLITE_INTERRUPT.
  public func interrupt() {
    sqlite3_interrupt(handle)
  }

  /// Runs `body` with a time limit: any statement still running after `seconds` is stopped and
  /// throws a `DatabaseError` whose `isInterrupt` is true.
  public func withTimeLimit<T>(seconds: Double, _ body: () throws -> T) rethrows -> T {
    guardBox.setDeadline(Date().addingTimeInterval(seconds))
    defer { guardBox.setDeadline(nil) }
    return try body()
  }

  /// Rows changed by the last INSERT/UPDATE/DELETE.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

  func check(_ code: Int32, _ sql: String?) throws {
    if code != SQLITE_OK {
      throw DatabaseError(code: code, message: lastErrorMessage, sql: sql)
    }
  }
}

/// Holds the deadline the progress handler checks.
private final class QueryGuard: @unchecked Sendable {
  // Guarded by `lock`; read from SQLite's progress callback on the querying thread.
  private var deadline: Date?
  private let lock = NSLock()

  func setDeadline(_ date: Date?) {
    lock.lock()
    deadline = date
    lock.unlock()
  }

  func shouldStop() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard let deadline else { return false }
    return Date() >= deadline
  }
}

/// Rows collected by `Database.query`.
public struct ResultSet: Sendable {
  public let columns: [String]
  public let rows: [Row]
  /// True when more rows existed than `maxRows`.
  public let truncated: Bool
}

/// One result row, with typed accessors by position or column name.
public struct Row: Sendable, Hashable {
  public let values: [SQLValue]
  public let columns: [String]

  public subscript(index: Int) -> SQLValue { values[index] }
  public subscript(column: String) -> SQLValue {
    guard let index = columns.firstIndex(of: column) else { return .null }
    return values[index]
  }
  public func int(_ index: Int) -> Int? { values[index].intValue }
  public func double(_ index: Int) -> Double? { values[index].doubleValue }
  public func string(_ index: Int) -> String? { values[index].stringValue }
}
