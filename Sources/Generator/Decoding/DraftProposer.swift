/// Guesses the next output token for speculative decoding by lookup: the output copies heavily
/// from the examples' DSL in the prompt, so the token that followed the output's last 1–3
/// tokens there (the longest such match, its latest occurrence) is a good guess. A
/// caller-supplied draft (for example the gold query) is consulted first.
struct DraftProposer {
  /// Longest n-gram matched.
  static let maxGram = 3
  let prompt: [Int]
  let supplied: [Int]

  /// The guess for the token after `output`, or nil when nothing matches.
  func next(after output: [Int]) -> Int? {
    if output.count < supplied.count, supplied.starts(with: output) { return supplied[output.count] }
    for n in stride(from: Self.maxGram, through: 1, by: -1) {
      if output.count >= n, let token = Self.follower(of: output.suffix(n), in: supplied) {
        return token
      }
      // The key may reach back into the prompt (the open assistant turn's header, at first).
      let fromPrompt = max(0, n - output.count)
      guard fromPrompt <= prompt.count else { continue }
      let key = Array(prompt.suffix(fromPrompt)) + output.suffix(n - fromPrompt)
      if let token = Self.follower(of: key, in: prompt) { return token }
    }
    return nil
  }

  /// The token after the last occurrence of `key` in `tokens` that has one after it.
  static func follower(of key: some Collection<Int>, in tokens: [Int]) -> Int? {
    let n = key.count
    guard n > 0, tokens.count > n else { return nil }
    var start = tokens.count - n - 1
    while start >= 0 {
      if tokens[start..<(start + n)].elementsEqual(key) { return tokens[start + n] }
      start -= 1
    }
    return nil
  }
}
