/// The DSL grammar as a byte-level automaton, for constrained decoding.
///
/// It accepts exactly the canonical (printed) form of every query the parser accepts, with the
/// value slots limited by `EntityChoices`. The grammar automaton is compiled once per process
/// from `Grammar.query`; each value slot is a small sub-automaton made per question.
public struct DSLConstraint: PrefixConstraint {
  /// Where the automaton is: a grammar state, and, inside a value slot, the slot's kind and
  /// state (the grammar state is then the one reached after the slot).
  public struct State: Hashable, Sendable {
    var main: Int32
    var slotKind: Int8
    var slot: Int32
  }

  let grammar: ByteDFA
  let machines: [SlotMachine]

  public init(entities: EntityChoices = .open) {
    grammar = DSLConstraint.grammarDFA
    machines = SlotKind.allCases.map { SlotMachine.make($0, choices: entities.choices(for: $0)) }
  }

  /// Compiled on first use (a few milliseconds), then shared.
  static let grammarDFA = ByteDFA.compile(Grammar.query)

  public var initialState: State { State(main: 0, slotKind: -1, slot: 0) }

  public func advance(_ state: State, byte: UInt8) -> State? {
    if state.slotKind >= 0 {
      let machine = machines[Int(state.slotKind)]
      let next = machine.step(state.slot, byte)
      if next >= 0 { return State(main: state.main, slotKind: state.slotKind, slot: next) }
      // The slot may end here; the byte then belongs to what follows it.
      guard machine.isAccepting(state.slot) else { return nil }
      return advanceGrammar(state.main, byte)
    }
    return advanceGrammar(state.main, byte)
  }

  @inline(__always) private func advanceGrammar(_ main: Int32, _ byte: UInt8) -> State? {
    let next = grammar.step(main, byte)
    if next >= 0 { return State(main: next, slotKind: -1, slot: 0) }
    for (kind, after) in grammar.slots[Int(main)] {
      let entered = machines[kind.rawValue].step(0, byte)
      if entered >= 0 { return State(main: after, slotKind: Int8(kind.rawValue), slot: entered) }
    }
    return nil
  }

  public func isComplete(_ state: State) -> Bool {
    if state.slotKind >= 0 {
      return machines[Int(state.slotKind)].isAccepting(state.slot)
        && grammar.accepting[Int(state.main)]
    }
    return grammar.accepting[Int(state.main)]
  }

  /// The state after `prefix`, or nil when no query starts with it.
  public func state(after prefix: String) -> State? {
    advance(initialState, bytes: prefix.utf8)
  }

  /// Whether `text` is a complete canonical query.
  public func accepts(_ text: String) -> Bool {
    guard let state = state(after: text) else { return false }
    return isComplete(state)
  }

  /// The terminals that may come next: words and symbols up to the next space, `<number>`,
  /// `<year>`, `<player>` ... for open value slots, and `<end>` when the query may stop. A
  /// leading space is skipped, so after `top 5` this lists `batters`, `bowlers`, ...
  public func expectedTerminals(after state: State, limit: Int = 200) -> [String] {
    var found: [String] = []
    var seen = Set<String>()
    func emit(_ s: String) {
      if seen.insert(s).inserted { found.append(s) }
    }
    if isComplete(state) { emit("<end>") }
    // Depth-first over bytes; a terminal ends at a space, at a slot, or where the query may end.
    var stack: [(State, [UInt8])] = [(state, [])]
    var steps = 0
    while let (current, text) = stack.popLast(), steps < 50_000, found.count < limit {
      steps += 1
      if !text.isEmpty && isComplete(current) {
        emit(String(decoding: text, as: UTF8.self))
      }
      for byte in nextBytes(current).reversed() {
        guard let next = advance(current, byte: byte) else { continue }
        if byte == 0x20 {
          if text.isEmpty { stack.append((next, [])) } else { emit(String(decoding: text, as: UTF8.self)) }
          continue
        }
        if next.slotKind >= 0 {
          emit(String(decoding: text, as: UTF8.self) + "<\(SlotKind(rawValue: Int(next.slotKind))!)>")
          continue
        }
        stack.append((next, text + [byte]))
      }
    }
    return found
  }

  /// Bytes with a transition from `state` (in the grammar, or into or out of a slot).
  public func nextBytes(_ state: State) -> [UInt8] {
    (0...255).compactMap { advance(state, byte: UInt8($0)) == nil ? nil : UInt8($0) }
  }

  /// Number of grammar states (for reports).
  public var grammarStateCount: Int { grammar.stateCount }
}
