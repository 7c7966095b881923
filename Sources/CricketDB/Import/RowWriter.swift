/// Writes rows of one table with prepared INSERTs, binding by position.
///
/// Rows are collected and written `rowsPerStatement` at a time with one multi-row INSERT
/// (`VALUES (...), (...), ...`): SQLite's per-statement work (step, reset, opening the table)
/// is then paid once per batch instead of once per row. `flush()` writes what is left, one row
/// per statement.
final class TableInserter {
  private let database: Database
  private let columnCount: Int
  private let rowsPerStatement: Int
  private let batch: Statement
  private let single: Statement
  private var pending: [SQLValue] = []

  init(_ database: Database, table: String, columns: [String], rowsPerStatement: Int = 1) throws {
    self.database = database
    columnCount = columns.count
    self.rowsPerStatement = max(1, rowsPerStatement)
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
    single = try database.prepare(head + row)
    batch =
      self.rowsPerStatement == 1
      ? single
      : try database.prepare(
        head + Array(repeating: row, count: self.rowsPerStatement).joined(separator: ", "))
    pending.reserveCapacity(columnCount * self.rowsPerStatement)
  }

  @inline(__always) func int(_ value: Int) throws { pending.append(.integer(Int64(value))) }

  @inline(__always) func int(_ value: Int?) throws {
    pending.append(value.map { .integer(Int64($0)) } ?? .null)
  }

  @inline(__always) func bool(_ value: Bool) throws { pending.append(.integer(value ? 1 : 0)) }

  @inline(__always) func text(_ value: String?) throws {
    pending.append(value.map { .text($0) } ?? .null)
  }

  @inline(__always) func real(_ value: Double?) throws {
    pending.append(value.map { .real($0) } ?? .null)
  }

  /// Ends a row; writes the batch when it is full.
  func insert() throws {
    guard pending.count % columnCount == 0 else {
      throw DatabaseError(
        code: 21,
        message: "a row of \(columnCount) columns got \(pending.count % columnCount) extra values",
        sql: single.sql)
    }
    if pending.count == columnCount * rowsPerStatement {
      try write(batch, pending[...])
      pending.removeAll(keepingCapacity: true)
    }
  }

  /// Writes the rows still waiting.
  func flush() throws {
    var start = 0
    while start < pending.count {
      try write(single, pending[start..<(start + columnCount)])
      start += columnCount
    }
    pending.removeAll(keepingCapacity: true)
  }

  private func write(_ statement: Statement, _ values: ArraySlice<SQLValue>) throws {
    var index = 1
    for value in values {
      try statement.bind(value, at: index)
      index += 1
    }
    try statement.step()
    try statement.reset()
  }
}
