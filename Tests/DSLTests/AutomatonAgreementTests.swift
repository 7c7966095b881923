import Foundation
import Testing

@testable import DSL

/// The automaton accepts a text exactly when the parser accepts it and prints it back unchanged.
func parserAcceptsCanonically(_ text: String) -> Bool {
  guard let query = try? DSLParser.parse(text) else { return false }
  return query.printed == text
}

/// Word-level edits: drop, repeat or swap words, or splice in words from another query, so
/// that structural mistakes (clauses out of order, a filter without `where`) are tried too.
func corruptWords<G: RandomNumberGenerator>(_ text: String, donor: String, using g: inout G)
  -> String
{
  var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
  let other = donor.split(separator: " ").map(String.init)
  let i = Int.random(in: 0..<words.count, using: &g)
  switch Int.random(in: 0..<4, using: &g) {
  case 0: words.remove(at: i)
  case 1: words.insert(words[i], at: i)
  case 2: words.swapAt(i, Int.random(in: 0..<words.count, using: &g))
  default:
    let j = Int.random(in: 0..<other.count, using: &g)
    let k = Int.random(in: j..<min(other.count, j + 4), using: &g)
    words.insert(contentsOf: other[j...k], at: i)
  }
  return words.joined(separator: " ")
}

func corrupt<G: RandomNumberGenerator>(_ text: String, using g: inout G) -> [UInt8] {
  var bytes = Array(text.utf8)
  let alphabet =
    Array(" \"<>(),.=%/-0123456789abcdefghijklmnopqrstuvwxyzODIT\u{7f}\t".utf8) + [
      0xC3, 0xA9, 0xFF,
    ]
  for _ in 0..<Int.random(in: 1...3, using: &g) {
    let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &g)
    switch Int.random(in: 0..<5, using: &g) {
    case 0 where !bytes.isEmpty: bytes.remove(at: position)
    case 1: bytes.insert(alphabet.randomElement(using: &g)!, at: position)
    case 2 where !bytes.isEmpty: bytes[position] = alphabet.randomElement(using: &g)!
    case 3: bytes = Array(bytes.prefix(position))
    default:
      if bytes.count > position + 1 { bytes.swapAt(position, position + 1) }
    }
  }
  return bytes
}

@Test func automatonAndParserAgreeOnCorruptedQueries() throws {
  var g = SeededGenerator(seed: 7)
  let constraint = DSLConstraint()
  let seeds = try Corpus.load(Corpus.repositoryFolder().appendingPathComponent("seed.jsonl")).map(
    \.dsl)
  var accepted = 0
  var disagreements: [String] = []
  for i in 0..<30_000 {
    let base = i % 2 == 0 ? seeds[i / 2 % seeds.count] : RandomQueries.query(using: &g).printed
    let donor = seeds[Int.random(in: 0..<seeds.count, using: &g)]
    let bytes =
      i % 3 == 0
      ? Array(corruptWords(base, donor: donor, using: &g).utf8) : corrupt(base, using: &g)
    // The parser reads Swift strings: invalid UTF-8 can only appear inside names, where the
    // lexer's check and the automaton's UTF-8 states must agree.
    let text = String(decoding: bytes, as: UTF8.self)
    let automaton: Bool
    if let state = constraint.advance(constraint.initialState, bytes: bytes) {
      automaton = constraint.isComplete(state)
    } else {
      automaton = false
    }
    let parser = Array(text.utf8) == bytes && parserAcceptsCanonically(text)
    if automaton { accepted += 1 }
    if automaton != parser, disagreements.count < 10 {
      disagreements.append("automaton \(automaton), parser \(parser): \(text.debugDescription)")
    }
  }
  #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
  #expect(accepted > 100)  // some corruptions stay valid (digits, names), so both paths are tested
}

@Test func everyPrefixOfAValidQueryIsAValidPrefix() throws {
  var g = SeededGenerator(seed: 3)
  let constraint = DSLConstraint()
  for _ in 0..<2_000 {
    let text = RandomQueries.query(using: &g).printed
    var state = constraint.initialState
    for byte in text.utf8 {
      let next = constraint.advance(state, byte: byte)
      #expect(next != nil, "\(text)")
      guard let next else { break }
      state = next
    }
  }
}

@Test func entitySlotsAcceptOnlyTheLinkedChoices() {
  let constraint = DSLConstraint(
    entities: EntityChoices(
      players: ["<player1>", "V Kohli"], teams: ["<team1>"], years: ["<year1>"]))
  #expect(constraint.accepts("batting runs where player = <player1> and year = <year1>"))
  #expect(constraint.accepts("batting runs where player = \"V Kohli\" and opposition = <team1>"))
  #expect(!constraint.accepts("batting runs where player = \"RG Sharma\""))
  #expect(!constraint.accepts("batting runs where player = <player2>"))
  #expect(!constraint.accepts("batting runs where year = 2019"))
  #expect(constraint.accepts("top 10 batters by runs where opposition = <team1>"))
  // Numbers stay open as digits; `numbers` limits only placeholders.
  #expect(constraint.accepts("top 7 batters by runs"))
  #expect(constraint.accepts("top <num3> batters by runs"))
  let quoted = DSLConstraint(entities: EntityChoices(players: ["\"V Kohli\"", "A \"B\" C"]))
  #expect(quoted.accepts("batting runs where player = \"V Kohli\""))
  #expect(!quoted.accepts("batting runs where player = \"A \"B\" C\""))
  let limited = DSLConstraint(entities: EntityChoices(numbers: ["<num1>"]))
  #expect(limited.accepts("top <num1> batters by runs"))
  #expect(!limited.accepts("top <num2> batters by runs"))
}

@Test func expectedTerminalsListWhatMayComeNext() {
  let constraint = DSLConstraint()
  let afterTop = constraint.state(after: "top 5")!
  let subjects = constraint.expectedTerminals(after: afterTop)
  #expect(
    Set(subjects)
      == [
        "<number>", "batters", "bowlers", "fielders", "allrounders", "teams", "innings", "spells",
        "partnerships", "team", "matches", "match",
      ])
  let afterHead = constraint.state(after: "top 5 batters by sixes")!
  #expect(Set(constraint.expectedTerminals(after: afterHead)) == ["<end>", "where", "min"])
  #expect(!constraint.accepts("top 5 batters by sixes and format = ODI"))
  let afterPlayer = constraint.state(after: "batting runs where player =")!
  #expect(constraint.expectedTerminals(after: afterPlayer) == ["<player>"])
}
