import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only memory map of a whole file. The mapping lives as long as this object and is
/// unmapped in `deinit`; keep the object alive while any pointer into `bytes` is in use.
///
/// `@unchecked Sendable`: the mapping is read-only and never changes after `init`.
public final class MappedFile: @unchecked Sendable {
  public let url: URL
  /// The file's bytes; empty for an empty file.
  public let bytes: UnsafeRawBufferPointer

  public init(url: URL) throws {
    self.url = url
    let descriptor = open(url.path, O_RDONLY)
    guard descriptor >= 0 else {
      throw MappedFileError(
        path: url.path, reason: "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw MappedFileError(
        path: url.path, reason: "cannot stat: \(String(cString: strerror(errno)))")
    }
    let size = Int(status.st_size)
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
    guard let address, address != MAP_FAILED else {
      throw MappedFileError(
        path: url.path, reason: "cannot map: \(String(cString: strerror(errno)))")
    }
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }
}

public struct MappedFileError: Error, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "\(path): \(reason)" }
}
