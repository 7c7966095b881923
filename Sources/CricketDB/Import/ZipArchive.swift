import CZlib
import Foundation

/// Reads the members of a zip file (as Cricsheet publishes them) into memory.
///
/// Layout used (PKWARE APPNOTE 6.3, little-endian throughout):
/// 1. End of central directory record (EOCD), within the last 65,557 bytes:
///    signature 0x06054b50, +10 u16 total entries, +12 u32 directory size,
///    +16 u32 directory offset, +20 u16 comment length.
/// 2. Central directory, one 46-byte header per member: signature 0x02014b50, +10 u16 method
///    (0 stored, 8 deflate), +16 u32 CRC-32, +20 u32 compressed size, +24 u32 uncompressed size,
///    +28 u16 name length, +30 u16 extra length, +32 u16 comment length, +42 u32 offset of the
///    local header; then the name, extra field and comment.
/// 3. Local header at that offset: signature 0x04034b50, +26 u16 name length, +28 u16 extra
///    length; the member's data follows the 30-byte header, name and extra field.
/// Zip64 (sizes or offsets of 0xFFFFFFFF) and encryption are not supported: Cricsheet's zips
/// need neither. Every read is checked against the file's length.
public struct ZipArchive: Sendable {
  public struct Entry: Sendable {
    public let name: String
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
  }

  public let path: String
  public let entries: [Entry]
  private let bytes: [UInt8]

  /// Members larger than this are refused: a match file is at most a few MB.
  public static let maxMemberSize = 256 << 20

  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ImportError.unreadable(path, "cannot read the file")
    }
    try self.init(path: path, bytes: [UInt8](data))
  }

  public init(path: String, bytes: [UInt8]) throws {
    self.path = path
    self.bytes = bytes
    let fail = { (reason: String) in ImportError.badZip(path, reason) }
    guard bytes.count >= 22 else {
      throw fail("the file is \(bytes.count) bytes, too short for a zip (at least 22)")
    }
    // The EOCD is the last record; a trailing comment of up to 65,535 bytes may follow it.
    var eocd = -1
    var position = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while position >= lowest {
      if Self.u32(bytes, position) == 0x0605_4b50 {
        eocd = position
        break
      }
      position -= 1
    }
    guard eocd >= 0 else { throw fail("no end-of-central-directory record (not a zip, or truncated)") }
    let count = Int(Self.u16(bytes, eocd + 10))
    let directorySize = Int(Self.u32(bytes, eocd + 12))
    let directoryOffset = Int(Self.u32(bytes, eocd + 16))
    guard directoryOffset != 0xFFFF_FFFF, count != 0xFFFF else { throw fail("zip64 is not supported") }
    guard directoryOffset + directorySize <= eocd else {
      throw fail("central directory at \(directoryOffset)+\(directorySize) runs past its end record at \(eocd)")
    }
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    var cursor = directoryOffset
    for index in 0..<count {
      guard cursor + 46 <= eocd, Self.u32(bytes, cursor) == 0x0201_4b50 else {
        throw fail("central directory entry \(index) at byte \(cursor) is damaged")
      }
      let nameLength = Int(Self.u16(bytes, cursor + 28))
      let extraLength = Int(Self.u16(bytes, cursor + 30))
      let commentLength = Int(Self.u16(bytes, cursor + 32))
      guard cursor + 46 + nameLength <= eocd else { throw fail("entry \(index)'s name runs past the directory") }
      let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
      let entry = Entry(
        name: name, method: Self.u16(bytes, cursor + 10), crc32: Self.u32(bytes, cursor + 16),
        compressedSize: Int(Self.u32(bytes, cursor + 20)),
        uncompressedSize: Int(Self.u32(bytes, cursor + 24)),
        localHeaderOffset: Int(Self.u32(bytes, cursor + 42)))
      entries.append(entry)
      cursor += 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
  }

  /// The uncompressed bytes of `entry`, CRC-checked.
  public func contents(of entry: Entry) throws -> [UInt8] {
    let fail = { (reason: String) in ImportError.badMember(entry.name, reason) }
    let header = entry.localHeaderOffset
    guard header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4b50 else {
      throw fail("no local header at byte \(header)")
    }
    let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
    guard start + entry.compressedSize <= bytes.count else {
      throw fail("data at \(start)+\(entry.compressedSize) runs past the end of the zip (\(bytes.count) bytes): truncated")
    }
    guard entry.uncompressedSize <= Self.maxMemberSize else {
      throw fail("declared size \(entry.uncompressedSize) bytes exceeds the limit of \(Self.maxMemberSize)")
    }
    var output: [UInt8]
    switch entry.method {
    case 0:
      guard entry.compressedSize == entry.uncompressedSize else {
        throw fail("stored member with different sizes (\(entry.compressedSize) vs \(entry.uncompressedSize))")
      }
      output = Array(bytes[start..<(start + entry.compressedSize)])
    case 8:
      output = try bytes.withUnsafeBufferPointer { buffer in
        try Inflater.inflateRaw(
          UnsafeBufferPointer(rebasing: buffer[start..<(start + entry.compressedSize)]),
          expectedSize: entry.uncompressedSize, name: entry.name)
      }
    default:
      throw fail("compression method \(entry.method) is not supported (expected 0 or 8)")
    }
    let crc = output.withUnsafeBufferPointer {
      UInt32(crc32(0, $0.baseAddress, uInt($0.count)))
    }
    guard crc == entry.crc32 else {
      throw fail(String(format: "CRC-32 is %08x but the directory says %08x", crc, entry.crc32))
    }
    return output
  }

  private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
    UInt16(b[i]) | UInt16(b[i + 1]) << 8
  }

  private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
  }
}

/// Raw DEFLATE (no zlib header) through zlib.
enum Inflater {
  static func inflateRaw(_ input: UnsafeBufferPointer<UInt8>, expectedSize: Int, name: String)
    throws -> [UInt8]
  {
    var stream = z_stream()
    // -15: raw deflate with a 32 KB window, as zip members are stored.
    var code = inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard code == Z_OK else { throw ImportError.badMember(name, "zlib could not start (code \(code))") }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: expectedSize)
    let produced = output.withUnsafeMutableBufferPointer { out -> Int in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      stream.next_out = out.baseAddress
      stream.avail_out = uInt(out.count)
      code = inflate(&stream, Z_FINISH)
      return out.count - Int(stream.avail_out)
    }
    guard code == Z_STREAM_END else {
      let reason = code == Z_BUF_ERROR
        ? "the data is truncated or larger than its declared \(expectedSize) bytes"
        : "the compressed data is damaged (zlib code \(code))"
      throw ImportError.badMember(name, reason)
    }
    guard produced == expectedSize else {
      throw ImportError.badMember(name, "inflated to \(produced) bytes, expected \(expectedSize)")
    }
    return output
  }
}
