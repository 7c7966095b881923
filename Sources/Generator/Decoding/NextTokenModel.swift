/// What the decoder needs from a causal language model: sessions that hold a KV cache.
///
/// `DecoderModel` conforms (see `DecoderModel+NextTokenModel.swift`); the protocol keeps the
/// decoding logic apart from the forward pass.
public protocol NextTokenModel: AnyObject {
  var vocabularySize: Int { get }
  /// A new, empty session able to hold `capacity` tokens.
  func makeSession(capacity: Int) throws -> any NextTokenSession
}

/// A KV cache with the tokens fed so far.
public protocol NextTokenSession: AnyObject {
  /// Tokens held in the cache.
  var count: Int { get }
  var capacity: Int { get }
  /// Feeds `tokens` (not empty) in one batch; returns the logits after the last of them.
  func feed(_ tokens: [Int]) throws -> [Float]
  /// Feeds `tokens` (not empty) in one batch; returns the logits after each of them.
  func feedAll(_ tokens: [Int]) throws -> [[Float]]
  /// Feeds `tokens` (not empty) in one batch; returns the model's last hidden states after the
  /// last `count` of them, for `logits(_:at:rows:)`.
  func feedHidden(_ tokens: [Int], last count: Int) throws -> HiddenStates
  /// The logits from hidden state `index`: the whole vocabulary when `rows` is nil, else
  /// rows[i]'s logit at i (equal to that entry of the whole vocabulary's logits).
  func logits(_ states: HiddenStates, at index: Int, rows: [Int32]?) -> [Float]
  /// Forgets all but the first `count` tokens.
  func truncate(to count: Int)
  /// An independent copy (for beams).
  func fork() -> any NextTokenSession
}

/// Hidden states of consecutive positions, row-major, before the output layer.
public struct HiddenStates: Sendable {
  public let values: [Float]
  public let width: Int
  public var count: Int { values.count / width }
}
