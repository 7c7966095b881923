import Dispatch

/// One loading step run on another thread while the caller loads the rest; `value()` waits for
/// it. Loading the generator (tokenizer, vocabulary trie) this way overlaps it with the database,
/// linker and example pool.
// @unchecked Sendable: `result` and `milliseconds` are written once on the worker thread before
// `done` is signalled, and read only after waiting for `done`.
final class BackgroundLoad<Value>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, any Error>?
  private var elapsed = 0.0

  init(_ body: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let clock = ContinuousClock.now
      result = Result { try body() }
      elapsed = milliseconds(since: clock)
      done.signal()
    }
  }

  /// Waits for the step; its value (or error) and how long it ran, in milliseconds.
  func value() throws -> (value: Value, milliseconds: Double) {
    done.wait()
    defer { done.signal() }  // a later call returns at once
    return (try result!.get(), elapsed)
  }
}
