import CSQLite

/// A compiled SQL statement with typed bindings (1-based, as in SQLite) and typed column reads
/// (0-based). Owns the `sqlite3_stmt` and finalises it in `deinit`.
public final class Statement {
  let handle: OpaquePointer
  public let sql: String
  // Keeps the connection open while the statement lives.
  private let database: Database

  init(database: Database, sql: String) throws {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw DatabaseError(
        code: code == SQLITE_OK ? SQLITE_MISUSE : code,
        message: code == SQLITE_OK ? "no statement in the SQL" : database.lastErrorMessage,
        sql: sql)
    }
    self.handle = statement
    self.sql = sql
    self.database = database
  }

  deinit { sqlite3_finalize(handle) }

  public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

  /// Binds `values` to parameters 1...n; the count must match.
  public func bind(_ values: [SQLValue]) throws {
    guard values.count == parameterCount else {
      throw DatabaseError(
        code: SQLITE_RANGE,
        message: "the statement has \(parameterCount) parameters but \(values.count) values were given",
        sql: sql)
    }
    for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
  }

  public func bind(_ value: SQLValue, at index: Int) throws {
    let i = Int32(index)
    let code: Int32
    switch value {
    case .null: code = sqlite3_bind_null(handle, i)
    case .integer(let v): code = sqlite3_bind_int64(handle, i, v)
    case .real(let v): code = sqlite3_bind_double(handle, i, v)
    case .text(let v): code = sqlite3_bind_text(handle, i, v, -1, csqlite_transient())
    case .blob(let bytes):
      code = bytes.withUnsafeBytes {
        sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count), csqlite_transient())
      }
    }
    try check(code)
  }

  // Unboxed binds for the importer's hot loop.
  public func bind(_ value: Int, at index: Int) throws {
    try check(sqlite3_bind_int64(handle, Int32(index), Int64(value)))
  }

  public func bind(_ value: Int?, at index: Int) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, Int32(index))) }
    try bind(value, at: index)
  }

  public func bind(_ value: Bool, at index: Int) throws {
    try bind(value ? 1 : 0, at: index)
  }

  public func bind(_ value: Double?, at index: Int) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, Int32(index))) }
    try check(sqlite3_bind_double(handle, Int32(index), value))
  }

  public func bind(_ value: String?, at index: Int) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, Int32(index))) }
    try check(sqlite3_bind_text(handle, Int32(index), value, -1, csqlite_transient()))
  }

  /// Advances to the next row: true when a row is ready, false when done.
  @discardableResult
  public func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
    }
  }

  /// Binds `values`, runs to completion and resets: for INSERT/UPDATE statements.
  public func run(_ values: [SQLValue]) throws {
    try reset()
    try bind(values)
    while try step() {}
  }

  /// Makes the statement ready to run again (bindings are kept until rebound).
  public func reset() throws {
    let code = sqlite3_reset(handle)
    if code != SQLITE_OK {
      throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
    }
  }

  public func clearBindings() { sqlite3_clear_bindings(handle) }

  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  public var columnNames: [String] {
    (0..<columnCount).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
  }

  public func value(at index: Int) -> SQLValue {
    let i = Int32(index)
    switch sqlite3_column_type(handle, i) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
    case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, i)))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(handle, i))
      guard count > 0, let base = sqlite3_column_blob(handle, i) else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
    default: return .null
    }
  }

  public func isNull(_ index: Int) -> Bool {
    sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
  }

  /// The column as an integer (NULL reads as nil).
  public func int(_ index: Int) -> Int? {
    isNull(index) ? nil : Int(sqlite3_column_int64(handle, Int32(index)))
  }

  public func double(_ index: Int) -> Double? {
    isNull(index) ? nil : sqlite3_column_double(handle, Int32(index))
  }

  public func string(_ index: Int) -> String? {
    guard let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
    return String(cString: text)
  }

  /// The current row, copied out.
  public func row() -> Row {
    Row(values: (0..<columnCount).map { value(at: $0) }, columns: columnNames)
  }

  private func check(_ code: Int32) throws {
    if code != SQLITE_OK {
      throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
    }
  }
}
