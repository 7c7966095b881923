import DSL
import Synchronization

/// The DSL grammar narrowed to one question's placeholders, for decoding.
///
/// Two rules on top of `DSLConstraint` with placeholder-only value slots:
/// - **No dead ends.** A byte is allowed only if a complete query can still follow it. With no
///   `<venueN>` in the question the venue slot accepts nothing, so the plain grammar would still
///   offer ` venue =` and the model could write itself into a corner (a study found 51 of 175
///   wrong answers were such dead ends). Here ` venue` is never offered.
/// - **Every placeholder used, once.** The query may end only once each placeholder of the
///   question appears in it, so a linked name or year cannot be silently dropped; a placeholder
///   already written cannot be started again (`top <num1> ... innings = <num1>`).
public struct PlaceholderConstraint: PrefixConstraint {
  public struct State: Hashable, Sendable {
    var inner: DSLConstraint.State
    /// Bit i: placeholder i has been written.
    var used: UInt16
    /// Node in `placeholders` while a placeholder is being written, else -1.
    var partial: Int16
  }

  let inner: DSLConstraint
  /// Inner states from which a complete query is reachable.
  let live: Set<DSLConstraint.State>
  let placeholders: PlaceholderTrie
  let allUsed: UInt16

  /// `placeholders`: the question's placeholders (`<player1>`, `<year1>`, ...), at most 16.
  public init(placeholders: [String]) {
    let names = Array(Set(placeholders)).sorted().prefix(16)
    func list(_ kind: String) -> [String] { names.filter { $0.hasPrefix("<\(kind)") } }
    let choices = EntityChoices(
      players: list("player"), teams: list("team"), venues: list("venue"), events: list("event"),
      years: list("year"), numbers: list("num"))
    inner = DSLConstraint(entities: choices)
    live = LiveStates.of(inner, key: choices)
    self.placeholders = PlaceholderTrie(Array(names))
    allUsed = names.isEmpty ? 0 : UInt16(truncatingIfNeeded: (1 << names.count) - 1)
  }

  public var initialState: State {
    State(inner: inner.initialState, used: 0, partial: -1)
  }

  public func advance(_ state: State, byte: UInt8) -> State? {
    guard let next = inner.advance(state.inner, byte: byte), live.contains(next) else { return nil }
    var result = State(inner: next, used: state.used, partial: state.partial)
    if state.partial < 0 {
      guard byte == UInt8(ascii: "<") else { return result }
      // Start a placeholder only if an unused one fits this slot, so none can dead-end here.
      guard let node = placeholders.child(of: 0, byte),
        placeholders.words.indices.contains(where: { i in
          state.used & (1 << i) == 0
            && inner.advance(state.inner, bytes: placeholders.words[i].utf8) != nil
        })
      else { return nil }
      result.partial = node
    } else if let node = placeholders.child(of: state.partial, byte) {
      guard placeholders.offersUnused(node, state.used) else { return nil }
      if let index = placeholders.terminal[Int(node)] {
        result.used |= 1 << index
        result.partial = -1
      } else {
        result.partial = node
      }
    } else {
      result.partial = -1
    }
    return result
  }

  public func isComplete(_ state: State) -> Bool {
    state.used == allUsed && inner.isComplete(state.inner)
  }

  /// Whether `text` is a complete query under these rules.
  public func accepts(_ text: String) -> Bool {
    guard let state = advance(initialState, bytes: text.utf8) else { return false }
    return isComplete(state)
  }
}

/// A byte trie over the placeholder strings; node 0 is the root.
struct PlaceholderTrie: Sendable {
  let words: [String]
  private(set) var children: [[UInt8: Int16]] = [[:]]
  /// For a node that ends a placeholder, its index in the sorted list.
  private(set) var terminal: [Int?] = [nil]
  /// Bit i: placeholder i passes through the node.
  private(set) var below: [UInt16] = [0]

  init(_ words: [String]) {
    self.words = words
    for (index, word) in words.enumerated() {
      var node = 0
      for byte in word.utf8 {
        if let next = children[node][byte] {
          node = Int(next)
        } else {
          children.append([:])
          terminal.append(nil)
          below.append(0)
          children[node][byte] = Int16(children.count - 1)
          node = children.count - 1
        }
        below[node] |= 1 << index
      }
      terminal[node] = index
    }
  }

  func child(of node: Int16, _ byte: UInt8) -> Int16? { children[Int(node)][byte] }

  /// Whether a placeholder not yet in `used` can still be written through `node`.
  func offersUnused(_ node: Int16, _ used: UInt16) -> Bool { below[Int(node)] & ~used != 0 }
}

/// The states of a `DSLConstraint` from which a complete query is reachable: every reachable
/// state is enumerated once (breadth first over all 256 bytes), then acceptance is propagated
/// backwards. Cached per set of entity choices: questions with the same placeholder kinds and
/// counts share one table.
enum LiveStates {
  private static let cache = Mutex<[EntityChoices: Set<DSLConstraint.State>]>([:])

  static func of(_ constraint: DSLConstraint, key: EntityChoices) -> Set<DSLConstraint.State> {
    if let hit = cache.withLock({ $0[key] }) { return hit }
    let live = compute(constraint)
    cache.withLock { $0[key] = live }
    return live
  }

  static func compute(_ constraint: DSLConstraint) -> Set<DSLConstraint.State> {
    var index: [DSLConstraint.State: Int32] = [constraint.initialState: 0]
    var states = [constraint.initialState]
    var predecessors: [[Int32]] = [[]]
    var cursor = 0
    while cursor < states.count {
      let state = states[cursor]
      for byte in 0...255 {
        guard let next = constraint.advance(state, byte: UInt8(byte)) else { continue }
        let id: Int32
        if let known = index[next] {
          id = known
        } else {
          id = Int32(states.count)
          index[next] = id
          states.append(next)
          predecessors.append([])
        }
        predecessors[Int(id)].append(Int32(cursor))
      }
      cursor += 1
    }
    var isLive = states.map(constraint.isComplete)
    var stack = isLive.indices.filter { isLive[$0] }
    while let id = stack.popLast() {
      for p in predecessors[id] where !isLive[Int(p)] {
        isLive[Int(p)] = true
        stack.append(Int(p))
      }
    }
    return Set(states.indices.filter { isLive[$0] }.map { states[$0] })
  }
}
