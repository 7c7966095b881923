// A qwen2 / llama decoder over GGUF weights, in forward order: attention, MLP, block, model.
//
// Dimension letters: T tokens in this call, P positions already cached, L = P + T,
// E width, H heads, G key/value heads, D head size (H·D = E), F MLP width, V vocabulary.

import Kernels
import CQuant
import Foundation

/// Grouped-query self-attention with rotary positions; weights named as in the file.
struct Attention {
  let attn_q: QuantizedMatrix  // (E → H·D)
  let attn_k: QuantizedMatrix  // (E → G·D)
  let attn_v: QuantizedMatrix  // (E → G·D)
  let attn_output: QuantizedMatrix  // (H·D → E)
  let attn_q_bias: [Float]?  // (H·D), qwen2 only
  let attn_k_bias: [Float]?
  let attn_v_bias: [Float]?

  init(file: GGUFFile, prefix: String, config c: DecoderConfig, packs: Bool) throws {
    attn_q = try QuantizedMatrix(file.requireTensor(prefix + "attn_q.weight"), rows: c.embeddingLength, columns: c.embeddingLength, packs: packs)
    attn_k = try QuantizedMatrix(file.requireTensor(prefix + "attn_k.weight"), rows: c.kvWidth, columns: c.embeddingLength, packs: packs)
    attn_v = try QuantizedMatrix(file.requireTensor(prefix + "attn_v.weight"), rows: c.kvWidth, columns: c.embeddingLength, packs: packs)
    attn_output = try QuantizedMatrix(file.requireTensor(prefix + "attn_output.weight"), rows: c.embeddingLength, columns: c.embeddingLength, packs: packs)
    attn_q_bias = try file.tensor(named: prefix + "attn_q.bias").map { try floats($0, count: c.embeddingLength) }
    attn_k_bias = try file.tensor(named: prefix + "attn_k.bias").map { try floats($0, count: c.kvWidth) }
    attn_v_bias = try file.tensor(named: prefix + "attn_v.bias").map { try floats($0, count: c.kvWidth) }
  }
}

/// SwiGLU feed-forward: down(silu(gate(x)) * up(x)).
struct MLP {
  let ffn_gate: QuantizedMatrix  // (E → F)
  let ffn_up: QuantizedMatrix  // (E → F)
  let ffn_down: QuantizedMatrix  // (F → E)

  init(file: GGUFFile, prefix: String, config c: DecoderConfig, packs: Bool) throws {
    ffn_gate = try QuantizedMatrix(file.requireTensor(prefix + "ffn_gate.weight"), rows: c.feedForwardLength, columns: c.embeddingLength, packs: packs)
    ffn_up = try QuantizedMatrix(file.requireTensor(prefix + "ffn_up.weight"), rows: c.feedForwardLength, columns: c.embeddingLength, packs: packs)
    ffn_down = try QuantizedMatrix(file.requireTensor(prefix + "ffn_down.weight"), rows: c.embeddingLength, columns: c.feedForwardLength, packs: packs)
  }
}

/// x + attention(norm(x)), then + mlp(norm(x)).
struct Block {
  let attn_norm: [Float]  // (E)
  let attention: Attention
  let ffn_norm: [Float]  // (E)
  let mlp: MLP

  init(file: GGUFFile, index: Int, config c: DecoderConfig, packs: Bool) throws {
    let prefix = "blk.\(index)."
    attn_norm = try floats(file.requireTensor(prefix + "attn_norm.weight"), count: c.embeddingLength)
    attention = try Attention(file: file, prefix: prefix, config: c, packs: packs)
    ffn_norm = try floats(file.requireTensor(prefix + "ffn_norm.weight"), count: c.embeddingLength)
    mlp = try MLP(file: file, prefix: prefix, config: c, packs: packs)
  }
}

/// The decoder: token embedding, blocks, final norm, output projection (tied to the embedding
/// when the file has no `output.weight`, as in SmolLM2). Shareable across threads: forward
/// passes only read the weights; each caller owns its cache.
public final class DecoderModel: @unchecked Sendable {
  // @unchecked Sendable: immutable after init; the weights live in the read-only mapping.
  public let config: DecoderConfig
  public var vocabularySize: Int { config.vocabularySize }
  /// Threads that share each matrix-vector product.
  public static var threadCount: Int { Linear.threadCount }
  /// The instruction set of the integer kernels on this CPU, for benchmarks.
  public static var kernelLevelName: String {
    ["scalar", "AVX2", "AVX-VNNI", "AVX512-VNNI", "AVX512-VNNI + AMX"][Int(cq_level())]
  }

  let file: GGUFFile  // keeps the mapping alive
  let token_embd: QuantizedMatrix  // (V × E)
  let blocks: [Block]
  let output_norm: [Float]  // (E)
  let output: QuantizedMatrix  // (V × E)
  /// Calls with at least this many tokens multiply through float tiles and OpenBLAS; shorter
  /// ones through the integer kernels.
  public let gemmThreshold: Int

  /// `gemmThreshold` is for benchmarks that time both paths; the default is the measured
  /// crossover on the development machine. `packing` trades memory for faster batches.
  public init(file: GGUFFile, gemmThreshold: Int? = nil, packing: WeightPacking = .none) throws {
    let c = try DecoderConfig(file: file)
    config = c
    self.gemmThreshold = gemmThreshold ?? Linear.gemmThreshold
    self.file = file
    token_embd = try QuantizedMatrix(file.requireTensor("token_embd.weight"), rows: c.vocabularySize, columns: c.embeddingLength)
    blocks = try (0..<c.layerCount).map {
      try Block(file: file, index: $0, config: c, packs: packing != .none)
    }
    output_norm = try floats(file.requireTensor("output_norm.weight"), count: c.embeddingLength)
    // Tied to the embedding when the file has no output layer (SmolLM2): the same weights.
    output = try QuantizedMatrix(
      file.tensor(named: "output.weight") ?? file.requireTensor("token_embd.weight"),
      rows: c.vocabularySize, columns: c.embeddingLength, packs: packing == .all)
  }

  /// Every matrix of the blocks, in order.
  var blockMatrices: [QuantizedMatrix] {
    blocks.flatMap { b in
      let (a, m) = (b.attention, b.mlp)
      return [a.attn_q, a.attn_k, a.attn_v, a.attn_output, m.ffn_gate, m.ffn_up, m.ffn_down]
    }
  }

  /// Bytes held by the weights packed so far (0 when none are), for benchmarks and tests.
  public var packedByteCount: Int {
    (blockMatrices + [output]).compactMap(\.packed?.byteCount).reduce(0, +)
  }

  /// A cache for `capacity` positions (it grows if more are appended).
  public func makeCache(capacity: Int) -> KVCache {
    KVCache(layerCount: config.layerCount, kvWidth: config.kvWidth, capacity: max(1, capacity))
  }

  /// Appends `tokens` to the cache and returns the next-token logits after the last one (V).
  public func forward(tokens: [Int32], cache: inout KVCache) -> [Float] {
    run(tokens: tokens, cache: &cache, output: .logits(allPositions: false))
  }

  /// Appends `tokens` and returns the logits after every one of them (T × V), for teacher forcing.
  public func forwardAll(tokens: [Int32], cache: inout KVCache) -> [[Float]] {
    let flat = run(tokens: tokens, cache: &cache, output: .logits(allPositions: true))
    let V = config.vocabularySize
    return (0..<tokens.count).map { Array(flat[($0 * V)..<(($0 + 1) * V)]) }
  }

  /// Appends `tokens` and returns the final-normed hidden states after the last `count` of them
  /// (count × E), from which `logits(hidden:rows:)` computes any rows of the output layer.
  public func forwardHidden(tokens: [Int32], last count: Int, cache: inout KVCache) -> [Float] {
    precondition(
      count >= 1 && count <= tokens.count, "hidden states for \(count) of \(tokens.count) tokens")
    return run(tokens: tokens, cache: &cache, output: .hidden(last: count))
  }

  /// Logits of one hidden state (E) from `forwardHidden`: the whole vocabulary when `rows` is
  /// nil, else rows[i]'s logit at i. Both equal `forward`'s logits for the same tokens (same
  /// activation quantisation and kernel); a few rows cost a few dot products instead of V.
  public func logits(hidden: UnsafePointer<Float>, rows: [Int32]?) -> [Float] {
    let E = config.embeddingLength
    guard let rows else {
      var logits = [Float](repeating: 0, count: config.vocabularySize)
      var scratch: [Float] = []
      logits.withUnsafeMutableBufferPointer { out in
        Linear.apply(
          [output], to: hidden, tokens: 1, outputs: [out.baseAddress!],
          gemmThreshold: gemmThreshold, scratch: &scratch)
      }
      return logits
    }
    let quantised = UnsafeMutablePointer<cq_q8>.allocate(capacity: E / 32)
    defer { quantised.deallocate() }
    cq_quantize_q8(hidden, quantised, Int32(E))
    var logits = [Float](repeating: 0, count: rows.count)
    logits.withUnsafeMutableBufferPointer { out in
      for (i, row) in rows.enumerated() {
        precondition(
          row >= 0 && Int(row) < config.vocabularySize, "logit row \(row) outside the vocabulary")
        output.multiply(rows: Int(row)..<(Int(row) + 1), by: quantised, into: out.baseAddress! + i)
      }
    }
    return logits
  }

  /// What `run` returns after the blocks.
  enum Output {
    /// Logits after the last token (V), or after every token (T × V).
    case logits(allPositions: Bool)
    /// Final-normed hidden states after the last `last` tokens (last × E).
    case hidden(last: Int)
  }

  func run(tokens: [Int32], cache: inout KVCache, output mode: Output) -> [Float] {
    let c = config
    let T = tokens.count, E = c.embeddingLength, F = c.feedForwardLength, KV = c.kvWidth
    precondition(T > 0, "forward needs at least one token")
    for id in tokens {
      precondition(id >= 0 && Int(id) < c.vocabularySize, "token id \(id) outside the vocabulary")
    }
    cache.reserve(T)
    let P = cache.count

    let x = FloatBuffer(T * E)  // (T, E) residual stream
    let h = FloatBuffer(T * E)  // (T, E) normed
    let q = FloatBuffer(T * E)  // (T, H·D)
    let k = FloatBuffer(T * KV)  // (T, G·D)
    let v = FloatBuffer(T * KV)  // (T, G·D)
    let attended = FloatBuffer(T * E)  // (T, H·D)
    let projected = FloatBuffer(T * E)  // (T, E)
    let gate = FloatBuffer(T * F)  // (T, F)
    let up = FloatBuffer(T * F)  // (T, F)
    var scratch: [Float] = []

    for (t, id) in tokens.enumerated() {
      token_embd.dequantize(rows: Int(id)..<(Int(id) + 1), into: x[row: t, E])
    }
    let rope = Rope(positions: P..<(P + T), headDimension: c.headDimension, base: c.ropeBase)

    var keys: [Float] = []
    var values: [Float] = []
    swap(&keys, &cache.keys)
    swap(&values, &cache.values)
    keys.withUnsafeMutableBufferPointer { keyBuffer in
      values.withUnsafeMutableBufferPointer { valueBuffer in
        for (layer, block) in blocks.enumerated() {
          let a = block.attention
          // Attention.
          block.attn_norm.withUnsafeBufferPointer {
            Elementwise.rmsNorm(h.pointer, x.pointer, weight: $0.baseAddress!, rows: T, width: E, epsilon: c.rmsEpsilon)
          }
          Linear.apply(
            [a.attn_q, a.attn_k, a.attn_v], to: h.pointer, tokens: T,
            outputs: [q.pointer, k.pointer, v.pointer], gemmThreshold: gemmThreshold,
            scratch: &scratch)
          if let b = a.attn_q_bias { Elementwise.addBias(q.pointer, b, rows: T, width: E) }
          if let b = a.attn_k_bias { Elementwise.addBias(k.pointer, b, rows: T, width: KV) }
          if let b = a.attn_v_bias { Elementwise.addBias(v.pointer, b, rows: T, width: KV) }
          rope.apply(q.pointer, rows: T, heads: c.headCount, style: c.ropeStyle)
          rope.apply(k.pointer, rows: T, heads: c.kvHeadCount, style: c.ropeStyle)
          let layerKeys = keyBuffer.baseAddress! + cache.offset(layer: layer, position: 0)
          let layerValues = valueBuffer.baseAddress! + cache.offset(layer: layer, position: 0)
          (layerKeys + P * KV).update(from: k.pointer, count: T * KV)
          (layerValues + P * KV).update(from: v.pointer, count: T * KV)
          attend(
            into: attended.pointer, queries: q.pointer, keys: layerKeys, values: layerValues,
            cached: P, tokens: T)
          Linear.apply(
            [a.attn_output], to: attended.pointer, tokens: T, outputs: [projected.pointer],
            gemmThreshold: gemmThreshold, scratch: &scratch)
          Elementwise.add(x.pointer, projected.pointer, count: T * E)
          // MLP.
          block.ffn_norm.withUnsafeBufferPointer {
            Elementwise.rmsNorm(h.pointer, x.pointer, weight: $0.baseAddress!, rows: T, width: E, epsilon: c.rmsEpsilon)
          }
          let m = block.mlp
          Linear.apply(
            [m.ffn_gate, m.ffn_up], to: h.pointer, tokens: T, outputs: [gate.pointer, up.pointer],
            gemmThreshold: gemmThreshold, scratch: &scratch)
          Elementwise.swiGLU(gate.pointer, up.pointer, count: T * F, threads: Linear.threadCount)
          Linear.apply(
            [m.ffn_down], to: gate.pointer, tokens: T, outputs: [projected.pointer],
            gemmThreshold: gemmThreshold, scratch: &scratch)
          Elementwise.add(x.pointer, projected.pointer, count: T * E)
        }
      }
    }
    swap(&keys, &cache.keys)
    swap(&values, &cache.values)
    cache.advance(by: T)

    // Final norm and output projection, for the last position or all of them.
    let first: Int
    switch mode {
    case .logits(let allPositions): first = allPositions ? 0 : T - 1
    case .hidden(let last): first = T - last
    }
    let rows = T - first
    output_norm.withUnsafeBufferPointer {
      Elementwise.rmsNorm(h.pointer, x[row: first, E], weight: $0.baseAddress!, rows: rows, width: E, epsilon: c.rmsEpsilon)
    }
    if case .hidden = mode { return Array(UnsafeBufferPointer(start: h.pointer, count: rows * E)) }
    var logits = [Float](repeating: 0, count: rows * c.vocabularySize)
    logits.withUnsafeMutableBufferPointer { out in
      Linear.apply(
        [output], to: h.pointer, tokens: rows, outputs: [out.baseAddress!],
        gemmThreshold: gemmThreshold, scratch: &scratch)
    }
    return logits
  }

  /// Batches shorter than this attend one query row at a time (as one token does).
  static let rowwiseAttentionLimit = 16

  /// Causal attention of T new queries over L = P + T cached positions, head by head;
  /// query head i reads key/value head i / groupSize.
  func attend(
    into out: UnsafeMutablePointer<Float>, queries: UnsafePointer<Float>,
    keys: UnsafePointer<Float>, values: UnsafePointer<Float>, cached P: Int, tokens T: Int
  ) {
    let H = config.headCount, L = P + T
    guard T < Self.rowwiseAttentionLimit else {
      let scores = FloatBuffer(T * L)  // (T, L)
      for head in 0..<H {
        attendBatched(
          head: head, into: out, queries: queries, keys: keys, values: values, cached: P,
          tokens: T, scores: scores)
      }
      return
    }
    // Row by row the heads are independent and the kernels our own: split them between the
    // threads once there is enough to share (each head gives the same bits either way).
    let parts = L * T >= Self.parallelAttentionWork ? Linear.threadCount : 1
    // Read-only inputs wrapped as mutable only to cross to the worker threads.
    let (o, q, k, v) = (
      SendablePointer(pointer: out), SendablePointer(pointer: UnsafeMutablePointer(mutating: queries)),
      SendablePointer(pointer: UnsafeMutablePointer(mutating: keys)),
      SendablePointer(pointer: UnsafeMutablePointer(mutating: values))
    )
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let scores = FloatBuffer(L)
      for head in (H * part / parts)..<(H * (part + 1) / parts) {
        attendRowwise(
          head: head, into: o.pointer, queries: q.pointer, keys: k.pointer, values: v.pointer,
          cached: P, tokens: T, scores: scores.pointer)
      }
    }
  }

  /// Below this many (query, key) pairs attention stays on one thread.
  static let parallelAttentionWork = 256

  /// Few query rows: too small for OpenBLAS, whose threads would then spin and slow the
  /// quantised products that follow (generation 18 → 14 tok/s). Row by row, a batch gives bit
  /// for bit what one token at a time gives, so a verified draft (speculative decoding) leaves
  /// the same cache and logits as plain greedy decoding.
  private func attendRowwise(
    head: Int, into out: UnsafeMutablePointer<Float>, queries: UnsafePointer<Float>,
    keys: UnsafePointer<Float>, values: UnsafePointer<Float>, cached P: Int, tokens T: Int,
    scores: UnsafeMutablePointer<Float>
  ) {
    let c = config
    let D = c.headDimension, E = c.embeddingLength, KV = c.kvWidth
    let scale = 1 / Float(D).squareRoot()
    let kvHead = head / c.groupSize
    let (q, k, v, o) = (queries + head * D, keys + kvHead * D, values + kvHead * D, out + head * D)
    for t in 0..<T {
      let visible = P + t + 1
      for j in 0..<visible { scores[j] = Kernels.dot(k + j * KV, q + t * E, D) }
      Elementwise.softmax(scores, count: visible, scale: scale)
      Kernels.weightedRowSum(
        o + t * E, rows: v, stride: KV, weights: scores, count: visible, width: D)
    }
  }

  /// Many query rows: two OpenBLAS products per head, scores (T, L) in between.
  private func attendBatched(
    head: Int, into out: UnsafeMutablePointer<Float>, queries: UnsafePointer<Float>,
    keys: UnsafePointer<Float>, values: UnsafePointer<Float>, cached P: Int, tokens T: Int,
    scores: FloatBuffer
  ) {
    let c = config
    let D = c.headDimension, E = c.embeddingLength, KV = c.kvWidth, L = P + T
    let scale = 1 / Float(D).squareRoot()
    let kvHead = head / c.groupSize
    let (q, k, v, o) = (queries + head * D, keys + kvHead * D, values + kvHead * D, out + head * D)
    // scores (T, L) = q (T, D) · kᵀ (D, L); row t sees positions 0...P+t.
    Kernels.matmul(
      scores.pointer, q, k, m: T, n: L, k: D, transposeB: true, lda: E, ldb: KV, ldc: L)
    for t in 0..<T {
      let row = scores[row: t, L]
      let visible = P + t + 1
      Elementwise.softmax(row, count: visible, scale: scale)
      for j in visible..<L { row[j] = 0 }
    }
    // out (T, D) = scores (T, L) · v (L, D)
    Kernels.matmul(o, scores.pointer, v, m: T, n: D, k: L, lda: L, ldb: KV, ldc: E)
  }
}

/// An F32 (or F16) vector tensor copied out of the mapping.
func floats(_ tensor: GGUFTensor, count: Int) throws -> [Float] {
  guard tensor.elementCount == count, tensor.type == .f32 || tensor.type == .f16 else {
    throw GGUFError.invalid(
      "expected \(tensor.name) to be \(count) F32 values, found \(tensor.elementCount) \(tensor.type)", offset: nil)
  }
  var out = [Float](repeating: 0, count: count)
  out.withUnsafeMutableBufferPointer {
    cq_dequantize_rows(Int32(tensor.type.rawValue), tensor.data, tensor.rowByteCount, 1, Int32(count), $0.baseAddress!)
  }
  return out
}
