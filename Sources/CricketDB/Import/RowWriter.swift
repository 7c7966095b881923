/// Writes rows with one prepared INSERT per table, binding by position.
final class TableInserter {
  let statement: Statement
  private var index = 0

  init(_ database: Database, table: String, columns: [String]) throws {
    let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
    statement = try database.prepare(
      "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
  }

  @inline(__always) func int(_ value: Int) throws {
    index += 1
    try statement.bind(value, at: index)
  }

  @inline(__always) func int(_ value: Int?) throws {
    index += 1
    try statement.bind(value, at: index)
  }

  @inline(__always) func bool(_ value: Bool) throws {
    index += 1
    try statement.bind(value ? 1 : 0, at: index)
  }

  @inline(__always) func text(_ value: String?) throws {
    index += 1
    try statement.bind(value, at: index)
  }

  @inline(__always) func real(_ value: Double?) throws {
    index += 1
    try statement.bind(value, at: index)
  }

  /// Runs the INSERT with the values bound since the last row.
  func insert() throws {
    try statement.step()
    try statement.reset()
    index = 0
  }
}
