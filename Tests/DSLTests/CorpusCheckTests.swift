import Testing

@testable import DSL

/// `CorpusCheck.problem` calls an answer empty only when every row is zeros and NULLs.
@Test func aBreakdownWithAZeroFirstRowIsNotEmpty() throws {
  let executor = try realExecutor()
  func problem(_ dsl: String) throws -> String? {
    let pair = CorpusPair(id: "t", question: "", dsl: dsl, split: "test")
    return CorpusCheck.problem(pair, try executor.answer(dsl))
  }
  // Kohli made no Test hundred in 2011, his first year, and many after.
  let kohli = "batting hundreds where player = \"V Kohli\" and format = Test per year"
  #expect(try executor.answer(kohli).result.rows.first?.last == .integer(0))
  #expect(try problem(kohli) == nil)
  // Anderson never made a Test hundred: every year is zero.
  #expect(
    try problem("batting hundreds where player = \"JM Anderson\" and format = Test per year")
      == "the answer is empty (every value is 0 or -)")
  #expect(
    try problem("batting runs where player = \"JM Anderson\" and format = IPL")
      == "the answer is empty (every value is 0 or -)")
}
