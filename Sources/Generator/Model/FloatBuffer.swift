/// A zeroed heap buffer of floats for one forward pass; freed in deinit.
final class FloatBuffer {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  init(_ count: Int) {
    self.count = count
    pointer = .allocate(capacity: max(count, 1))
    pointer.initialize(repeating: 0, count: max(count, 1))
  }

  deinit { pointer.deallocate() }

  subscript(row t: Int, width: Int) -> UnsafeMutablePointer<Float> { pointer + t * width }
}
