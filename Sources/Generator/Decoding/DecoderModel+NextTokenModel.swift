extension DecoderModel: NextTokenModel {
  public func makeSession(capacity: Int) throws -> any NextTokenSession {
    DecoderModelSession(model: self, cache: makeCache(capacity: capacity))
  }
}

/// A `DecoderModel` with its own KV cache. Forking copies the cache value (copy-on-write), so a
/// fork costs nothing until one side appends.
final class DecoderModelSession: NextTokenSession {
  let model: DecoderModel
  var cache: KVCache

  init(model: DecoderModel, cache: KVCache) {
    self.model = model
    self.cache = cache
  }

  var count: Int { cache.count }
  var capacity: Int { cache.capacity }

  func feed(_ tokens: [Int]) throws -> [Float] {
    try check(tokens)
    return model.forward(tokens: tokens.map { Int32($0) }, cache: &cache)
  }

  func feedAll(_ tokens: [Int]) throws -> [[Float]] {
    try check(tokens)
    return model.forwardAll(tokens: tokens.map { Int32($0) }, cache: &cache)
  }

  func feedHidden(_ tokens: [Int], last count: Int) throws -> HiddenStates {
    try check(tokens)
    guard count >= 1, count <= tokens.count else {
      throw GenerationError.invalidOptions("hidden states for \(count) of \(tokens.count) tokens")
    }
    let values = model.forwardHidden(tokens: tokens.map { Int32($0) }, last: count, cache: &cache)
    return HiddenStates(values: values, width: model.config.embeddingLength)
  }

  func logits(_ states: HiddenStates, at index: Int, rows: [Int32]?) -> [Float] {
    precondition(states.width == model.config.embeddingLength && index < states.count)
    return states.values.withUnsafeBufferPointer {
      model.logits(hidden: $0.baseAddress! + index * states.width, rows: rows)
    }
  }

  func truncate(to count: Int) {
    cache.truncate(to: min(count, cache.count))
  }

  func fork() -> any NextTokenSession {
    DecoderModelSession(model: model, cache: cache)
  }

  private func check(_ tokens: [Int]) throws {
    guard !tokens.isEmpty else { throw GenerationError.invalidOptions("nothing to feed the model") }
    if let bad = tokens.first(where: { $0 < 0 || $0 >= model.vocabularySize }) {
      throw GenerationError.invalidOptions(
        "token \(bad) is outside the model's vocabulary of \(model.vocabularySize)")
    }
  }
}
