import Foundation
import Testing

@testable import Generator

/// Tokenizers built from the real model files, once per test process.
enum RealTokenizers {
  static func load(_ url: URL) throws -> BPETokenizer {
    try CricqModelFiles.requireExists(url)
    return try BPETokenizer(file: GGUFFile(url: url))
  }
  static let qwen = Result { try load(CricqModelFiles.qwen) }
  static let smollm = Result { try load(CricqModelFiles.smollm) }
}

struct ReferenceTokenization: Decodable {
  let text: String
  let ids: [Int]
}

func referenceTokenizations(_ name: String) throws -> [ReferenceTokenization] {
  guard let url = Bundle.module.url(forResource: "tokenizer-\(name)", withExtension: "json", subdirectory: "Fixtures")
  else {
    throw CricqModelFiles.Missing(path: "Fixtures/tokenizer-\(name).json (scripts/fixtures/make_tokenizer_fixtures.py)")
  }
  return try JSONDecoder().decode([ReferenceTokenization].self, from: Data(contentsOf: url))
}

@Suite struct TokenizerTests {
  @Test("Qwen: chat-template control tokens are single tokens and the text round-trips")
  func qwenSpecialTokens() throws {
    let tokenizer = try RealTokenizers.qwen.get()
    #expect(tokenizer.preTokenizer == .qwen2)
    #expect(tokenizer.specialTokenID("<|im_end|>") == 151645)
    let text = "<|im_start|>user\nMost sixes by Müller in 2019/20?<|im_end|>\n"
    let ids = tokenizer.encode(text)
    #expect(ids.first == tokenizer.specialTokenID("<|im_start|>"))
    #expect(ids.contains(151645))
    #expect(tokenizer.decode(ids) == text)
    #expect(!tokenizer.encodeOrdinary("<|im_end|>").contains(151645))
  }

  @Test("digits: Qwen and SmolLM both split numbers into single digits")
  func digitsAreSingleTokens() throws {
    for tokenizer in [try RealTokenizers.qwen.get(), try RealTokenizers.smollm.get()] {
      let ids = tokenizer.encode("2019")
      #expect(ids.count == 4)
      #expect(tokenizer.decode(ids) == "2019")
    }
  }

  @Test("token ids match llama.cpp on the committed strings", arguments: ["qwen", "smollm"])
  func parityWithLlamaCpp(model: String) throws {
    let tokenizer = try (model == "qwen" ? RealTokenizers.qwen : RealTokenizers.smollm).get()
    let cases = try referenceTokenizations(model)
    #expect(cases.count >= 1000)
    var mismatches: [String] = []
    for reference in cases {
      let ids = tokenizer.encode(reference.text)
      if ids != reference.ids {
        mismatches.append("\(reference.text.debugDescription): expected \(reference.ids), found \(ids)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ; first: \(mismatches.prefix(5).joined(separator: "\n"))")
  }
}
