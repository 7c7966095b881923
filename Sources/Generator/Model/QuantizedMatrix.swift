import Kernels
import CQuant
import Dispatch

/// A weight matrix kept in its file's block format: `rows` rows of `columns` weights.
/// y = W x multiplies each row with x.
struct QuantizedMatrix: @unchecked Sendable {
  // @unchecked Sendable: `data` points into the GGUFFile's read-only mapping.
  let name: String
  let type: GGMLType
  let rows: Int
  let columns: Int
  let rowByteCount: Int
  let data: UnsafeRawPointer
  /// The weights in AMX tile order, when the model packs this matrix (`WeightPacking`).
  private(set) var packed: PackedWeights?

  init(
    _ tensor: GGUFTensor, rows expectedRows: Int? = nil, columns expectedColumns: Int? = nil,
    packs: Bool = false
  ) throws {
    guard tensor.shape.count == 2 else {
      throw GGUFError.invalid("expected \(tensor.name) to be a matrix, found shape \(tensor.shape)", offset: nil)
    }
    guard cq_supports(Int32(tensor.type.rawValue)) != 0 else {
      throw GGUFError.invalid("expected a supported weight type for \(tensor.name), found \(tensor.type)", offset: nil)
    }
    if let r = expectedRows, let c = expectedColumns, tensor.rowCount != r || tensor.rowLength != c {
      throw GGUFError.invalid(
        "expected \(tensor.name) of shape [\(c), \(r)], found \(tensor.shape)", offset: nil)
    }
    guard tensor.rowLength % 32 == 0 else {
      throw GGUFError.invalid("expected \(tensor.name)'s rows to be a multiple of 32 long, found \(tensor.rowLength)", offset: nil)
    }
    name = tensor.name
    type = tensor.type
    rows = tensor.rowCount
    columns = tensor.rowLength
    rowByteCount = tensor.rowByteCount
    data = tensor.data
    packed = nil
    // Only where cq_pack can pack: elsewhere every batched product would ask it again.
    if packs, cq_level() == Int32(CQ_LEVEL_AMX) { packed = PackedWeights(self) }
  }

  /// Rows [begin, end) · x into out[0..<(end-begin)]; x holds columns/32 activation blocks.
  @inline(__always)
  func multiply(rows range: Range<Int>, by x: UnsafePointer<cq_q8>, into out: UnsafeMutablePointer<Float>) {
    cq_matvec(
      Int32(type.rawValue), data, rowByteCount, Int32(range.lowerBound), Int32(range.upperBound),
      x, Int32(columns), out)
  }

  /// For every token t of a packed batch (cq_batch_pack): rows [begin, end) · x[t] into
  /// out[t * stride ..< t * stride + (end - begin)].
  func multiply(
    rows range: Range<Int>, batch: UnsafeRawPointer, into out: UnsafeMutablePointer<Float>,
    stride: Int, level: Int32 = cq_level()
  ) {
    cq_matmul_level(
      level, Int32(type.rawValue), data, rowByteCount, Int32(range.lowerBound),
      Int32(range.upperBound), batch, out, stride)
  }

  /// `multiply(rows:batch:into:stride:)` from the packed weights (packing `range` on first
  /// use), when the matrix packs; false (nothing written) otherwise. The same bits either way.
  func multiplyPacked(
    rows range: Range<Int>, batch: UnsafeRawPointer, into out: UnsafeMutablePointer<Float>,
    stride: Int
  ) -> Bool {
    guard let pointer = packed?.rows(range) else { return false }
    return cq_matmul_packed(pointer, 0, Int32(range.count), batch, out, stride) != 0
  }

  /// Rows [begin, end) as floats, row-major, into out.
  func dequantize(rows range: Range<Int>, into out: UnsafeMutablePointer<Float>) {
    cq_dequantize_rows(
      Int32(type.rawValue), data + range.lowerBound * rowByteCount, rowByteCount,
      Int32(range.count), Int32(columns), out)
  }
}

/// Raw pointer bundles for handing buffers to worker threads.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
}

struct SendableRawPointer: @unchecked Sendable {
  let pointer: UnsafeRawPointer
}

/// Matrix products of a batch of activations with quantised weights.
enum Linear {
  /// Threads used for matrix products (the machine has 2 cores).
  static let threadCount = 2
  /// Batches at least this long go through dequantised tiles and OpenBLAS sgemm by default,
  /// shorter ones through the integer kernels: the crossover measured per kernel level with
  /// `cricq bench generate` (docs/GENERATOR.md). With AMX the integer path won at every length
  /// measured (8-512 tokens); with AVX512-VNNI alone up to about 64 tokens.
  /// Batches at least this long use packed weights where a matrix has them: below, the VNNI
  /// kernels on the file's blocks are as fast (measured per type, docs/GENERATOR.md).
  static let packedMinimumTokens = 4

  static let gemmThreshold: Int = {
    switch cq_level() {
    case Int32(CQ_LEVEL_AMX): return .max
    case Int32(CQ_LEVEL_AVX512_VNNI): return 64
    default: return 16
    }
  }()

  /// Whether calls of T and U tokens compute each token's products identically (feeding a
  /// prompt in chunks then changes nothing): every integer kernel path, one token, batched or
  /// AMX, gives the one-token kernel's bits (CQuant's common float order, docs/GENERATOR.md);
  /// the sgemm path rounds otherwise.
  static func samePath(_ T: Int, _ U: Int, gemmThreshold: Int = gemmThreshold) -> Bool {
    (T >= gemmThreshold) == (U >= gemmThreshold)
  }

  /// For each (matrix, output) pair: out[t, r] = W[r] · x[t] for the T rows of x (width = columns).
  /// All matrices must share `columns`; outputs are T × rows, row-major.
  static func apply(
    _ matrices: [QuantizedMatrix], to x: UnsafePointer<Float>, tokens T: Int,
    outputs: [UnsafeMutablePointer<Float>], gemmThreshold: Int, scratch: inout [Float]
  ) {
    let columns = matrices[0].columns
    if T >= gemmThreshold {
      for (matrix, out) in zip(matrices, outputs) {
        gemm(matrix, x: x, tokens: T, out: out, scratch: &scratch)
      }
      return
    }
    let outs = outputs.map { SendablePointer(pointer: $0) }
    if T == 1 {
      // One token: the row-by-row kernels read each weight once, no decoding buffer needed.
      let blocks = UnsafeMutablePointer<cq_q8>.allocate(capacity: columns / 32)
      defer { blocks.deallocate() }
      cq_quantize_q8(x, blocks, Int32(columns))
      let q = SendablePointer(pointer: blocks)
      DispatchQueue.concurrentPerform(iterations: threadCount) { part in
        for (matrix, out) in zip(matrices, outs) {
          let rows = matrix.rows * part / threadCount..<matrix.rows * (part + 1) / threadCount
          matrix.multiply(rows: rows, by: q.pointer, into: out.pointer + rows.lowerBound)
        }
      }
      return
    }
    // Quantise the T rows once, then split every matrix's rows across the threads.
    let batch = UnsafeMutableRawPointer.allocate(
      byteCount: cq_batch_bytes(Int32(T), Int32(columns)), alignment: 64)
    defer { batch.deallocate() }
    cq_batch_pack(x, Int32(T), Int32(columns), batch)
    let packed = SendableRawPointer(pointer: batch)
    DispatchQueue.concurrentPerform(iterations: threadCount) { part in
      for (matrix, out) in zip(matrices, outs) {
        let rows = matrix.rows * part / threadCount..<matrix.rows * (part + 1) / threadCount
        if T >= packedMinimumTokens,
          matrix.multiplyPacked(
            rows: rows, batch: packed.pointer, into: out.pointer + rows.lowerBound,
            stride: matrix.rows)
        {
          continue
        }
        matrix.multiply(
          rows: rows, batch: packed.pointer, into: out.pointer + rows.lowerBound,
          stride: matrix.rows)
      }
    }
  }

  /// out (T × rows) = x (T × columns) · Wᵀ, dequantising W in tiles of rows.
  static func gemm(
    _ matrix: QuantizedMatrix, x: UnsafePointer<Float>, tokens T: Int,
    out: UnsafeMutablePointer<Float>, scratch: inout [Float]
  ) {
    let tileRows = max(1, min(matrix.rows, (1 << 22) / matrix.columns))
    if scratch.count < tileRows * matrix.columns {
      scratch = [Float](repeating: 0, count: tileRows * matrix.columns)
    }
    scratch.withUnsafeMutableBufferPointer { tileBuffer in
      let tile = tileBuffer.baseAddress!
      var begin = 0
      while begin < matrix.rows {
        let end = min(matrix.rows, begin + tileRows)
        dequantizeParallel(matrix, rows: begin..<end, into: tile)
        Kernels.matmul(
          out + begin, x, tile, m: T, n: end - begin, k: matrix.columns, transposeB: true,
          lda: matrix.columns, ldb: matrix.columns, ldc: matrix.rows)
        begin = end
      }
    }
  }

  static func dequantizeParallel(_ matrix: QuantizedMatrix, rows: Range<Int>, into out: UnsafeMutablePointer<Float>) {
    let target = SendablePointer(pointer: out)
    DispatchQueue.concurrentPerform(iterations: threadCount) { part in
      let begin = rows.lowerBound + rows.count * part / threadCount
      let end = rows.lowerBound + rows.count * (part + 1) / threadCount
      matrix.dequantize(rows: begin..<end, into: target.pointer + (begin - rows.lowerBound) * matrix.columns)
    }
  }
}
