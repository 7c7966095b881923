/// A left-to-right recogniser of DSL text, byte by byte. The generator uses it to mask tokens:
/// a token is allowed in a state when every one of its bytes can be advanced through.
///
/// States are values: advancing never mutates shared state, so a state can be kept per beam and
/// used as a cache key for the set of allowed tokens.
public protocol PrefixConstraint: Sendable {
  associatedtype State: Hashable & Sendable

  /// The state before any byte has been read.
  var initialState: State { get }

  /// The state after reading `byte`, or nil when no valid query starts with the text so far
  /// followed by `byte`.
  func advance(_ state: State, byte: UInt8) -> State?

  /// Whether the text read so far is a complete query (the generator may stop here).
  func isComplete(_ state: State) -> Bool
}

extension PrefixConstraint {
  /// The state after reading all of `bytes`, or nil at the first byte that cannot be read.
  public func advance<S: Sequence<UInt8>>(_ state: State, bytes: S) -> State? {
    var current = state
    for byte in bytes {
      guard let next = advance(current, byte: byte) else { return nil }
      current = next
    }
    return current
  }
}
