/// Byte-level BPE tokenizer built from a GGUF vocabulary (`tokenizer.ggml.tokens`, `.merges`,
/// `.token_type`, `.pre`), matching llama.cpp's `tokenize(text, add_special: false,
/// parse_special: true)` token for token.
///
/// Stages: special tokens are cut out of the text first; the rest is split into words by the
/// pre-tokenizer; each word's UTF-8 bytes start as one symbol per byte and are merged by rank.
public struct BPETokenizer: Sendable {
  /// The GGUF `tokenizer.ggml.token_type` values.
  public enum TokenKind: Int32, Sendable {
    case undefined = 0, normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5,
      byte = 6
  }

  public let preTokenizer: PreTokenizer
  /// The bytes each token stands for. For control tokens this is their text (`<|im_end|>`).
  public let tokenBytes: [[UInt8]]
  public let tokenKinds: [TokenKind]
  public let bosID: Int?
  public let eosID: Int?

  /// Merge rank and result for a pair of token ids, keyed by `pairKey(left, right)`.
  private let merges: [UInt64: (rank: Int32, merged: Int32)]
  /// The token for each single byte, or -1.
  private let byteTokens: [Int32]
  /// Control and user-defined tokens cut out of text before BPE, longest first.
  private let specialTokens: [(bytes: [UInt8], id: Int32)]
  private let idsBySpecialText: [String: Int]

  public var vocabularySize: Int { tokenBytes.count }

  /// - Parameters:
  ///   - tokens: `tokenizer.ggml.tokens`, in the GPT-2 byte-to-unicode spelling ("Ġthe").
  ///   - tokenTypes: `tokenizer.ggml.token_type` (1 normal, 3 control, 4 user-defined, ...).
  ///   - merges: `tokenizer.ggml.merges`, "left right" in rank order.
  ///   - preTokenizer: `tokenizer.ggml.pre` ("qwen2" or "smollm").
  public init(
    tokens: [String], tokenTypes: [Int32], merges: [String], preTokenizer: String,
    bosID: Int? = nil, eosID: Int? = nil
  ) throws {
    guard let pre = PreTokenizer(rawValue: preTokenizer) else {
      throw TokenizerError(
        "expected pre-tokenizer "
          + PreTokenizer.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
          + ", found \"\(preTokenizer)\"")
    }
    guard tokenTypes.count == tokens.count else {
      throw TokenizerError(
        "expected one token type per token (\(tokens.count)), found \(tokenTypes.count)")
    }
    self.preTokenizer = pre
    self.bosID = bosID
    self.eosID = eosID

    var bytes: [[UInt8]] = []
    var kinds: [TokenKind] = []
    var specials: [(bytes: [UInt8], id: Int32)] = []
    var idsBySpecialText: [String: Int] = [:]
    bytes.reserveCapacity(tokens.count)
    kinds.reserveCapacity(tokens.count)
    for (index, text) in tokens.enumerated() {
      let kind = TokenKind(rawValue: tokenTypes[index]) ?? .undefined
      kinds.append(kind)
      switch kind {
      case .control, .userDefined, .unknown:
        // Stored as plain text in the file, and matched as such in the input.
        let raw = Array(text.utf8)
        bytes.append(raw)
        if !raw.isEmpty { specials.append((raw, Int32(index))) }
        idsBySpecialText[text] = index
      default:
        guard let decoded = ByteLevel.bytes(ofMappedUTF8: text.utf8) else {
          throw TokenizerError(
            "expected token \(index) in the byte-level alphabet, found \"\(text)\"")
        }
        bytes.append(decoded)
      }
    }
    let ordinary = TokenLookup(tokenBytes: bytes) {
      switch kinds[$0] {
      case .control, .userDefined, .unknown: false
      default: true
      }
    }

    // A byte with no token of its own (SmolLM2 has none for some control characters) is
    // dropped from the output, as llama.cpp drops it.
    var byteTokens = [Int32](repeating: -1, count: 256)
    for byte in 0..<256 {
      let single = [UInt8(byte)]
      byteTokens[byte] = ordinary.id(hash: TokenLookup.hash(single)) { bytes[Int($0)] == single } ?? -1
    }

    var table: [UInt64: (rank: Int32, merged: Int32)] = [:]
    table.reserveCapacity(merges.count)
    var left: [UInt8] = []
    var right: [UInt8] = []
    for (rank, merge) in merges.enumerated() {
      // "left right": the separator is the first space after the first character (the alphabet
      // maps the space byte to "Ġ", so a token never holds one).
      var text = merge
      let parsed = text.withUTF8 { buffer -> Bool in
        guard buffer.count >= 3, let space = buffer[1...].firstIndex(of: 0x20) else { return false }
        return ByteLevel.decode(mappedUTF8: buffer[..<space], into: &left)
          && ByteLevel.decode(mappedUTF8: buffer[(space + 1)...], into: &right)
      }
      guard parsed else {
        throw TokenizerError("expected merge \(rank) as \"left right\", found \"\(merge)\"")
      }
      // A merge whose parts or result are not tokens can never apply; llama.cpp would fall back
      // to single bytes for such a result, which no shipped vocabulary needs.
      let leftHash = TokenLookup.hash(left)
      guard let l = ordinary.id(hash: leftHash, matches: { bytes[Int($0)] == left }),
        let r = ordinary.id(hash: TokenLookup.hash(right), matches: { bytes[Int($0)] == right }),
        let m = ordinary.id(
          hash: TokenLookup.hash(right, seed: leftHash),
          matches: {
            let candidate = bytes[Int($0)]
            return candidate.count == left.count + right.count && candidate.starts(with: left)
              && candidate[left.count...].elementsEqual(right)
          })
      else { continue }
      let key = Self.pairKey(l, r)
      if table[key] == nil { table[key] = (Int32(rank), m) }
    }

    self.tokenBytes = bytes
    self.tokenKinds = kinds
    self.merges = table
    self.byteTokens = byteTokens
    self.specialTokens = specials.sorted { $0.bytes.count > $1.bytes.count }
    self.idsBySpecialText = idsBySpecialText
  }

  /// The id of a control or user-defined token such as `<|im_end|>`.
  public func specialTokenID(_ text: String) -> Int? { idsBySpecialText[text] }

  /// Token ids for `text`, with control tokens written in it (`<|im_start|>`) read as those
  /// tokens. No BOS is added.
  public func encode(_ text: String) -> [Int] {
    var output: [Int] = []
    for fragment in splitSpecial(Array(text.utf8)) {
      switch fragment {
      case .token(let id): output.append(Int(id))
      case .text(let bytes): encodeOrdinary(bytes, into: &output)
      }
    }
    return output
  }

  /// Token ids for `text` with no special-token parsing: "<|im_end|>" becomes ordinary tokens.
  public func encodeOrdinary(_ text: String) -> [Int] {
    var output: [Int] = []
    encodeOrdinary(Array(text.utf8), into: &output)
    return output
  }

  /// The text of `ids`; bytes that do not form valid UTF-8 become U+FFFD.
  public func decode<S: Sequence<Int>>(_ ids: S) -> String {
    var bytes: [UInt8] = []
    for id in ids where tokenBytes.indices.contains(id) { bytes.append(contentsOf: tokenBytes[id]) }
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: - Stages

  private enum Fragment {
    case token(Int32)
    case text([UInt8])
  }

  /// Cuts special tokens out of the text, longest token first over every remaining text
  /// fragment, as llama.cpp does.
  private func splitSpecial(_ bytes: [UInt8]) -> [Fragment] {
    var fragments: [Fragment] = [.text(bytes)]
    for special in specialTokens {
      var next: [Fragment] = []
      next.reserveCapacity(fragments.count)
      for fragment in fragments {
        guard case .text(let text) = fragment else {
          next.append(fragment)
          continue
        }
        var start = 0
        var i = 0
        let pattern = special.bytes
        while i + pattern.count <= text.count {
          if text[i] == pattern[0], text[i..<i + pattern.count].elementsEqual(pattern) {
            if start < i { next.append(.text(Array(text[start..<i]))) }
            next.append(.token(special.id))
            i += pattern.count
            start = i
          } else {
            i += 1
          }
        }
        if start < text.count { next.append(.text(Array(text[start...]))) }
      }
      fragments = next
    }
    return fragments
  }

  private func encodeOrdinary(_ bytes: [UInt8], into output: inout [Int]) {
    guard !bytes.isEmpty else { return }
    let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    // UTF-8 offsets of each scalar, so words map back to byte ranges.
    var offsets = [Int](repeating: 0, count: scalars.count + 1)
    for (index, scalar) in scalars.enumerated() {
      offsets[index + 1] = offsets[index] + UTF8.width(scalar)
    }
    let utf8 = offsets.last == bytes.count ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    var symbols: [Symbol] = []
    var queue = MergeQueue()
    for word in preTokenizer.split(scalars) {
      mergeWord(utf8[offsets[word.lowerBound]..<offsets[word.upperBound]], &symbols, &queue)
      for symbol in symbols where symbol.id >= 0 { output.append(Int(symbol.id)) }
    }
  }

  /// One symbol of a word being merged: a token id, and links to its live neighbours.
  private struct Symbol {
    var id: Int32
    var previous: Int32
    var next: Int32
  }

  /// Merges one word's bytes into tokens, best-ranked pair first (see `MergeCandidate`).
  private func mergeWord(_ word: ArraySlice<UInt8>, _ symbols: inout [Symbol], _ queue: inout MergeQueue) {
    symbols.removeAll(keepingCapacity: true)
    queue.removeAll()
    let count = Int32(word.count)
    for (index, byte) in word.enumerated() {
      let i = Int32(index)
      symbols.append(Symbol(id: byteTokens[Int(byte)], previous: i - 1, next: i + 1 < count ? i + 1 : -1))
    }
    func consider(_ left: Int32, _ right: Int32) {
      guard left >= 0, right >= 0 else { return }
      let l = symbols[Int(left)].id
      let r = symbols[Int(right)].id
      guard let merge = merges[Self.pairKey(l, r)] else { return }
      queue.push(MergeCandidate(rank: merge.rank, left: left, right: right, leftID: l, rightID: r))
    }
    for i in 1..<max(1, count) { consider(i - 1, i) }
    while let candidate = queue.pop() {
      let left = Int(candidate.left)
      let right = Int(candidate.right)
      // Stale when either side has changed since the candidate was queued.
      guard symbols[left].id == candidate.leftID, symbols[right].id == candidate.rightID,
        symbols[left].next == candidate.right
      else { continue }
      guard let merge = merges[Self.pairKey(candidate.leftID, candidate.rightID)] else { continue }
      symbols[left].id = merge.merged
      symbols[left].next = symbols[right].next
      symbols[right].id = -1
      symbols[right].next = -1
      if symbols[left].next >= 0 { symbols[Int(symbols[left].next)].previous = candidate.left }
      consider(symbols[left].previous, candidate.left)
      consider(candidate.left, symbols[left].next)
    }
  }

  private static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
  }
}
