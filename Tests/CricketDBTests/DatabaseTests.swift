import CSQLite
import Foundation
import Testing

@testable import CricketDB

@Suite struct DatabaseTests {
  private func scratch() throws -> Database {
    let path = try Fixtures.temporaryFolder().appendingPathComponent("scratch.sqlite").path
    let database = try Database(path: path, mode: .create)
    try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)")
    return database
  }

  @Test func valuesRoundTripThroughEveryStorageClass() throws {
    let database = try scratch()
    let values: [SQLValue] = [.integer(-7), .real(2.5), .text("Lord's ✓"), .blob([0, 1, 255])]
    try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?)").run(values)
    try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?)").run([nil, nil, nil, nil])
    let rows = try database.query("SELECT i, r, s, b FROM t ORDER BY rowid")
    #expect(rows.columns == ["i", "r", "s", "b"])
    #expect(rows.rows[0].values == values)
    #expect(rows.rows[1].values == [.null, .null, .null, .null])
    #expect(rows.rows[0]["s"] == .text("Lord's ✓"))
    #expect(rows.rows[0].int(0) == -7)
  }

  @Test func errorsCarryTheCodeMessageAndSQL() throws {
    let database = try scratch()
    do {
      _ = try database.prepare("SELECT nope FROM t")
      Issue.record("preparing bad SQL should throw")
    } catch let error as DatabaseError {
      #expect(error.code == SQLITE_ERROR)
      #expect(error.message == "no such column: nope")
      #expect(error.sql == "SELECT nope FROM t")
      #expect(error.description.contains("SQL logic error"))
    }
    do {
      try database.prepare("SELECT ?").bind([1, 2])
      Issue.record("a wrong binding count should throw")
    } catch let error as DatabaseError {
      #expect(error.message == "the statement has 1 parameters but 2 values were given")
    }
  }

  @Test func aReadOnlyConnectionRefusesWrites() throws {
    let database = try scratch()
    let reader = try Database(path: database.path, mode: .readOnly)
    do {
      try reader.execute("INSERT INTO t (i) VALUES (1)")
      Issue.record("writing through a read-only connection should fail")
    } catch let error as DatabaseError {
      #expect(error.code & 0xff == SQLITE_READONLY)
    }
    #expect(throws: DatabaseError.self) { try Database(path: "/nonexistent/x.sqlite", mode: .readOnly) }
  }

  @Test func aTransactionRollsBackWhenItsBodyThrows() throws {
    let database = try scratch()
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try database.transaction {
        try database.execute("INSERT INTO t (i) VALUES (1)")
        throw Stop()
      }
    }
    #expect(try database.int("SELECT COUNT(*) FROM t") == 0)
    try database.transaction { try database.execute("INSERT INTO t (i) VALUES (2)") }
    #expect(try database.int("SELECT COUNT(*) FROM t") == 1)
  }

  @Test func theTimeLimitInterruptsALongQuery() throws {
    let database = try scratch()
    let started = Date()
    do {
      _ = try database.withTimeLimit(seconds: 0.2) {
        // Counts to a billion: far longer than 0.2 s.
        try database.query(
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT COUNT(*) FROM c")
      }
      Issue.record("the query should have been interrupted")
    } catch let error as DatabaseError {
      #expect(error.isInterrupt)
    }
    #expect(Date().timeIntervalSince(started) < 5)
    // The limit is lifted afterwards.
    #expect(try database.int("SELECT 40 + 2") == 42)
  }

  @Test func theRowCapTruncatesAndSaysSo() throws {
    let database = try scratch()
    let capped = try database.query(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) SELECT x FROM c", maxRows: 10)
    #expect(capped.rows.count == 10)
    #expect(capped.truncated)
    let all = try database.query("SELECT 1", maxRows: 10)
    #expect(!all.truncated)
  }
}
