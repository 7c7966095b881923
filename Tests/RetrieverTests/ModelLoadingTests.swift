import Foundation
import Testing

@testable import Retriever

@Suite("Loading the model: clear errors for missing or mismatched files")
struct ModelLoadingTests {
  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test("an empty folder names the missing config.json")
  func missingConfiguration() throws {
    let folder = try temporaryDirectory()
    let text = message { _ = try SentenceEmbedder(modelDirectory: folder) }
    #expect(text.contains(folder.appendingPathComponent("config.json").path), "\(text)")
    #expect(text.contains("cannot read the BERT configuration"), "\(text)")
  }

  @Test("a vocabulary that disagrees with config.json is rejected")
  func vocabularyMismatch() throws {
    let source = try modelDirectory()
    let folder = try temporaryDirectory()
    try FileManager.default.copyItem(
      at: source.appendingPathComponent(MiniLMFiles.configuration),
      to: folder.appendingPathComponent(MiniLMFiles.configuration))
    try "[PAD]\n[UNK]\n[CLS]\n[SEP]\nwicket\n".write(
      to: folder.appendingPathComponent(MiniLMFiles.vocabulary), atomically: true, encoding: .utf8)
    let text = message { _ = try SentenceEmbedder(modelDirectory: folder) }
    #expect(text.hasSuffix("vocab.txt has 5 tokens, config.json says 30522"), "\(text)")
  }

  @Test("a vocabulary without [CLS] is rejected by name")
  func missingSpecialToken() throws {
    let folder = try temporaryDirectory()
    let url = folder.appendingPathComponent("vocab.txt")
    try "[PAD]\n[UNK]\n[SEP]\n".write(to: url, atomically: true, encoding: .utf8)
    let text = message { _ = try WordPieceTokenizer(vocabularyURL: url) }
    #expect(text == "\(url.path): the vocabulary has no [CLS] token")
  }

  @Test("maximumTokens outside 2...512 is rejected")
  func tokenLimit() throws {
    let directory = try modelDirectory()
    let text = message { _ = try SentenceEmbedder(modelDirectory: directory, maximumTokens: 600) }
    #expect(text == "maximumTokens must be between 2 and 512, found 600")
  }

  @Test("a vocabulary line that is not UTF-8 is reported by number")
  func invalidUTF8() throws {
    let url = try temporaryDirectory().appendingPathComponent("vocab.txt")
    try Data(Array("[PAD]\n[UNK]\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("[CLS]\n".utf8)).write(
      to: url)
    let text = message { _ = try WordPieceTokenizer(vocabularyURL: url) }
    #expect(text == "\(url.path): line 3 is not valid UTF-8")
  }
}
