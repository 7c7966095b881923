import CQuant

/// Which weight matrices a model decodes once at load into AMX tile order (cq_pack), so that
/// batched products (prompts, draft verification, teacher forcing) skip decoding the weights
/// on every call: about 1.4 bytes per weight on top of the file's mapping, and a few tenths
/// of a second at load. Without AMX nothing is packed, whatever is asked.
public enum WeightPacking: Sendable {
  /// Nothing packed: every batched product decodes its weights (the smallest memory).
  case none
  /// The blocks' matrices: prompts and draft verification (the product's choice).
  case blocks
  /// The blocks and the output projection too, for teacher forcing's logits after every
  /// position (the study).
  case all
}

/// One matrix's packed weights (or none), owned by its `QuantizedMatrix` and freed with it.
final class PackedWeights: @unchecked Sendable {
  // @unchecked Sendable: `pointer` is written once, by `pack`, before the model is used, and
  // only read afterwards.
  private(set) var pointer: OpaquePointer?

  init() {}

  /// Packs `matrix` (a no-op without AMX or for a type without integer kernels).
  func pack(_ matrix: QuantizedMatrix) {
    precondition(pointer == nil, "\(matrix.name) is packed twice")
    pointer = cq_pack(
      Int32(matrix.type.rawValue), matrix.data, matrix.rowByteCount, Int32(matrix.rows),
      Int32(matrix.columns))
  }

  var byteCount: Int { cq_packed_bytes(pointer) }

  deinit { cq_packed_free(pointer) }
}
