import Foundation

/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, matching the model's
/// `tokenizer.json` (as run by the `tokenizers` package) token for token:
/// normalise (`BertNormalizer`) → split (`BertPreTokenizer`) → WordPiece each word →
/// truncate → `[CLS] … [SEP]`.
public struct WordPieceTokenizer: Sendable {
  /// Token id of each vocabulary entry (the line number in vocab.txt, from 0).
  let vocabulary: [String: Int32]
  public let classToken: Int32
  public let separatorToken: Int32
  public let unknownToken: Int32
  public let paddingToken: Int32
  /// Words longer than this many scalars become `[UNK]` without being split.
  let maximumWordLength = 100
  private let normalizer = BertNormalizer()
  private let preTokenizer = BertPreTokenizer()

  public var vocabularySize: Int { vocabulary.count }

  /// Reads `vocab.txt`: one token per line, the line number is the id.
  public init(vocabularyURL: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: vocabularyURL, encoding: .utf8)
    } catch {
      throw TokenizerError(
        path: vocabularyURL.path, reason: "cannot read the vocabulary as UTF-8 text: \(error)")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    var vocabulary: [String: Int32] = [:]
    vocabulary.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      let token = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
      if vocabulary[token] == nil { vocabulary[token] = Int32(index) }
    }
    func special(_ token: String) throws -> Int32 {
      guard let id = vocabulary[token] else {
        throw TokenizerError(
          path: vocabularyURL.path, reason: "the vocabulary has no \(token) token")
      }
      return id
    }
    self.vocabulary = vocabulary
    classToken = try special("[CLS]")
    separatorToken = try special("[SEP]")
    unknownToken = try special("[UNK]")
    paddingToken = try special("[PAD]")
  }

  /// Token ids for `text`: `[CLS]`, at most `maximumLength - 2` word pieces, `[SEP]`.
  public func encode(_ text: String, maximumLength: Int = 256) -> [Int32] {
    precondition(maximumLength >= 2, "maximumLength must leave room for [CLS] and [SEP]")
    var ids: [Int32] = [classToken]
    let limit = maximumLength - 1
    for word in preTokenizer.split(normalizer.normalize(text)) {
      appendPieces(of: word, to: &ids)
      if ids.count >= limit { break }
    }
    if ids.count > limit { ids.removeLast(ids.count - limit) }
    ids.append(separatorToken)
    return ids
  }

  /// Greedy longest-match-first WordPiece; a word with any unmatched part is one `[UNK]`.
  private func appendPieces(of word: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
    if word.count > maximumWordLength {
      ids.append(unknownToken)
      return
    }
    let firstPiece = ids.count
    var start = word.startIndex
    while start < word.endIndex {
      var end = word.endIndex
      var found: Int32? = nil
      while start < end {
        var piece = start == word.startIndex ? "" : "##"
        piece.unicodeScalars.append(contentsOf: word[start..<end])
        if let id = vocabulary[piece] {
          found = id
          break
        }
        end -= 1
      }
      guard let id = found else {
        ids.removeLast(ids.count - firstPiece)
        ids.append(unknownToken)
        return
      }
      ids.append(id)
      start = end
    }
  }
}

public struct TokenizerError: Error, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "\(path): \(reason)" }
}
