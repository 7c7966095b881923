import DSL

/// The tokens a prefix constraint allows in each of its states, computed by walking the
/// vocabulary trie with the constraint and cached per state.
///
/// Make one per constraint and keep it while the constraint is in use: the cache is what makes
/// the mask cheap (a state seen before costs one dictionary look-up).
public final class TokenMasker<Constraint: PrefixConstraint> {
  public let constraint: Constraint
  let trie: VocabularyTrie
  let tokenBytes: [[UInt8]]
  /// Tokens that end the output (`<|im_end|>`, EOS), allowed only where the constraint is complete.
  let stopTokens: [Int32]
  private var cache: [Constraint.State: Allowed] = [:]

  /// What may follow a state.
  struct Allowed {
    /// Ordinary tokens that keep the text a valid prefix, ascending.
    var tokens: [Int32]
    /// Whether the text so far is complete, so a stop token may follow.
    var canStop: Bool
    /// Bytes every continuation must start with (empty when there is a choice, or when stopping
    /// is allowed).
    var forcedBytes: [UInt8]
  }

  init(constraint: Constraint, trie: VocabularyTrie, tokenBytes: [[UInt8]], stopTokens: [Int32]) {
    self.constraint = constraint
    self.trie = trie
    self.tokenBytes = tokenBytes
    self.stopTokens = stopTokens
  }

  /// Number of constraint states whose allowed set has been computed.
  public var cachedStateCount: Int { cache.count }

  func allowed(in state: Constraint.State) -> Allowed {
    if let hit = cache[state] { return hit }
    var tokens: [Int32]
    if let dsl = constraint as? DSLConstraint, let dslState = state as? DSLConstraint.State {
      tokens = trie.allowedTokens(dsl, from: dslState)
    } else {
      tokens = []
      let constraint = self.constraint
      trie.walk(from: state, step: { constraint.advance($0, byte: $1) }) { token, _ in
        tokens.append(token)
      }
    }
    tokens.sort()
    let complete = constraint.isComplete(state)
    let result = Allowed(
      tokens: tokens, canStop: complete, forcedBytes: complete ? [] : forcedBytes(after: state))
    cache[state] = result
    return result
  }

  /// The state after the bytes of `token`, or nil if the constraint rejects them.
  func state(after token: Int, from state: Constraint.State) -> Constraint.State? {
    constraint.advance(state, bytes: tokenBytes[token])
  }

  /// The bytes that must come next: as long as exactly one byte can follow and the text is not
  /// complete, less trailing spaces. Bounded so a constraint with a long forced run cannot stall.
  private func forcedBytes(after state: Constraint.State) -> [UInt8] {
    var bytes: [UInt8] = []
    var current = state
    while bytes.count < 64, !constraint.isComplete(current) {
      var only: (UInt8, Constraint.State)?
      var count = 0
      for b in 0...255 {
        if let next = constraint.advance(current, byte: UInt8(b)) {
          count += 1
          if count > 1 { break }
          only = (UInt8(b), next)
        }
      }
      guard count == 1, let (b, next) = only else { break }
      bytes.append(b)
      current = next
    }
    // A run ending in a space stops before it: the model's tokens carry a word's leading space
    // (" sixes"), so forcing a bare " " token would push it off the tokenisation it knows.
    while bytes.last == 0x20 { bytes.removeLast() }
    return bytes
  }
}

extension VocabularyTrie {
  /// The walk for the DSL's own constraint, with concrete types so the compiler specialises it:
  /// called through `TokenMasker`'s generic parameter, each step would go through witness
  /// tables and boxed states (about ten times slower where most tokens are allowed, as in a
  /// quoted name).
  func allowedTokens(_ constraint: DSLConstraint, from state: DSLConstraint.State) -> [Int32] {
    var tokens: [Int32] = []
    walk(from: state, step: { constraint.advance($0, byte: $1) }) { token, _ in tokens.append(token) }
    return tokens
  }
}
