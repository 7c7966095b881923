/// The sub-automaton that reads one value slot: a dense DFA for open slots (small patterns), a
/// byte trie for lists of names (which may be the whole database's players).
enum SlotMachine: Sendable {
  case dfa(ByteDFA)
  case trie(ByteTrie)

  @inline(__always) func step(_ state: Int32, _ byte: UInt8) -> Int32 {
    switch self {
    case .dfa(let dfa): dfa.step(state, byte)
    case .trie(let trie): trie.step(state, byte)
    }
  }

  @inline(__always) func isAccepting(_ state: Int32) -> Bool {
    switch self {
    case .dfa(let dfa): dfa.accepting[Int(state)]
    case .trie(let trie): trie.terminal[Int(state)]
    }
  }

  /// Bytes that can follow `state` (for listing what is expected).
  func bytes(after state: Int32) -> [UInt8] {
    switch self {
    case .dfa(let dfa): (0...255).compactMap { dfa.step(state, UInt8($0)) >= 0 ? UInt8($0) : nil }
    case .trie(let trie): trie.children[Int(state)].map(\.0)
    }
  }

  static func make(_ kind: SlotKind, choices: [String]?) -> SlotMachine {
    guard let choices else { return openMachines[kind.rawValue] }
    // A name with a quote or a control character inside could never be parsed back: leave it out.
    let surfaces = choices.map { EntityChoices.surface($0, kind: kind) }.filter { surface in
      guard surface.hasPrefix("\""), surface.count >= 2 else { return true }
      return !surface.unicodeScalars.dropFirst().dropLast().contains {
        $0 == "\"" || $0.value < 0x20 || $0.value == 0x7F
      }
    }
    if kind == .number {
      // Digits are always allowed; the list adds placeholders.
      return .dfa(ByteDFA.compile(.choice([Grammar.wholeNumber] + surfaces.map { .text($0) })))
    }
    return .trie(ByteTrie(surfaces))
  }

  static let openMachines: [SlotMachine] = SlotKind.allCases.map {
    .dfa(ByteDFA.compile(Grammar.openSlot($0)))
  }
}

/// A trie over byte strings; node 0 is the root.
final class ByteTrie: Sendable {
  let children: [[(UInt8, Int32)]]
  let terminal: [Bool]

  init(_ words: [String]) {
    var children: [[(UInt8, Int32)]] = [[]]
    var terminal = [false]
    for word in Set(words).sorted() {
      var node = 0
      for byte in word.utf8 {
        if let child = children[node].first(where: { $0.0 == byte }) {
          node = Int(child.1)
        } else {
          children.append([])
          terminal.append(false)
          children[node].append((byte, Int32(children.count - 1)))
          node = children.count - 1
        }
      }
      terminal[node] = true
    }
    self.children = children
    self.terminal = terminal
  }

  @inline(__always) func step(_ state: Int32, _ byte: UInt8) -> Int32 {
    for (b, child) in children[Int(state)] where b == byte { return child }
    return -1
  }
}
