/// Token ids by their bytes: an open-addressing table of FNV-1a hashes, each hit checked against
/// the token's bytes. Faster to build and query than a Dictionary keyed by strings or arrays, and
/// the hash of a concatenation continues from the hash of its first part, so a merge's result is
/// found without building it.
struct TokenLookup {
  private var slots: [Int32]
  private let mask: Int

  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// The FNV-1a hash of `bytes`, continuing from `seed`.
  @inline(__always)
  static func hash<C: Sequence<UInt8>>(_ bytes: C, seed: UInt64 = offsetBasis) -> UInt64 {
    var h = seed
    for byte in bytes {
      h ^= UInt64(byte)
      h &*= 0x100_0000_01b3
    }
    return h
  }

  /// A table of the tokens where `include` holds; of tokens with equal bytes the last wins.
  init(tokenBytes: [[UInt8]], include: (Int) -> Bool) {
    var capacity = 1
    while capacity < tokenBytes.count * 2 { capacity <<= 1 }
    slots = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    for id in tokenBytes.indices where include(id) {
      let bytes = tokenBytes[id]
      var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
      while slots[slot] >= 0, tokenBytes[Int(slots[slot])] != bytes { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }

  /// The id whose bytes hash to `hash` and satisfy `matches`.
  @inline(__always)
  func id(hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      if matches(slots[slot]) { return slots[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }
}
