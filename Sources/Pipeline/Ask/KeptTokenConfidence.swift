import DSL
import Generator

/// The lowest probability among the tokens of the model's query that the answer still rests on.
/// A filter a deterministic fix removed or replaced ("Lyon Ashes wickets": the model's unsure
/// `position = 1`, dropped as unasked) no longer speaks for the answer, so its tokens are left
/// out; the rest of the query is judged as written.
enum KeptTokenConfidence {
  static func minimum(_ generation: Generation, written: DSLQuery, fixed: DSLQuery) -> Double {
    let text = generation.text
    let replaced = written.filters.filter { !fixed.filters.contains($0) }
    var ignored: [Range<Int>] = []
    for filter in replaced {
      guard let range = text.range(of: filter.printed) else { continue }
      let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
      ignored.append(start..<start + filter.printed.utf8.count)
    }
    var offset = 0
    var lowest = 1.0
    for step in generation.steps {
      let span = offset..<offset + step.text.utf8.count
      offset = span.upperBound
      guard let p = step.distribution?.maskedProbability,
        !ignored.contains(where: { $0.overlaps(span) })
      else { continue }
      lowest = min(lowest, p)
    }
    return ignored.isEmpty ? generation.minProbability : lowest
  }
}
