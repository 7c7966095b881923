import CricketDB

/// What every corpus pair must satisfy beyond running: canonical text and a real answer.
public enum CorpusCheck {
  /// nil when the pair is fine, else what is wrong with it.
  public static func problem(_ pair: CorpusPair, _ answer: DSLAnswer) -> String? {
    if answer.query.printed != pair.dsl {
      return "not canonical: write `\(answer.query.printed)`"
    }
    if pair.split != "train" && pair.split != "test" {
      return "split must be train or test, not \(pair.split)"
    }
    if answer.result.rows.isEmpty { return "the answer is empty" }
    // Rows of only zeros and NULLs mean the filters matched nothing. With `per`, one zero row
    // (Kohli's hundreds in his first Test year) is an answer as long as another row is not.
    let keyCount = answer.query.breakdown == nil ? 0 : 1
    let empty = answer.result.rows.allSatisfy { row in
      row.dropFirst(keyCount).allSatisfy { $0 == .null || $0 == .integer(0) }
    }
    return empty ? "the answer is empty (every value is 0 or -)" : nil
  }

  /// Test questions too close to a train question (word-set Jaccard similarity at or above
  /// `threshold`), as (test id, train id, similarity), most similar first. The embedder can
  /// replace word overlap once it exists.
  public static func nearParaphrases(_ pairs: [CorpusPair], threshold: Double = 0.8)
    -> [(String, String, Double)]
  {
    func words(_ text: String) -> Set<String> {
      Set(
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }
    let train = pairs.filter { $0.split == "train" }.map { ($0.id, words($0.question)) }
    var found: [(String, String, Double)] = []
    for pair in pairs where pair.split == "test" {
      let mine = words(pair.question)
      for (id, theirs) in train {
        let union = mine.union(theirs).count
        guard union > 0 else { continue }
        let similarity = Double(mine.intersection(theirs).count) / Double(union)
        if similarity >= threshold { found.append((pair.id, id, similarity)) }
      }
    }
    return found.sorted { $0.2 > $1.2 }
  }
}
