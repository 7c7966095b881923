import Foundation

extension DSLGenerator {
  /// The model and its tokenizer from one GGUF file (weights mapped, not copied; `packing`
  /// decodes some of them once more, for speed: `WeightPacking`).
  public convenience init(
    modelFile url: URL, contextCapacity: Int = 2048, packing: WeightPacking = .none
  ) throws {
    let file = try GGUFFile(url: url)
    self.init(
      model: try DecoderModel(file: file, packing: packing), tokenizer: try BPETokenizer(file: file),
      contextCapacity: contextCapacity)
  }
}
