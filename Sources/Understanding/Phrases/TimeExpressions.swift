import Foundation

/// Years, seasons and ranges in a question, rewritten to one wording with year placeholders:
/// "2010-2014" → "from <year1> to <year2>", "in the 2010s" → "from <year1> to <year2>",
/// "last 3 years" → "since <year1>", "last year" → "in <year1>" (relative to the data's last
/// match), "2019/20" → a season, "'19" → 2019.
struct TimeExpressions {
  let tokens: [Token]
  let text: [Character]
  let lastYear: Int

  /// Finds the time expression starting at token `i`, if any.
  func match(at i: Int) -> PendingSpan? {
    let f = tokens[i].folded
    if f == "between", let y1 = year(i + 1), word(i + 2, ["and", "to"]), let y2 = year(i + 3, after: y1) {
      return span(i, i + 3, [.text("between "), y1.slot, .text(" and "), y2.slot], from: y1.value, to: y2.value)
    }
    if f == "from", let y1 = year(i + 1), let (sepEnd, y2) = rangeEnd(after: i + 1, y1) {
      return span(i, sepEnd, [.text("from "), y1.slot, .text(" to "), y2.slot], from: y1.value, to: y2.value)
    }
    if let y1 = year(i) {
      if let season = season(at: i, y1) { return season }
      if let (end, y2) = rangeEnd(after: i, y1) {
        return span(i, end, [.text("from "), y1.slot, .text(" to "), y2.slot], from: y1.value, to: y2.value)
      }
      let before = i > 0 ? tokens[i - 1].folded : ""
      switch before {
      case "since", "from": return span(i, i, [y1.slot], from: y1.value, to: nil, charStart: y1.charStart)
      case "after": return span(i, i, [y1.slot], from: y1.value + 1, to: nil, charStart: y1.charStart)
      case "before", "pre": return span(i, i, [y1.slot], from: nil, to: y1.value - 1, charStart: y1.charStart)
      case "until", "till", "upto": return span(i, i, [y1.slot], from: nil, to: y1.value, charStart: y1.charStart)
      default: return span(i, i, [y1.slot], from: y1.value, to: y1.value, charStart: y1.charStart)
      }
    }
    if let decade = decade(i) {
      var start = i
      if start > 0, tokens[start - 1].folded == "the" { start -= 1 }
      if start > 0, ["in", "during"].contains(tokens[start - 1].folded) { start -= 1 }
      let y1 = YearSlot(value: decade, matchedBy: "decade", charStart: tokens[i].start, charEnd: tokens[i].end)
      let y2 = YearSlot(value: decade + 9, matchedBy: "decade", charStart: tokens[i].start, charEnd: tokens[i].end)
      return span(start, i, [.text("from "), y1.slot, .text(" to "), y2.slot], from: decade, to: decade + 9)
    }
    if ["last", "past", "previous"].contains(f), let n = count(i + 1),
      word(i + 2, ["years", "seasons", "yrs", "year"])
    {
      let y = YearSlot(value: lastYear - n + 1, matchedBy: "last \(n) years", charStart: tokens[i].start, charEnd: tokens[i + 2].end)
      var start = i
      if start > 0, tokens[start - 1].folded == "the" { start -= 1 }
      if start > 0, ["in", "during", "over", "for", "from"].contains(tokens[start - 1].folded) { start -= 1 }
      return span(start, i + 2, [.text("since "), y.slot], from: lastYear - n + 1, to: lastYear)
    }
    if ["last", "this", "current", "previous"].contains(f), word(i + 1, ["year", "season", "yr"]) {
      let value = f == "this" || f == "current" ? lastYear : lastYear - 1
      var start = i
      if start > 0, ["in", "during"].contains(tokens[start - 1].folded) { start -= 1 }
      let y = YearSlot(value: value, matchedBy: "\(f) year", charStart: tokens[i].start, charEnd: tokens[i + 1].end)
      return span(start, i + 1, [.text("in "), y.slot], from: value, to: value)
    }
    return nil
  }

  struct YearSlot {
    let value: Int
    let matchedBy: String
    let charStart: Int
    let charEnd: Int
    var slot: Piece {
      .slot(Slot(kind: .year, value: String(value), score: 1, matchedBy: matchedBy, start: charStart, end: charEnd))
    }
  }

  private func span(
    _ first: Int, _ last: Int, _ pieces: [Piece], from: Int?, to: Int?, charStart: Int? = nil
  ) -> PendingSpan {
    PendingSpan(
      first: first, last: last, charStart: charStart ?? tokens[first].start, charEnd: tokens[last].end,
      content: .resolved(pieces), years: (from, to))
  }

  /// A year at token `i`: four digits 1990–2039 not used as a count ("min 2000 runs"), or "'19".
  func year(_ i: Int, after earlier: YearSlot? = nil) -> YearSlot? {
    guard i < tokens.count, tokens[i].isNumber else { return nil }
    let t = tokens[i]
    guard let v = Int(t.folded) else { return nil }
    if t.folded.count == 4, (1990...2039).contains(v), !looksLikeCount(i) {
      return YearSlot(value: v, matchedBy: "year", charStart: t.start, charEnd: t.end)
    }
    if t.folded.count == 2 {
      let apostrophe = t.start > 0 && Tokenizer.isApostrophe(text[t.start - 1])
      if apostrophe || earlier != nil {
        let century = earlier.map { $0.value / 100 * 100 } ?? 2000
        var full = century + v
        if earlier == nil, full > lastYear + 1 { full -= 100 }
        if let earlier, full <= earlier.value { return nil }
        return YearSlot(
          value: full, matchedBy: "year", charStart: apostrophe ? t.start - 1 : t.start, charEnd: t.end)
      }
    }
    return nil
  }

  /// "min 2000 runs", "over 2000 runs": a count, not a year. "IPL 2016 runs" stays a year.
  private func looksLikeCount(_ i: Int) -> Bool {
    let before: Set<String> = [
      "min", "minimum", "least", "top", "over", "than", "under", "above", "below", "atleast", "of",
      "scored", "took", "with", "has", "made", "reach", "reached", "past", "crossed",
    ]
    return i > 0 && before.contains(tokens[i - 1].folded)
  }

  /// "2019/20", "2019-20", "2019/2020": one season.
  private func season(at i: Int, _ y1: YearSlot) -> PendingSpan? {
    guard i + 1 < tokens.count, tokens[i + 1].isNumber, let v = Int(tokens[i + 1].folded) else { return nil }
    let sep = separator(i, i + 1)
    guard sep == "/" || sep == "-" || sep == "–" else { return nil }
    let next = tokens[i + 1].folded.count == 2 ? y1.value / 100 * 100 + v : v
    guard next == y1.value + 1 else { return nil }
    let value = "\(y1.value)/\(String(format: "%02d", next % 100))"
    let slot = Slot(kind: .season, value: value, score: 1, matchedBy: "season", start: tokens[i].start, end: tokens[i + 1].end)
    return PendingSpan(
      first: i, last: i + 1, charStart: tokens[i].start, charEnd: tokens[i + 1].end,
      content: .resolved([.slot(slot)]), years: (y1.value, next))
  }

  /// The end of a range starting with the year at `i`: "-2014", "to 2014", "till 14".
  private func rangeEnd(after i: Int, _ y1: YearSlot) -> (Int, YearSlot)? {
    let sep = separator(i, i + 1)
    if sep == "-" || sep == "–" || sep == "—", let y2 = year(i + 1, after: y1), y2.value > y1.value {
      return (i + 1, y2)
    }
    if word(i + 1, ["to", "till", "until", "through", "thru"]), let y2 = year(i + 2, after: y1), y2.value > y1.value {
      return (i + 2, y2)
    }
    return nil
  }

  private func decade(_ i: Int) -> Int? {
    let f = tokens[i].folded
    guard f.count == 5, f.hasSuffix("0s"), let v = Int(f.prefix(4)), (1990...2030).contains(v) else { return nil }
    return v
  }

  private func count(_ i: Int) -> Int? {
    guard i < tokens.count else { return nil }
    if let v = Int(tokens[i].folded), (1...30).contains(v) { return v }
    return NumberWords.value(tokens[i].folded)
  }

  private func word(_ i: Int, _ options: Set<String>) -> Bool {
    i < tokens.count && options.contains(tokens[i].folded)
  }

  /// The characters between two tokens, trimmed ("-", "/", "").
  func separator(_ a: Int, _ b: Int) -> String {
    guard a >= 0, b < tokens.count, a < b else { return "" }
    let from = tokens[a].end + tokens[a].suffix.count
    let to = tokens[b].start
    guard from <= to else { return "" }
    return String(text[from..<to]).trimmingCharacters(in: .whitespaces)
  }
}

enum NumberWords {
  static func value(_ word: String) -> Int? {
    let words = [
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
      "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
      "twenty",
    ]
    return words.firstIndex(of: word).map { $0 + 1 }
  }
}
