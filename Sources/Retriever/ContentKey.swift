import Foundation

/// FNV-1a 64 over a sequence of byte strings, each prefixed by its length so that
/// ["ab", "c"] and ["a", "bc"] differ. Not cryptographic: it keys on-disk caches, so that a
/// change to anything they were derived from is detected and the cache rebuilt.
public struct ContentKey: Sendable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public init(_ parts: [String]) {
    for part in parts { add(part) }
  }

  public mutating func add(_ text: String) {
    var text = text
    text.withUTF8 { add(bytes: $0) }
  }

  public mutating func add(_ data: Data) {
    data.withUnsafeBytes { add(bytes: $0.bindMemory(to: UInt8.self)) }
  }

  private mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
    var hash = value
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { $0.forEach(mix) }
    bytes.forEach(mix)
    value = hash
  }

  /// What identifies a file without reading it: path, size and modification time.
  public static func fileIdentity(_ url: URL) -> String {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
    return "\(url.path) \(size) \(modified)"
  }

  /// The running program's identity (path, size, modification time): caches of data derived by
  /// code, such as the linker's masking, are rebuilt after the program is rebuilt.
  public static var programIdentity: String {
    #if os(Linux)
      fileIdentity(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
    #else
      fileIdentity(Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
    #endif
  }
}
