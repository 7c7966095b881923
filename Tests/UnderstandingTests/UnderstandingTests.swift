import Testing

@testable import Understanding

@Test func possessiveIsSplitOffAndNamesFold() {
  let tokens = Tokenizer.tokenize("Kohli's avg vs Nortjé, O'Brien & Fraser-McGurk")
  #expect(tokens.map(\.folded) == ["kohli", "avg", "vs", "nortje", "obrien", "fraser", "mcgurk"])
  #expect(tokens[0].suffix == "'s")
  #expect(tokens[0].original == "Kohli")
}
