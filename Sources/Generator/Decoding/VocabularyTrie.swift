/// A byte trie over the vocabulary's ordinary tokens, laid out in depth-first order in flat
/// arrays, so that walking it with a grammar visits each token prefix once and prunes whole
/// subtrees at the first byte the grammar rejects.
///
/// Node 0 is the root (the empty prefix). The children of node `n` are `n + 1`, then
/// `subtreeEnd[n + 1]`, and so on while below `subtreeEnd[n]`.
public struct VocabularyTrie: Sendable {
  /// The byte on the edge into each node (unused for the root).
  let byte: [UInt8]
  /// One past the last node in each node's subtree.
  let subtreeEnd: [Int32]
  /// Tokens whose bytes end at each node: `tokens[tokenStart[n]..<tokenStart[n + 1]]`.
  let tokenStart: [Int32]
  let tokens: [Int32]

  public var nodeCount: Int { byte.count }

  /// Builds the trie over `tokenBytes[id]` for every id where `include(id)` holds and the bytes
  /// are not empty.
  public init(tokenBytes: [[UInt8]], include: (Int) -> Bool) {
    // Sorted by bytes; the first eight bytes, big-endian, decide most comparisons cheaply.
    func head(_ bytes: [UInt8]) -> UInt64 {
      var value: UInt64 = 0
      for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
      return value
    }
    let heads = tokenBytes.map(head)
    let ids = tokenBytes.indices.filter { include($0) && !tokenBytes[$0].isEmpty }
      .sorted {
        heads[$0] != heads[$1]
          ? heads[$0] < heads[$1] : tokenBytes[$0].lexicographicallyPrecedes(tokenBytes[$1])
      }
    var byte: [UInt8] = [0]
    var subtreeEnd: [Int32] = [0]
    var tokensAtNode: [[Int32]] = [[]]
    // The path from the root to the node of the previous token, as node indices.
    var path: [Int] = [0]
    var pathBytes: [UInt8] = []
    for id in ids {
      let bytes = tokenBytes[id]
      var shared = 0
      while shared < pathBytes.count, shared < bytes.count, pathBytes[shared] == bytes[shared] {
        shared += 1
      }
      // Close the nodes below the shared prefix: their subtrees are complete.
      while path.count - 1 > shared {
        subtreeEnd[path.removeLast()] = Int32(byte.count)
      }
      pathBytes.removeLast(pathBytes.count - shared)
      for b in bytes[shared...] {
        path.append(byte.count)
        pathBytes.append(b)
        byte.append(b)
        subtreeEnd.append(0)
        tokensAtNode.append([])
      }
      tokensAtNode[path.last!].append(Int32(id))
    }
    for node in path { subtreeEnd[node] = Int32(byte.count) }

    var tokenStart: [Int32] = [0]
    var tokens: [Int32] = []
    tokenStart.reserveCapacity(byte.count + 1)
    for list in tokensAtNode {
      tokens.append(contentsOf: list)
      tokenStart.append(Int32(tokens.count))
    }
    self.byte = byte
    self.subtreeEnd = subtreeEnd
    self.tokenStart = tokenStart
    self.tokens = tokens
  }

  /// Visits every token the walk allows: from the root, a child is entered when
  /// `step(state, byte)` gives a state; the tokens ending at each entered node are reported with
  /// the state after their last byte.
  func walk<State>(
    from state: State, step: (State, UInt8) -> State?, visit: (Int32, State) -> Void
  ) {
    var stack: [(node: Int32, state: State)] = []
    pushChildren(of: 0, state: state, step: step, onto: &stack)
    while let (node, nodeState) = stack.popLast() {
      let n = Int(node)
      for index in Int(tokenStart[n])..<Int(tokenStart[n + 1]) {
        visit(tokens[index], nodeState)
      }
      pushChildren(of: n, state: nodeState, step: step, onto: &stack)
    }
  }

  private func pushChildren<State>(
    of node: Int, state: State, step: (State, UInt8) -> State?,
    onto stack: inout [(node: Int32, state: State)]
  ) {
    var child = node + 1
    let end = Int(subtreeEnd[node])
    while child < end {
      if let next = step(state, byte[child]) { stack.append((Int32(child), next)) }
      child = Int(subtreeEnd[child])
    }
  }

  /// The longest token whose bytes are a prefix of `bytes`, with its length.
  func longestToken<C: Collection<UInt8>>(prefixOf bytes: C) -> (token: Int32, length: Int)? {
    var node = 0
    var best: (Int32, Int)?
    var depth = 0
    for b in bytes {
      var child = node + 1
      let end = Int(subtreeEnd[node])
      var found = -1
      while child < end {
        if byte[child] == b {
          found = child
          break
        }
        child = Int(subtreeEnd[child])
      }
      guard found >= 0 else { break }
      node = found
      depth += 1
      if tokenStart[node] < tokenStart[node + 1] { best = (tokens[Int(tokenStart[node])], depth) }
    }
    return best
  }
}
