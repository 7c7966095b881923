import ArgumentParser
import Foundation
import Understanding

/// `cricq link "QUESTION"`: what question understanding finds, before any model runs.
struct LinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link",
    abstract: "Shows the players, teams, grounds, years and phrases found in a question, and the masked question."
  )

  @Argument(help: "The question, in quotes.")
  var question: String

  @Flag(help: "Print the result as JSON.")
  var json = false

  @Option(help: "Database file (default: $CRICQ_HOME/cricket.sqlite).")
  var db: String?

  @Option(help: "Read names from this catalog snapshot instead of the database.")
  var catalog: String?

  @Option(help: "Folder of alias files (default: corpus/aliases of this checkout).")
  var aliases: String?

  func run() throws {
    let linker = try QuestionLinker.load(
      database: db.map { URL(fileURLWithPath: $0) }, catalog: catalog.map { URL(fileURLWithPath: $0) }, aliases: aliases.map { URL(fileURLWithPath: $0) })
    let result = linker.understand(question)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(result), as: UTF8.self))
      return
    }
    print(LinkReport.text(result))
  }
}

/// The human-readable form of an understood question.
enum LinkReport {
  static func text(_ r: UnderstoodQuestion) -> String {
    var lines = ["question:   \(r.question)", "masked:     \(r.masked)", "normalized: \(r.normalized)"]
    if !r.bindings.isEmpty { lines.append("bindings:") }
    for b in r.bindings {
      let score = String(format: "%.2f", b.score)
      lines.append(
        "  \(b.placeholder.padding(toLength: 10, withPad: " ", startingAt: 0)) \(b.value)  "
          + "[\(b.kind.rawValue), \(b.matchedBy), score \(score)]  from \"\(b.span.text)\" @\(b.span.start)-\(b.span.end)")
    }
    var hints: [String] = []
    if !r.hints.formats.isEmpty { hints.append("format " + r.hints.formats.map(\.rawValue).joined(separator: ",")) }
    if !r.hints.phases.isEmpty { hints.append("phase " + r.hints.phases.map(\.rawValue).joined(separator: ",")) }
    if !r.hints.battingOrder.isEmpty { hints.append("order " + r.hints.battingOrder.map(\.rawValue).joined(separator: ",")) }
    if !r.hints.measures.isEmpty { hints.append("measures " + r.hints.measures.joined(separator: ",")) }
    if r.hints.fromYear != nil || r.hints.toYear != nil {
      hints.append("years \(r.hints.fromYear.map(String.init) ?? "")–\(r.hints.toYear.map(String.init) ?? "")")
    }
    if !hints.isEmpty { lines.append("hints:      " + hints.joined(separator: "; ")) }
    for a in r.ambiguities {
      let names = a.candidates.map { "\($0.name) (\(String(format: "%.2f", $0.score)))" }.joined(separator: ", ")
      lines.append("ambiguous:  \"\(a.span.text)\" could be \(names)")
    }
    for u in r.unknownNames {
      let hint = u.suggestions.isEmpty ? "" : " — did you mean \(u.suggestions.joined(separator: ", "))?"
      lines.append("unknown:    \"\(u.span.text)\"\(hint)")
    }
    return lines.joined(separator: "\n")
  }
}
