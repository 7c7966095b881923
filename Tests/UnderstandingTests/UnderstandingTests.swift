import Testing

@testable import Understanding

@Test func possessiveIsSplitOffAndNamesFold() {
  let tokens = Tokenizer.tokenize("Kohli's avg vs Nortjé, O'Brien & Fraser-McGurk")
  #expect(tokens.map(\.folded) == ["kohli", "avg", "vs", "nortje", "obrien", "fraser", "mcgurk"])
  #expect(tokens[0].suffix == "'s")
  #expect(tokens[0].original == "Kohli")
}

@Test func asciiKeysMatchTheTokenizer() {
  for text in ["Lord's", "O'Brien", "Kohli's avg", "Fraser-McGurk", "M.Chinnaswamy Stadium", "Mr 360",
    "it's", "Sydney Cricket Ground, Sydney", "AB de Villiers", "5-for", "'19", "  spaced  out  ", "Gus's"]
  {
    #expect(Tokenizer.asciiKey(text) == Tokenizer.tokenize(text).map(\.folded).joined(separator: " "), "\(text)")
  }
  #expect(Tokenizer.asciiKey("Nortjé") == nil)
}
