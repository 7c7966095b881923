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
/// - **No corner with a placeholder left.** A byte is allowed only if every placeholder not yet
///   written can still be written after it: "Surya T20I runs in 2022" ran out of tokens after
///   `... per year`, where nothing may follow and `<year1>` had no place.
/// - **Numbers of at most five digits** (`min runs 10000`): the model padded a clause it did
///   not want with `innings = 100000000`, nine digits of token budget at a time.
/// - **Keyword and number clauses once** (`RepeatedClauseRule`), so decoding cannot loop on
///   `and innings = ...` until the token budget runs out.
public struct PlaceholderConstraint: PrefixConstraint {
  public struct State: Hashable, Sendable {
    var inner: DSLConstraint.State
    /// Bit i: placeholder i has been written.
    var used: UInt16
    /// Node in `placeholders` while a placeholder is being written, else -1.
    var partial: Int16
    var clauses = RepeatedClauseRule.State()
    /// Digits in a row just written.
    var digits: Int8 = 0
  }

  static let maximumDigits: Int8 = 5

  let inner: DSLConstraint
  /// Inner states from which a complete query is reachable → bit i: placeholder i (in sorted
  /// order) can still be written from there.
  let live: [DSLConstraint.State: UInt16]
  let placeholders: PlaceholderTrie
  let allUsed: UInt16
  let clauses = RepeatedClauseRule()
  /// Bit i: placeholder i is a year.
  let years: UInt16
  /// False for the last-resort decode: the query may end with placeholders unwritten, and
  /// `MissingPlaceholderFix` places them or the answerer abstains.
  let requiresEveryPlaceholder: Bool

  /// `placeholders`: the question's placeholders (`<player1>`, `<year1>`, ...), at most 16.
  public init(placeholders: [String], requiresEveryPlaceholder: Bool = true) {
    self.requiresEveryPlaceholder = requiresEveryPlaceholder
    let names = Array(Set(placeholders)).sorted().prefix(16)
    func list(_ kind: String) -> [String] { names.filter { $0.hasPrefix("<\(kind)") } }
    let choices = EntityChoices(
      players: list("player"), teams: list("team"), venues: list("venue"), events: list("event"),
      years: list("year"), numbers: list("num"))
    inner = DSLConstraint(entities: choices)
    live = LiveStates.of(inner, key: choices, placeholders: Array(names))
    self.placeholders = PlaceholderTrie(Array(names))
    allUsed = names.isEmpty ? 0 : UInt16(truncatingIfNeeded: (1 << names.count) - 1)
    years = names.enumerated().reduce(0) { bits, named in
      named.element.hasPrefix("<year") ? bits | 1 << named.offset : bits
    }
  }

  public var initialState: State {
    State(inner: inner.initialState, used: 0, partial: -1, clauses: clauses.initialState)
  }

  public func advance(_ state: State, byte: UInt8) -> State? {
    guard let result = step(state, byte) else { return nil }
    // After a space or a comma a slot may be next: `team in (<team1>, <team2>, ` has no team
    // placeholder left to write. Look one byte ahead there so the model cannot enter it.
    if byte == UInt8(ascii: " ") {
      guard isComplete(result) || (0x21...0x7E).contains(where: { step(result, $0) != nil })
      else { return nil }
    } else if byte == UInt8(ascii: ",") {
      // A comma is always followed by a space.
      guard advance(result, byte: UInt8(ascii: " ")) != nil else { return nil }
    }
    return result
  }

  private func step(_ state: State, _ byte: UInt8) -> State? {
    guard let next = inner.advance(state.inner, byte: byte), let reach = live[next],
      let clauseState = clauses.advance(state.clauses, byte: byte),
      !clauseState.opensYearRange || (years & ~state.used).nonzeroBitCount >= 2,
      let result = placeholderStep(state, byte, next, clauseState)
    else { return nil }
    // Outside a placeholder, every unwritten one must still have a place ahead.
    guard !requiresEveryPlaceholder || result.partial >= 0 || (allUsed & ~result.used) & ~reach == 0
    else { return nil }
    return result
  }

  /// Tracks which placeholders are written; nil when `byte` starts or continues none unused.
  private func placeholderStep(
    _ state: State, _ byte: UInt8, _ next: DSLConstraint.State,
    _ clauseState: RepeatedClauseRule.State
  ) -> State? {
    var result = State(
      inner: next, used: state.used, partial: state.partial, clauses: clauseState)
    let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    result.digits = isDigit ? state.digits + 1 : 0
    guard result.digits <= Self.maximumDigits else { return nil }
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
    (!requiresEveryPlaceholder || state.used == allUsed) && inner.isComplete(state.inner)
      && state.partial < 0
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

/// The states of a `DSLConstraint` from which a complete query is reachable, each with the
/// placeholders that can still be written from it: every reachable state is enumerated once
/// (breadth first over all 256 bytes), then acceptance and placeholder slots are propagated
/// backwards. Cached per set of entity choices: questions with the same placeholder kinds and
/// counts share one table.
enum LiveStates {
  private static let cache = Mutex<[EntityChoices: [DSLConstraint.State: UInt16]]>([:])

  static func of(_ constraint: DSLConstraint, key: EntityChoices, placeholders: [String])
    -> [DSLConstraint.State: UInt16]
  {
    if let hit = cache.withLock({ $0[key] }) { return hit }
    let live = compute(constraint, placeholders: placeholders)
    cache.withLock { $0[key] = live }
    return live
  }

  static func compute(_ constraint: DSLConstraint, placeholders: [String])
    -> [DSLConstraint.State: UInt16]
  {
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
    // Bit i: placeholder i can be written here, or somewhere ahead.
    var reach = states.map { state -> UInt16 in
      var bits: UInt16 = 0
      for (i, word) in placeholders.enumerated()
      where constraint.advance(state, bytes: word.utf8) != nil {
        bits |= 1 << i
      }
      return bits
    }
    stack = reach.indices.filter { reach[$0] != 0 }
    while let id = stack.popLast() {
      for p in predecessors[id] where reach[Int(p)] | reach[id] != reach[Int(p)] {
        reach[Int(p)] |= reach[id]
        stack.append(Int(p))
      }
    }
    var live: [DSLConstraint.State: UInt16] = [:]
    for i in states.indices where isLive[i] { live[states[i]] = reach[i] }
    return live
  }
}
