/// A regular expression over bytes, as data. The DSL's grammar is one `Pattern` (built in
/// `Grammar.swift` from the word lists); the prefix automaton is compiled from it.
indirect enum Pattern: Sendable {
  /// Exactly this text.
  case text(String)
  /// One byte in `low...high`.
  case byteRange(UInt8, UInt8)
  case sequence([Pattern])
  case choice([Pattern])
  case optional(Pattern)
  /// Zero or more repetitions.
  case many(Pattern)
  /// A value whose spelling depends on the question (entity names, years, numbers): matched by
  /// a separate small automaton chosen when the constraint is made.
  case slot(SlotKind)

  static func oneOrMore(_ p: Pattern) -> Pattern { .sequence([p, .many(p)]) }

  static func words(_ words: [String]) -> Pattern { .choice(words.map { .text($0) }) }

  static let digit: Pattern = .byteRange(0x30, 0x39)
}

/// The values that the automaton matches with a per-question sub-automaton.
public enum SlotKind: Int, CaseIterable, Hashable, Sendable {
  case player, team, venue, event, year, number

  init(_ kind: EntityKind) {
    switch kind {
    case .player: self = .player
    case .team: self = .team
    case .venue: self = .venue
    case .event: self = .event
    }
  }
}

/// A deterministic automaton over bytes, with "slot" edges that hand over to a sub-automaton.
/// Transitions are a dense table (256 entries per state): states are few, lookups are hot.
final class ByteDFA: Sendable {
  /// next[state * 256 + byte], -1 when there is none.
  let next: [Int32]
  let accepting: [Bool]
  /// Per state, the slots that may start there and the state reached once the slot is read.
  let slots: [[(SlotKind, Int32)]]

  var stateCount: Int { accepting.count }

  init(next: [Int32], accepting: [Bool], slots: [[(SlotKind, Int32)]]) {
    self.next = next
    self.accepting = accepting
    self.slots = slots
  }

  @inline(__always) func step(_ state: Int32, _ byte: UInt8) -> Int32 {
    next[Int(state) &* 256 &+ Int(byte)]
  }

  /// Compiles a pattern: Thompson construction, then the subset construction.
  static func compile(_ pattern: Pattern) -> ByteDFA {
    var nfa = NFA()
    let start = nfa.newState()
    let end = nfa.build(pattern, from: start)
    nfa.accepting = end
    return nfa.determinise(start: start)
  }
}

/// A non-deterministic automaton under construction.
private struct NFA {
  enum Label {
    case epsilon
    case bytes(UInt8, UInt8)
    case slot(SlotKind)
  }

  var edges: [[(Label, Int)]] = []
  var accepting = -1

  mutating func newState() -> Int {
    edges.append([])
    return edges.count - 1
  }

  mutating func add(_ from: Int, _ label: Label, _ to: Int) {
    edges[from].append((label, to))
  }

  /// Adds `pattern` starting at `from`; returns the state where it ends.
  mutating func build(_ pattern: Pattern, from: Int) -> Int {
    switch pattern {
    case .text(let text):
      var state = from
      for byte in text.utf8 {
        let next = newState()
        add(state, .bytes(byte, byte), next)
        state = next
      }
      return state
    case .byteRange(let low, let high):
      let next = newState()
      add(from, .bytes(low, high), next)
      return next
    case .sequence(let parts):
      var state = from
      for part in parts { state = build(part, from: state) }
      return state
    case .choice(let options):
      let end = newState()
      for option in options {
        let start = newState()
        add(from, .epsilon, start)
        add(build(option, from: start), .epsilon, end)
      }
      return end
    case .optional(let inner):
      // Fresh start and end states: the inner pattern may end in a loop state, and an epsilon
      // edge into that loop would let its body run without the part before it.
      let start = newState()
      let end = newState()
      add(from, .epsilon, start)
      add(build(inner, from: start), .epsilon, end)
      add(from, .epsilon, end)
      return end
    case .many(let inner):
      let loop = newState()
      add(from, .epsilon, loop)
      let innerEnd = build(inner, from: loop)
      add(innerEnd, .epsilon, loop)
      let end = newState()
      add(loop, .epsilon, end)
      return end
    case .slot(let kind):
      let next = newState()
      add(from, .slot(kind), next)
      return next
    }
  }

  func closure(_ states: [Int]) -> [Int] {
    var seen = Set(states)
    var stack = states
    while let state = stack.popLast() {
      for (label, to) in edges[state] {
        if case .epsilon = label, !seen.contains(to) {
          seen.insert(to)
          stack.append(to)
        }
      }
    }
    return seen.sorted()
  }

  func determinise(start: Int) -> ByteDFA {
    var ids: [[Int]: Int32] = [:]
    var sets: [[Int]] = []
    var next: [Int32] = []
    var accepting: [Bool] = []
    var slots: [[(SlotKind, Int32)]] = []

    func intern(_ set: [Int]) -> Int32 {
      if let id = ids[set] { return id }
      let id = Int32(sets.count)
      ids[set] = id
      sets.append(set)
      next.append(contentsOf: repeatElement(-1, count: 256))
      accepting.append(set.contains(accepting_))
      slots.append([])
      return id
    }
    let accepting_ = self.accepting
    _ = intern(closure([start]))
    var cursor = 0
    while cursor < sets.count {
      let set = sets[cursor]
      var byByte = [[Int]](repeating: [], count: 256)
      var bySlot: [SlotKind: [Int]] = [:]
      for state in set {
        for (label, to) in edges[state] {
          switch label {
          case .epsilon: break
          case .bytes(let low, let high):
            for b in low...high { byByte[Int(b)].append(to) }
          case .slot(let kind): bySlot[kind, default: []].append(to)
          }
        }
      }
      for b in 0..<256 where !byByte[b].isEmpty {
        let target = intern(closure(byByte[b]))
        next[cursor * 256 + b] = target
      }
      for kind in SlotKind.allCases {
        if let targets = bySlot[kind] { slots[cursor].append((kind, intern(closure(targets)))) }
      }
      cursor += 1
    }
    return ByteDFA(next: next, accepting: accepting, slots: slots)
  }
}
