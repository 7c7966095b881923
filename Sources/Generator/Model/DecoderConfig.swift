/// The shape of a qwen2 or llama decoder, read from GGUF metadata (`<arch>.*` keys).
public struct DecoderConfig: Sendable, Codable, Equatable {
  /// How RoPE pairs dimensions within a head.
  public enum RopeStyle: String, Sendable, Codable {
    /// Dimension i pairs with i + headDim/2 (qwen2, "NeoX").
    case halves
    /// Dimension 2i pairs with 2i+1 (llama GGUFs, whose Q/K rows were permuted at conversion).
    case adjacentPairs
  }

  public var architecture: String
  public var layerCount: Int
  /// Model width (E).
  public var embeddingLength: Int
  /// MLP inner width (F).
  public var feedForwardLength: Int
  public var headCount: Int
  public var kvHeadCount: Int
  /// Per-head width (D).
  public var headDimension: Int
  public var ropeBase: Float
  public var ropeStyle: RopeStyle
  public var rmsEpsilon: Float
  public var contextLength: Int
  public var vocabularySize: Int

  /// Width of the keys (and values) of one position: kvHeadCount × headDimension.
  public var kvWidth: Int { kvHeadCount * headDimension }
  /// Query heads per key/value head.
  public var groupSize: Int { headCount / kvHeadCount }

  public init(file: GGUFFile) throws {
    let arch = try file.require("general.architecture", file.string)
    let style: RopeStyle
    switch arch {
    case "qwen2": style = .halves
    case "llama": style = .adjacentPairs
    default:
      throw GGUFError.invalid("expected architecture qwen2 or llama, found \(arch)", offset: nil)
    }
    architecture = arch
    layerCount = try file.require("\(arch).block_count", file.int)
    embeddingLength = try file.require("\(arch).embedding_length", file.int)
    feedForwardLength = try file.require("\(arch).feed_forward_length", file.int)
    headCount = try file.require("\(arch).attention.head_count", file.int)
    kvHeadCount = try file.int("\(arch).attention.head_count_kv") ?? headCount
    headDimension = try file.int("\(arch).rope.dimension_count") ?? embeddingLength / headCount
    ropeBase = try file.float("\(arch).rope.freq_base") ?? 10_000
    ropeStyle = style
    rmsEpsilon = try file.require("\(arch).attention.layer_norm_rms_epsilon", file.float)
    contextLength = try file.int("\(arch).context_length") ?? 2048
    let embedding = try file.requireTensor("token_embd.weight")
    vocabularySize = try file.int("\(arch).vocab_size") ?? embedding.rowCount
    guard headCount % kvHeadCount == 0, headCount * headDimension == embeddingLength,
      headDimension % 2 == 0
    else {
      throw GGUFError.invalid(
        "expected heads × head size = width with whole groups, found \(headCount) heads, "
          + "\(kvHeadCount) KV heads, head size \(headDimension), width \(embeddingLength)",
        offset: nil)
    }
    guard embedding.rowCount == vocabularySize, embedding.rowLength == embeddingLength else {
      throw GGUFError.invalid(
        "expected token_embd.weight of shape [\(embeddingLength), \(vocabularySize)], found \(embedding.shape)",
        offset: nil)
    }
  }
}
