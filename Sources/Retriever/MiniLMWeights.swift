import Foundation

// Tensor names in all-MiniLM-L6-v2's model.safetensors (no `bert.` prefix). D = hidden size,
// I = intermediate size, V = vocabulary, P = positions. Linear weights are stored (out, in).

/// One encoder layer's weights. Q, K and V are concatenated into one (3D, D) matrix at load
/// so a single sgemm projects all three; every other tensor is read in place from the map.
struct MiniLMLayerWeights: @unchecked Sendable {
  // @unchecked Sendable: read-only pointers into the map or into MiniLMWeights' own copy.
  let qkvWeight: UnsafeBufferPointer<Float>  // (3D, D): query rows, then key, then value
  let qkvBias: UnsafeBufferPointer<Float>  // (3D)
  let attentionOutputWeight: UnsafeBufferPointer<Float>  // (D, D) attention.output.dense
  let attentionOutputBias: UnsafeBufferPointer<Float>  // (D)
  let attentionNormWeight: UnsafeBufferPointer<Float>  // (D) attention.output.LayerNorm
  let attentionNormBias: UnsafeBufferPointer<Float>  // (D)
  let intermediateWeight: UnsafeBufferPointer<Float>  // (I, D) intermediate.dense
  let intermediateBias: UnsafeBufferPointer<Float>  // (I)
  let outputWeight: UnsafeBufferPointer<Float>  // (D, I) output.dense
  let outputBias: UnsafeBufferPointer<Float>  // (D)
  let outputNormWeight: UnsafeBufferPointer<Float>  // (D) output.LayerNorm
  let outputNormBias: UnsafeBufferPointer<Float>  // (D)
}

/// All weights of the encoder, kept alive with the mapped file they point into.
final class MiniLMWeights: @unchecked Sendable {
  // @unchecked Sendable: immutable after init.
  let file: SafetensorsFile
  let wordEmbeddings: UnsafeBufferPointer<Float>  // (V, D)
  let positionEmbeddings: UnsafeBufferPointer<Float>  // (P, D)
  let tokenTypeEmbeddings: UnsafeBufferPointer<Float>  // (2, D); every token is type 0
  let embeddingNormWeight: UnsafeBufferPointer<Float>  // (D)
  let embeddingNormBias: UnsafeBufferPointer<Float>  // (D)
  let layers: [MiniLMLayerWeights]
  /// The concatenated Q/K/V weights and biases of every layer, owned here.
  private let qkvStorage: UnsafeMutableBufferPointer<Float>

  init(file: SafetensorsFile, configuration c: MiniLMConfiguration) throws {
    self.file = file
    let d = c.hiddenSize
    wordEmbeddings = try file.floats(
      "embeddings.word_embeddings.weight", shape: [c.vocabularySize, d])
    positionEmbeddings = try file.floats(
      "embeddings.position_embeddings.weight", shape: [c.maximumPositions, d])
    tokenTypeEmbeddings = try file.floats(
      "embeddings.token_type_embeddings.weight", shape: [c.tokenTypeCount, d])
    embeddingNormWeight = try file.floats("embeddings.LayerNorm.weight", shape: [d])
    embeddingNormBias = try file.floats("embeddings.LayerNorm.bias", shape: [d])

    let perLayer = 3 * d * d + 3 * d
    let storage = UnsafeMutableBufferPointer<Float>.allocate(capacity: c.layerCount * perLayer)
    qkvStorage = storage
    do {
      layers = try Self.loadLayers(file: file, configuration: c, into: storage)
    } catch {
      storage.deallocate()
      throw error
    }
  }

  private static func loadLayers(
    file: SafetensorsFile, configuration c: MiniLMConfiguration,
    into storage: UnsafeMutableBufferPointer<Float>
  ) throws -> [MiniLMLayerWeights] {
    let d = c.hiddenSize
    let i = c.intermediateSize
    let perLayer = 3 * d * d + 3 * d
    return try (0..<c.layerCount).map { n in
      let p = "encoder.layer.\(n)."
      let weight = UnsafeMutableBufferPointer(
        rebasing: storage[(n * perLayer)..<(n * perLayer + 3 * d * d)])
      let bias = UnsafeMutableBufferPointer(
        rebasing: storage[(n * perLayer + 3 * d * d)..<((n + 1) * perLayer)])
      for (k, part) in ["query", "key", "value"].enumerated() {
        let w = try file.floats(p + "attention.self.\(part).weight", shape: [d, d])
        let b = try file.floats(p + "attention.self.\(part).bias", shape: [d])
        _ = UnsafeMutableBufferPointer(rebasing: weight[(k * d * d)..<((k + 1) * d * d)])
          .initialize(from: w)
        _ = UnsafeMutableBufferPointer(rebasing: bias[(k * d)..<((k + 1) * d)]).initialize(from: b)
      }
      return MiniLMLayerWeights(
        qkvWeight: UnsafeBufferPointer(weight),
        qkvBias: UnsafeBufferPointer(bias),
        attentionOutputWeight: try file.floats(p + "attention.output.dense.weight", shape: [d, d]),
        attentionOutputBias: try file.floats(p + "attention.output.dense.bias", shape: [d]),
        attentionNormWeight: try file.floats(p + "attention.output.LayerNorm.weight", shape: [d]),
        attentionNormBias: try file.floats(p + "attention.output.LayerNorm.bias", shape: [d]),
        intermediateWeight: try file.floats(p + "intermediate.dense.weight", shape: [i, d]),
        intermediateBias: try file.floats(p + "intermediate.dense.bias", shape: [i]),
        outputWeight: try file.floats(p + "output.dense.weight", shape: [d, i]),
        outputBias: try file.floats(p + "output.dense.bias", shape: [d]),
        outputNormWeight: try file.floats(p + "output.LayerNorm.weight", shape: [d]),
        outputNormBias: try file.floats(p + "output.LayerNorm.bias", shape: [d]))
    }
  }

  deinit {
    qkvStorage.deallocate()
  }
}
