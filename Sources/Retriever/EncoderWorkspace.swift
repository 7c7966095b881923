/// Scratch buffers for one forward pass, sized for `rowCapacity` tokens (all sentences of a
/// batch packed end to end) and sentences of up to `sequenceCapacity` tokens. Reused across
/// calls and grown when a larger batch arrives, so a query allocates nothing.
final class EncoderWorkspace {
  private(set) var rowCapacity = 0
  private(set) var sequenceCapacity = 0
  let hiddenSize: Int
  let intermediateSize: Int
  private(set) var hidden = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (R, D)
  private(set) var scratch = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (R, D)
  private(set) var context = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (R, D)
  private(set) var qkv = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (R, 3D)
  private(set) var intermediate = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (R, I)
  private(set) var scores = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)  // (T, T)

  init(hiddenSize: Int, intermediateSize: Int) {
    self.hiddenSize = hiddenSize
    self.intermediateSize = intermediateSize
  }

  /// Makes room for `rows` packed tokens with no sentence longer than `longest`.
  func reserve(rows: Int, longest: Int) {
    if rows > rowCapacity {
      let rows = max(rows, rowCapacity * 3 / 2)
      for buffer in [hidden, scratch, context, qkv, intermediate] { buffer.deallocate() }
      hidden = .allocate(capacity: rows * hiddenSize)
      scratch = .allocate(capacity: rows * hiddenSize)
      context = .allocate(capacity: rows * hiddenSize)
      qkv = .allocate(capacity: rows * 3 * hiddenSize)
      intermediate = .allocate(capacity: rows * intermediateSize)
      rowCapacity = rows
    }
    if longest > sequenceCapacity {
      scores.deallocate()
      scores = .allocate(capacity: longest * longest)
      sequenceCapacity = longest
    }
  }

  deinit {
    for buffer in [hidden, scratch, context, qkv, intermediate, scores] { buffer.deallocate() }
  }
}
