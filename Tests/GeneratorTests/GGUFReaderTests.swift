import Foundation
import Testing

@testable import Generator

@Suite struct GGUFReaderTests {
  @Test func readsMetadataOfEveryKindAndTheTensorTable() throws {
    let url = try SyntheticGGUF.write(SyntheticGGUF.sample(), name: "sample")
    defer { try? FileManager.default.removeItem(at: url) }
    let file = try GGUFFile(url: url)
    #expect(file.version == 3)
    #expect(try file.string("general.architecture") == "llama")
    #expect(try file.float("llama.rope.freq_base") == 10000)
    #expect(try file.int("tokenizer.ggml.bos_token_id") == 0)
    #expect(try file.bool("tokenizer.ggml.add_bos_token") == true)
    #expect(try file.stringArray("tokenizer.ggml.tokens") == ["<s>", "Ġthe", "é"])
    #expect(try file.intArray("tokenizer.ggml.token_type") == [3, 1, 1])
    #expect(try file.string("missing") == nil)
    let nested = try #require(try file.array("nested")).values()
    #expect(nested.count == 2)
    if case .array(let inner) = nested[1] { #expect(try inner.strings() == ["a", "bc"]) }
    #expect(throws: GGUFError.self) { try file.string("general.alignment") }

    let weights = try #require(file.tensor(named: "weights"))
    #expect(weights.type == .f32 && weights.shape == [3, 2] && weights.rowCount == 2)
    let floats = (0..<6).map { weights.data.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
    #expect(floats == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5])
    let q = try #require(file.tensor(named: "quantised"))
    #expect(q.type == .q8_0 && q.byteRange.count == 34)
    #expect(q.byteRange.lowerBound == weights.byteRange.lowerBound + 32)
  }

  @Test func everyTruncationFailsWithWhatWasExpected() throws {
    let bytes = SyntheticGGUF.sample()
    // Cut the file at every length short of complete: each must throw, never crash.
    for length in stride(from: 0, to: bytes.count, by: 1) {
      let url = try SyntheticGGUF.write(Array(bytes[..<length]), name: "cut")
      defer { try? FileManager.default.removeItem(at: url) }
      do {
        _ = try GGUFFile(url: url)
        Issue.record("a file cut to \(length) of \(bytes.count) bytes was accepted")
      } catch let error as GGUFError {
        #expect(error.description.contains("expected"), "\(error)")
      }
    }
  }

  @Test func corruptFieldsNameWhatWasFound() throws {
    func error(patching offset: Int, with patch: [UInt8]) throws -> String {
      var bytes = SyntheticGGUF.sample()
      bytes.replaceSubrange(offset..<(offset + patch.count), with: patch)
      let url = try SyntheticGGUF.write(bytes, name: "patched")
      defer { try? FileManager.default.removeItem(at: url) }
      do {
        _ = try GGUFFile(url: url)
        return "accepted"
      } catch { return "\(error)" }
    }
    #expect(try error(patching: 0, with: Array("GGUG".utf8)).contains("expected magic"))
    #expect(try error(patching: 4, with: [7]) == "GGUF: expected GGUF version 2 or 3, found 7 (at byte 4)")
    // The first key's value type sits after magic, version, counts and the 20-byte key string.
    let typeAt = 4 + 4 + 8 + 8 + 8 + "general.architecture".utf8.count
    #expect(
      try error(patching: typeAt, with: [42])
        == "GGUF: expected a value type 0...12 for type of general.architecture, found 42 (at byte \(typeAt))")
    // A huge string length is refused before anything is read.
    #expect(try error(patching: 24, with: [0xFF, 0xFF, 0xFF, 0x7F]).contains("expected length of metadata key of at most"))
  }

  @Test func readsTheRealQwenFile() throws {
    let url = CricqModelFiles.qwen
    try CricqModelFiles.requireExists(url)
    let file = try GGUFFile(url: url)
    #expect(try file.string("general.architecture") == "qwen2")
    #expect(try file.int("qwen2.block_count") == 24)
    #expect(try file.string("tokenizer.ggml.pre") == "qwen2")
    let tokens = try #require(try file.stringArray("tokenizer.ggml.tokens"))
    #expect(tokens.count == 151_936)
    #expect(tokens[151_645] == "<|im_end|>")
    #expect(try file.stringArray("tokenizer.ggml.merges")?.count == 151_387)
    let embedding = try #require(file.tensor(named: "token_embd.weight"))
    #expect(embedding.shape == [896, 151_936])
    #expect(file.tensors.last!.byteRange.upperBound <= file.byteCount)
  }
}
