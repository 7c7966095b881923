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
    guard let first = answer.result.rows.first else { return "the answer is empty" }
    // A stats row of only zeros and NULLs means the filters matched nothing.
    let keyCount = answer.query.breakdown == nil ? 0 : 1
    let values = first.dropFirst(keyCount)
    if values.allSatisfy({ $0 == .null || $0 == .integer(0) }) {
      return "the answer is empty (every value is 0 or -)"
    }
    return nil
  }
}
