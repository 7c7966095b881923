import CQuant
import Synchronization

/// Which weight matrices a model keeps decoded into AMX tile order (cq_pack), so that batched
/// products (prompts, draft verification, teacher forcing) stop decoding the weights on every
/// call: about 1.4 bytes per weight on top of the file's mapping. A matrix is packed by the
/// first product that needs it (which costs about what that product cost unpacked), so loading
/// stays as fast. Without AMX nothing is packed, whatever is asked.
public enum WeightPacking: Sendable {
  /// Nothing packed: every batched product decodes its weights (the smallest memory).
  case none
  /// The blocks' matrices: prompts and draft verification (the product's choice, ~500 MB).
  case blocks
  /// The blocks and the output layer, for teacher forcing's logits after every position (the
  /// study).
  case all
}

/// One matrix's packed rows, by row range (each thread of `Linear.apply` packs and then reads
/// its own range), freed with the matrix.
final class PackedWeights: Sendable {
  /// A packed range; the C object is only read once made.
  private struct Packed: @unchecked Sendable {
    let pointer: OpaquePointer
  }

  private let type: Int32
  private let data: SendableRawPointer
  private let rowByteCount: Int
  private let columns: Int
  private let ranges = Mutex<[Range<Int>: Packed]>([:])

  init(_ matrix: QuantizedMatrix) {
    type = Int32(matrix.type.rawValue)
    data = SendableRawPointer(pointer: matrix.data)
    rowByteCount = matrix.rowByteCount
    columns = matrix.columns
  }

  /// Rows `range` packed, packing them on first use; nil without AMX (or out of memory).
  func rows(_ range: Range<Int>) -> OpaquePointer? {
    if let known = ranges.withLock({ $0[range] }) { return known.pointer }
    // Packed outside the lock: another range (the other thread's) packs at the same time.
    guard
      let made = cq_pack(
        type, data.pointer + range.lowerBound * rowByteCount, rowByteCount, Int32(range.count),
        Int32(columns))
    else { return nil }
    let packed = Packed(pointer: made)
    return ranges.withLock { table -> Packed in
      if let raced = table[range] {
        cq_packed_free(packed.pointer)
        return raced
      }
      table[range] = packed
      return packed
    }.pointer
  }

  /// Bytes held by the ranges packed so far.
  var byteCount: Int {
    ranges.withLock { $0.values.map { cq_packed_bytes($0.pointer) }.reduce(0, +) }
  }

  deinit {
    for packed in ranges.withLock({ Array($0.values) }) { cq_packed_free(packed.pointer) }
  }
}
