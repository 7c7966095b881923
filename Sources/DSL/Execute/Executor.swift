import CricketDB
import Foundation

/// The rows of one query, with typed columns.
public struct QueryResult: Sendable {
  public var columns: [ResultColumn]
  public var rows: [[SQLValue]]
  /// True when the row cap cut the result short.
  public var truncated: Bool
  public var milliseconds: Double
}

/// Everything about one run: the parsed query, its SQL and its rows.
public struct DSLAnswer: Sendable {
  public var query: DSLQuery
  public var compiled: CompiledQuery
  public var result: QueryResult
}

/// Runs compiled queries on a read-only connection, with a row cap and a time limit.
public final class DSLExecutor: Sendable {
  public let database: Database
  public let names: EntityNames
  public let rowCap: Int
  public let timeLimit: Double

  public init(database: Database, rowCap: Int = 1000, timeLimit: Double = 5) throws {
    self.database = database
    self.names = try EntityNames(database: database)
    self.rowCap = rowCap
    self.timeLimit = timeLimit
  }

  /// Opens the database read-only (default `CricqPaths.database`).
  public convenience init(path: URL = CricqPaths.database, rowCap: Int = 1000, timeLimit: Double = 5)
    throws
  {
    try self.init(database: Database(path: path.path, mode: .readOnly), rowCap: rowCap, timeLimit: timeLimit)
  }

  /// Parses, binds, validates, compiles and runs one query.
  public func answer(_ text: String, bindings: [Placeholder: Operand] = [:]) throws(DSLError)
    -> DSLAnswer
  {
    var query = try DSLParser.parse(text)
    if !bindings.isEmpty || !query.placeholders.isEmpty { query = try query.bind(bindings) }
    try query.validate(against: names)
    let compiled = try DSLCompiler.compile(query)
    return DSLAnswer(query: query, compiled: compiled, result: try run(compiled))
  }

  /// Runs compiled SQL.
  public func run(_ compiled: CompiledQuery) throws(DSLError) -> QueryResult {
    let values: [SQLValue] = compiled.parameters.map {
      switch $0 {
      case .integer(let n): .integer(Int64(n))
      case .text(let s): .text(s)
      }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      let set = try database.withTimeLimit(seconds: timeLimit) {
        try database.query(compiled.sql, values, maxRows: rowCap)
      }
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      return QueryResult(
        columns: compiled.columns, rows: set.rows.map(\.values), truncated: set.truncated,
        milliseconds: ms)
    } catch let error as DatabaseError {
      let reason =
        error.isInterrupt
        ? "the query took longer than \(timeLimit) s and was stopped; add filters to narrow it"
        : "the database could not run the query: \(error.message)"
      throw DSLError(.execution, column: 0, found: nil, reason: reason)
    } catch {
      throw DSLError(.execution, column: 0, found: nil, reason: "\(error)")
    }
  }
}
