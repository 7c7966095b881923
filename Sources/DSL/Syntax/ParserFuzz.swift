import Foundation

/// Feeds the parser random and mutated text: it must never crash or hang, every failure must be
/// a located error, and the prefix automaton must agree with the parser on every input.
public enum ParserFuzz {
  public struct Report: Sendable, CustomStringConvertible {
    public var inputs = 0
    public var parsed = 0
    public var errors = 0
    /// Inputs where the automaton and the parser disagreed (should be 0).
    public var disagreements: [String] = []
    /// Errors whose column lies outside the input (should be 0).
    public var badLocations: [String] = []
    public var seconds = 0.0
    public var slowestMicroseconds = 0.0

    public var description: String {
      String(
        format: "%d inputs in %.2f s (%.0f/s): %d parsed, %d errors, %d disagreements, %d bad locations, slowest %.0f µs",
        inputs, seconds, Double(inputs) / max(seconds, 1e-9), parsed, errors, disagreements.count,
        badLocations.count, slowestMicroseconds)
    }
  }

  /// Runs `count` inputs made from `seeds` (valid queries) and random queries.
  public static func run(count: Int, seeds: [String], seed: UInt64 = 1) -> Report {
    var g = SeededGenerator(seed: seed)
    let constraint = DSLConstraint()
    var report = Report()
    let pool = seeds.isEmpty ? ["top 5 batters by runs"] : seeds
    let alphabet = Array(" \"<>(),.=%/-0123456789abcdefghijklmnopqrstuvwxyzODITé;'\\\t\n".utf8)
      + [0xC3, 0xFF, 0x00, 0x7F]
    let start = Date()
    for i in 0..<count {
      let bytes: [UInt8]
      switch i % 4 {
      case 0: bytes = mutate(Array(pool[Int.random(in: 0..<pool.count, using: &g)].utf8), alphabet, &g)
      case 1: bytes = mutate(Array(RandomQueries.query(using: &g).printed.utf8), alphabet, &g)
      case 2:
        let a = pool[Int.random(in: 0..<pool.count, using: &g)].split(separator: " ")
        let b = pool[Int.random(in: 0..<pool.count, using: &g)].split(separator: " ")
        let cut = Int.random(in: 0...a.count, using: &g)
        let from = Int.random(in: 0...b.count, using: &g)
        bytes = Array((a.prefix(cut) + b.suffix(from: from)).joined(separator: " ").utf8)
      default:
        bytes = (0..<Int.random(in: 0..<60, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let began = DispatchTime.now().uptimeNanoseconds
      var accepted = false
      do {
        let query = try DSLParser.parse(text)
        report.parsed += 1
        accepted = query.printed == text
      } catch {
        report.errors += 1
        let length = text.count + 1
        if error.column < 1 || error.column > length, report.badLocations.count < 10 {
          report.badLocations.append("\(text.debugDescription): \(error)")
        }
      }
      let micros = Double(DispatchTime.now().uptimeNanoseconds - began) / 1000
      report.slowestMicroseconds = max(report.slowestMicroseconds, micros)
      let valid = Array(text.utf8) == bytes
      let automaton = constraint.advance(constraint.initialState, bytes: bytes).map(constraint.isComplete) ?? false
      if automaton != (valid && accepted), report.disagreements.count < 10 {
        report.disagreements.append(text.debugDescription)
      }
      report.inputs += 1
    }
    report.seconds = Date().timeIntervalSince(start)
    return report
  }

  static func mutate(_ input: [UInt8], _ alphabet: [UInt8], _ g: inout SeededGenerator) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &g) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &g)
      switch Int.random(in: 0..<5, using: &g) {
      case 0 where !bytes.isEmpty: bytes.remove(at: position)
      case 1: bytes.insert(alphabet.randomElement(using: &g)!, at: position)
      case 2 where !bytes.isEmpty: bytes[position] = alphabet.randomElement(using: &g)!
      case 3 where !bytes.isEmpty:
        let length = Int.random(in: 1...min(12, bytes.count - position), using: &g)
        bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
      default: bytes = Array(bytes.prefix(position))
      }
    }
    return bytes
  }
}
