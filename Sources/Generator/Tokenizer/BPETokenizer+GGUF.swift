extension BPETokenizer {
  /// The tokenizer stored in a GGUF file's `tokenizer.ggml.*` metadata.
  public init(file: GGUFFile) throws {
    let model = try file.string("tokenizer.ggml.model")
    guard model == "gpt2" else {
      throw TokenizerError(
        "expected tokenizer.ggml.model \"gpt2\" (byte-level BPE), found \(model.map { "\"\($0)\"" } ?? "none")")
    }
    let tokens = try file.require("tokenizer.ggml.tokens", file.stringArray)
    let types = try file.intArray("tokenizer.ggml.token_type") ?? Array(repeating: 1, count: tokens.count)
    try self.init(
      tokens: tokens,
      tokenTypes: types.map { Int32(truncatingIfNeeded: $0) },
      merges: try file.require("tokenizer.ggml.merges", file.stringArray),
      preTokenizer: try file.string("tokenizer.ggml.pre") ?? "none",
      bosID: try file.int("tokenizer.ggml.bos_token_id"),
      eosID: try file.int("tokenizer.ggml.eos_token_id"))
  }
}
