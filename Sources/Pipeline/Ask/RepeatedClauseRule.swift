/// Filters and qualifiers that take a keyword or a number (`format`, `innings`, `over`,
/// `min runs`, ...) may each be written once. The grammar repeats `and <filter>` freely, so
/// when the model had a placeholder left it did not want to place, greedy decoding looped
/// (`... and innings = 100000000 and innings = 200000000 and` for "RCB vs CSK wins") until
/// the token budget ran out. Names and years are left out: each placeholder is written once
/// anyway, and `team = A and team = B` or `year = A and year = B` are what the post-decoding
/// fixes turn into a head-to-head or a range.
///
/// A byte trie over the clause openings ("and format", "where format", "min runs"). It also
/// marks where a year range opens (`year in`), which needs two unwritten year placeholders:
/// "leading ODI run scorers in 2023" dead-ended in `year in <year1>..` copied from an example.
struct RepeatedClauseRule: Sendable {
  static let fields = [
    "format", "innings", "wicket", "over", "position", "location", "stage", "result", "toss",
    "batting", "phase", "dismissal", "date",
  ]
  static let qualifiers = ["runs", "balls", "innings", "matches", "wickets"]
  /// Never offered: a date range is literal digits the model would make up (no placeholder
  /// carries one); "most Test ducks since 2015" came out as `date in 2011-20-01..`.
  static let refused = ["date"]
  /// The marker of "year in" in the trie (not a bit of `used`).
  static let yearRange = 31

  /// Clause openings; index i is bit i of `State.used`.
  let phrases: [String]
  private var children: [[UInt8: Int16]] = [[:]]
  private var clause: [Int?] = [nil]

  init() {
    var phrases: [String] = []
    for field in Self.fields {
      phrases += ["and \(field)", "where \(field)"]
    }
    phrases += Self.qualifiers.map { "min \($0)" }
    phrases += ["and year in", "where year in"]
    self.phrases = phrases
    for (index, phrase) in phrases.enumerated() {
      var node = 0
      for byte in phrase.utf8 {
        if let next = children[node][byte] {
          node = Int(next)
        } else {
          children.append([:])
          clause.append(nil)
          children[node][byte] = Int16(children.count - 1)
          node = children.count - 1
        }
      }
      // "and format" and "where format" are one clause: both set the field's bit.
      clause[node] = Self.bit(for: phrase, index: index)
    }
  }

  /// The field's bit: "and X" and "where X" share one, qualifiers have their own.
  private static func bit(for phrase: String, index: Int) -> Int {
    if phrase.hasSuffix("year in") { return yearRange }
    if phrase.hasPrefix("min ") { return fields.count + (index - 2 * fields.count) }
    return index / 2
  }

  /// Before any byte: the refused fields count as written.
  var initialState: State {
    var state = State()
    for field in Self.refused {
      if let i = Self.fields.firstIndex(of: field) { state.used |= 1 << i }
    }
    return state
  }

  struct State: Hashable, Sendable {
    /// Node in the trie while a word sequence may still be a clause opening; 0 at the start of a
    /// word, -1 inside a word that is not one.
    var node: Int16 = 0
    /// Bit per field or qualifier already written.
    var used: UInt32 = 0
    /// The byte just read ended "year in".
    var opensYearRange = false
  }

  /// The state after `byte`, or nil when it completes a clause already written. A clause is
  /// recognised at its last letter (no field word is the start of another), so the masker never
  /// lets the model write a field it must then abandon.
  func advance(_ state: State, byte: UInt8) -> State? {
    var next = state
    next.opensYearRange = false
    if state.node >= 0, let child = children[Int(state.node)][byte] {
      if clause[Int(child)] == Self.yearRange {
        next.opensYearRange = true
        next.node = -1
      } else if let bit = clause[Int(child)] {
        guard state.used & (1 << bit) == 0 else { return nil }
        next.used |= 1 << bit
        next.node = -1
      } else {
        next.node = child
      }
      return next
    }
    next.node = byte == UInt8(ascii: " ") ? 0 : -1
    return next
  }
}
