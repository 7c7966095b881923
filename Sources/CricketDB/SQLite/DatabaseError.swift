import CSQLite

/// A failed SQLite call: the result code, SQLite's message and the SQL that was running.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
  /// The (extended) SQLite result code, e.g. 1 = SQLITE_ERROR, 9 = SQLITE_INTERRUPT.
  public let code: Int32
  public let message: String
  public let sql: String?

  public init(code: Int32, message: String, sql: String? = nil) {
    self.code = code
    self.message = message
    self.sql = sql
  }

  /// True when the statement was stopped by `Database.interrupt()` or the time limit.
  public var isInterrupt: Bool { code & 0xff == SQLITE_INTERRUPT }

  public var description: String {
    let name = String(cString: sqlite3_errstr(code))
    var text = "SQLite error \(code) (\(name)): \(message)"
    if let sql { text += "\n  in: \(sql)" }
    return text
  }
}
