import DSL
import Foundation
import Testing

@testable import Generator

/// Accepts any bytes: walking the trie with it must reach every ordinary token.
struct AnyText: PrefixConstraint {
  var initialState: Int { 0 }
  func advance(_ state: Int, byte: UInt8) -> Int? { state + 1 }
  func isComplete(_ state: Int) -> Bool { true }
}

@Suite struct TokenMaskTests {
  let tokenizer: BPETokenizer
  let trie: VocabularyTrie

  init() throws {
    let tokenizer = try RealTokenizers.qwen.get()
    self.tokenizer = tokenizer
    trie = VocabularyTrie(tokenBytes: tokenizer.tokenBytes) { tokenizer.tokenKinds[$0] == .normal }
  }

  func masker<C: PrefixConstraint>(_ constraint: C) -> TokenMasker<C> {
    TokenMasker(
      constraint: constraint, trie: trie, tokenBytes: tokenizer.tokenBytes,
      stopTokens: [Int32(tokenizer.specialTokenID("<|im_end|>")!)])
  }

  @Test("the trie holds every ordinary token once and finds the longest token prefix")
  func trieCoversVocabulary() {
    let allowed = masker(AnyText()).allowed(in: 0)
    let ordinary = tokenizer.tokenKinds.indices.filter { tokenizer.tokenKinds[$0] == .normal }
    #expect(allowed.tokens.map(Int.init) == ordinary)
    for text in [" batters by", "top 5", "where player = \"<player1>\"", "ODI and"] {
      let bytes = Array(text.utf8)
      let bruteForce = ordinary.map { tokenizer.tokenBytes[$0] }
        .filter { bytes.starts(with: $0) }.map(\.count).max()
      let match = trie.longestToken(prefixOf: bytes)
      #expect(match?.length == bruteForce, "\(text)")
      #expect(match.map { bytes.starts(with: tokenizer.tokenBytes[Int($0.token)]) } == true)
    }
  }

  @Test("allowed tokens are exactly those whose bytes the DSL automaton accepts")
  func maskMatchesConstraint() throws {
    let constraint = DSLConstraint(entities: EntityChoices(players: ["<player1>"]))
    let masker = masker(constraint)
    for prefix in ["", "top 5 ", "top 5 batters by sixes where player = ", "top 5 batters by sixes where year = 20"] {
      let state = try #require(constraint.state(after: prefix), "prefix \(prefix.debugDescription)")
      let allowed = Set(masker.allowed(in: state).tokens.map(Int.init))
      #expect(!allowed.isEmpty)
      for id in tokenizer.tokenKinds.indices where tokenizer.tokenKinds[id] == .normal {
        let accepted = constraint.advance(state, bytes: tokenizer.tokenBytes[id]) != nil
        if accepted != allowed.contains(id) {
          Issue.record("after \(prefix.debugDescription): token \(id) \(tokenizer.decode([id]).debugDescription) accepted=\(accepted)")
          return
        }
      }
    }
  }

  @Test("a forced byte run is found where the grammar leaves one way on")
  func forcedBytes() throws {
    let constraint = DSLConstraint(entities: EntityChoices(players: ["<player1>"]))
    let masker = masker(constraint)
    let afterSubject = try #require(constraint.state(after: "top 5 batters"))
    #expect(String(decoding: masker.allowed(in: afterSubject).forcedBytes, as: UTF8.self) == " by")
    let inSlot = try #require(constraint.state(after: "top 5 batters by sixes where player = "))
    #expect(String(decoding: masker.allowed(in: inSlot).forcedBytes, as: UTF8.self) == "<player1>")
    let complete = try #require(constraint.state(after: "top 5 batters by sixes"))
    #expect(masker.allowed(in: complete).canStop)
    #expect(masker.allowed(in: complete).forcedBytes.isEmpty)
  }
}
