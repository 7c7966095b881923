import Foundation

/// One line per finished cell: how far, how fast, when it will end.
struct StudyProgress {
  let label: String
  let total: Int
  let started = Date()
  private(set) var finished = 0
  private var correct = 0

  init(label: String, total: Int) {
    self.label = label
    self.total = total
  }

  var elapsed: Double { Date().timeIntervalSince(started) }

  mutating func step(_ row: StudyRow) -> String {
    finished += 1
    if row.executionCorrect { correct += 1 }
    let perCell = elapsed / Double(finished)
    let eta = perCell * Double(max(total - finished, 0))
    let mark = row.executionCorrect ? "right" : row.failure.isEmpty ? "wrong" : "failed"
    return String(
      format: "[%@] %d/%d  %@ %@ k=%d %@  %.1f s/cell, ETA %@", label, finished, total,
      row.key.questionID, row.key.selection, row.key.k, mark, perCell, Self.duration(eta))
  }

  func summary() -> String {
    String(
      format: "[%@] %d cells in %@ wall, %.2f s/cell (%d right)", label, finished,
      Self.duration(elapsed), elapsed / Double(max(finished, 1)), correct)
  }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600
      ? String(format: "%dh%02dm", s / 3600, s % 3600 / 60)
      : String(format: "%dm%02ds", s / 60, s % 60)
  }
}
