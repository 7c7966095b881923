import Kernels

// The BERT encoder of all-MiniLM-L6-v2 (post-norm), for sentences packed end to end.
// Letters: R rows = all tokens of all sentences, T one sentence's tokens, D hidden size,
// H heads, E head size (D / H), I intermediate size.
//
// Sentences are packed rather than padded: every step except attention treats rows
// independently, and attention runs per sentence over that sentence's own tokens, which is
// exactly what a padding mask achieves, without computing the padded rows.

/// The encoder's forward pass over mapped weights. Immutable; the caller supplies the workspace.
struct MiniLMEncoder: Sendable {
  let configuration: MiniLMConfiguration
  let weights: MiniLMWeights
  /// Threads for the few-row products (OpenBLAS's own setting covers the large ones).
  var threads: Int { Kernels.threadCount }

  /// Token embeddings for each sentence, left in `workspace.hidden` (R, D), one row per
  /// token, sentence after sentence in the order of `sentences`.
  func encode(_ sentences: [[Int32]], workspace: EncoderWorkspace) {
    let rows = sentences.reduce(0) { $0 + $1.count }
    let longest = sentences.map(\.count).max() ?? 0
    workspace.reserve(rows: rows, longest: longest)
    embed(sentences, into: workspace.hidden)
    for layer in weights.layers {
      attentionBlock(layer, sentences: sentences, rows: rows, workspace: workspace)
      feedForwardBlock(layer, rows: rows, workspace: workspace)
    }
  }

  /// hidden = LayerNorm(word[id] + position[t] + tokenType[0]) for each token.
  private func embed(_ sentences: [[Int32]], into hidden: UnsafeMutableBufferPointer<Float>) {
    let d = configuration.hiddenSize
    let word = weights.wordEmbeddings.baseAddress!
    let position = weights.positionEmbeddings.baseAddress!
    let type0 = weights.tokenTypeEmbeddings.baseAddress!
    let out = hidden.baseAddress!
    var row = 0
    for ids in sentences {
      for (t, id) in ids.enumerated() {
        let w = word + Int(id) * d
        let p = position + t * d
        let y = out + row * d
        for i in 0..<d { y[i] = w[i] + p[i] + type0[i] }
        row += 1
      }
    }
    Kernels.layerNorm(
      hidden, UnsafeBufferPointer(hidden), weight: weights.embeddingNormWeight,
      bias: weights.embeddingNormBias, rows: row, dimension: d,
      epsilon: configuration.layerNormEpsilon)
  }

  /// hidden = LayerNorm(hidden + SelfAttention(hidden) · Wo + bo)
  private func attentionBlock(
    _ layer: MiniLMLayerWeights, sentences: [[Int32]], rows: Int, workspace w: EncoderWorkspace
  ) {
    let d = configuration.hiddenSize
    let e = configuration.headSize
    let heads = configuration.headCount
    let scale = 1 / Float(e).squareRoot()
    // qkv (R, 3D) = hidden (R, D) · Wqkv^T (D, 3D) + bias, the bias preloaded so beta = 1.
    fillRows(w.qkv, with: layer.qkvBias, rows: rows)
    Kernels.linear(
      w.qkv, UnsafeBufferPointer(w.hidden), layer.qkvWeight, m: rows, n: 3 * d, k: d, beta: 1,
      threads: threads)

    var start = 0
    for ids in sentences {
      let t = ids.count
      for h in 0..<heads {
        // One head of one sentence: Q, K, V are (T, E) column blocks of qkv, stride 3D.
        let q = UnsafeBufferPointer(rebasing: w.qkv[(start * 3 * d + h * e)...])
        let k = UnsafeBufferPointer(rebasing: w.qkv[(start * 3 * d + d + h * e)...])
        let v = UnsafeBufferPointer(rebasing: w.qkv[(start * 3 * d + 2 * d + h * e)...])
        // scores (T, T) = Q · K^T / √E; softmax over keys.
        Kernels.matmul(
          w.scores, q, k, m: t, n: t, k: e, transposeB: true, alpha: scale,
          lda: 3 * d, ldb: 3 * d)
        Kernels.softmax(w.scores, rows: t, columns: t)
        // context (T, E) block of (R, D) = scores (T, T) · V (T, E).
        let context = UnsafeMutableBufferPointer(rebasing: w.context[(start * d + h * e)...])
        Kernels.matmul(
          context, UnsafeBufferPointer(w.scores), v, m: t, n: e, k: t, ldb: 3 * d, ldc: d)
      }
      start += t
    }

    // scratch (R, D) = hidden + bo + context · Wo^T, then layer norm back into hidden.
    addRows(w.scratch, w.hidden, layer.attentionOutputBias, rows: rows)
    Kernels.linear(
      w.scratch, UnsafeBufferPointer(w.context), layer.attentionOutputWeight, m: rows, n: d,
      k: d, beta: 1, threads: threads)
    Kernels.layerNorm(
      w.hidden, UnsafeBufferPointer(w.scratch), weight: layer.attentionNormWeight,
      bias: layer.attentionNormBias, rows: rows, dimension: d,
      epsilon: configuration.layerNormEpsilon)
  }

  /// hidden = LayerNorm(hidden + GELU(hidden · Wi^T + bi) · Wo2^T + bo2)
  private func feedForwardBlock(
    _ layer: MiniLMLayerWeights, rows: Int, workspace w: EncoderWorkspace
  ) {
    let d = configuration.hiddenSize
    let i = configuration.intermediateSize
    fillRows(w.intermediate, with: layer.intermediateBias, rows: rows)
    Kernels.linear(
      w.intermediate, UnsafeBufferPointer(w.hidden), layer.intermediateWeight, m: rows, n: i,
      k: d, beta: 1, threads: threads)
    Kernels.gelu(w.intermediate, UnsafeBufferPointer(w.intermediate), count: rows * i)
    addRows(w.scratch, w.hidden, layer.outputBias, rows: rows)
    Kernels.linear(
      w.scratch, UnsafeBufferPointer(w.intermediate), layer.outputWeight, m: rows, n: d, k: i,
      beta: 1, threads: threads)
    Kernels.layerNorm(
      w.hidden, UnsafeBufferPointer(w.scratch), weight: layer.outputNormWeight,
      bias: layer.outputNormBias, rows: rows, dimension: d,
      epsilon: configuration.layerNormEpsilon)
  }

  /// Each of the first `rows` rows of `output` (R, C) = `row` (C).
  private func fillRows(
    _ output: UnsafeMutableBufferPointer<Float>, with row: UnsafeBufferPointer<Float>, rows: Int
  ) {
    let c = row.count
    for r in 0..<rows {
      _ = UnsafeMutableBufferPointer(rebasing: output[(r * c)..<((r + 1) * c)]).initialize(
        from: row)
    }
  }

  /// output (R, D) = input (R, D) + bias (D) broadcast over rows.
  private func addRows(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeMutableBufferPointer<Float>,
    _ bias: UnsafeBufferPointer<Float>, rows: Int
  ) {
    let d = bias.count
    let x = input.baseAddress!
    let y = output.baseAddress!
    let b = bias.baseAddress!
    for r in 0..<rows {
      for j in 0..<d { y[r * d + j] = x[r * d + j] + b[j] }
    }
  }
}
