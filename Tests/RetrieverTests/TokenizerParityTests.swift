import Foundation
import Testing

@testable import Retriever

@Suite("WordPiece tokenizer parity with the tokenizers package")
struct TokenizerParityTests {
  struct Record: Decodable {
    let text: String
    let ids: [Int32]
  }

  @Test("token ids are identical on every fixture string")
  func parity() throws {
    let tokenizer = try WordPieceTokenizer(
      vocabularyURL: modelDirectory().appendingPathComponent(MiniLMFiles.vocabulary))
    let records = try decodeFixture([Record].self, "tokenizer-parity.json")
    #expect(records.count >= 1000)
    var mismatches: [String] = []
    for record in records {
      let ids = tokenizer.encode(record.text)
      if ids != record.ids {
        let text = record.text.debugDescription.prefix(80)
        mismatches.append("\(text): \(ids.prefix(20)) vs \(record.ids.prefix(20))")
      }
    }
    #expect(
      mismatches.isEmpty,
      "\(mismatches.count) mismatches:\n\(mismatches.prefix(15).joined(separator: "\n"))")
  }

  @Test("empty text is [CLS] [SEP]; a long text is cut to 256 ids ending in [SEP]")
  func specialsAndTruncation() throws {
    let tokenizer = try WordPieceTokenizer(
      vocabularyURL: modelDirectory().appendingPathComponent(MiniLMFiles.vocabulary))
    #expect(tokenizer.encode("") == [101, 102])
    let long = tokenizer.encode(String(repeating: "wicket ", count: 400))
    #expect(long.count == 256)
    #expect(long.first == 101 && long.last == 102)
  }
}
