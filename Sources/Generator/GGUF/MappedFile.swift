import Foundation

/// A whole file mapped read-only; unmapped in deinit.
final class MappedFile: @unchecked Sendable {
  // @unchecked Sendable: the mapping is PROT_READ and never changes.
  let base: UnsafeRawPointer
  let count: Int

  init(url: URL) throws {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else {
      throw GGUFError.io(
        "expected a readable file at \(url.path), found errno \(errno) (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw GGUFError.io("expected to stat \(url.path), found errno \(errno)")
    }
    let size = Int(info.st_size)
    guard size > 0 else {
      throw GGUFError.truncated(expected: "a GGUF header in \(url.path)", found: 0)
    }
    guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
      pointer != MAP_FAILED
    else {
      throw GGUFError.io("expected to map \(size) bytes of \(url.path), found errno \(errno)")
    }
    base = UnsafeRawPointer(pointer)
    count = size
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: base), count)
  }
}
