import Foundation

/// The BERT hyper-parameters the encoder needs, read from the model's `config.json`.
public struct MiniLMConfiguration: Codable, Sendable, Equatable {
  public var hiddenSize = 384
  public var layerCount = 6
  public var headCount = 12
  public var intermediateSize = 1536
  public var layerNormEpsilon: Float = 1e-12
  public var vocabularySize = 30522
  public var maximumPositions = 512
  public var tokenTypeCount = 2
  public var hiddenActivation = "gelu"

  enum CodingKeys: String, CodingKey {
    case hiddenSize = "hidden_size"
    case layerCount = "num_hidden_layers"
    case headCount = "num_attention_heads"
    case intermediateSize = "intermediate_size"
    case layerNormEpsilon = "layer_norm_eps"
    case vocabularySize = "vocab_size"
    case maximumPositions = "max_position_embeddings"
    case tokenTypeCount = "type_vocab_size"
    case hiddenActivation = "hidden_act"
  }

  public var headSize: Int { hiddenSize / headCount }

  public init() {}

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
    layerCount = try c.decode(Int.self, forKey: .layerCount)
    headCount = try c.decode(Int.self, forKey: .headCount)
    intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
    layerNormEpsilon = try c.decode(Float.self, forKey: .layerNormEpsilon)
    vocabularySize = try c.decode(Int.self, forKey: .vocabularySize)
    maximumPositions = try c.decode(Int.self, forKey: .maximumPositions)
    tokenTypeCount = try c.decodeIfPresent(Int.self, forKey: .tokenTypeCount) ?? 2
    hiddenActivation = try c.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? "gelu"
  }

  /// Reads and checks `config.json`.
  public static func load(from url: URL) throws -> MiniLMConfiguration {
    let configuration: MiniLMConfiguration
    do {
      configuration = try JSONDecoder().decode(Self.self, from: Data(contentsOf: url))
    } catch {
      throw EncoderError("\(url.path): cannot read the BERT configuration: \(error)")
    }
    guard configuration.hiddenActivation == "gelu" else {
      throw EncoderError(
        "\(url.path): expected hidden_act \"gelu\", found \"\(configuration.hiddenActivation)\"")
    }
    guard configuration.headCount > 0, configuration.hiddenSize % configuration.headCount == 0
    else {
      throw EncoderError(
        "\(url.path): hidden_size \(configuration.hiddenSize) is not a multiple of "
          + "num_attention_heads \(configuration.headCount)")
    }
    return configuration
  }
}

public struct EncoderError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
