import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches an https source (e.g. https://cricsheet.org/downloads/odis_json.zip) to a temporary
/// file next to the database, returning its path. The caller deletes it after the import.
public enum Download {
  public static func fetch(_ address: String, into folder: URL) async throws -> String {
    guard let url = URL(string: address), url.scheme == "https" else {
      throw ImportError.download(address, "only https:// addresses are accepted")
    }
    let (temporary, response) = try await URLSession.shared.download(from: url)
    guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
      let code = (response as? HTTPURLResponse)?.statusCode ?? 0
      throw ImportError.download(address, "the server answered HTTP \(code), expected 200")
    }
    let name = url.lastPathComponent.isEmpty ? "download.zip" : url.lastPathComponent
    let destination = folder.appendingPathComponent(".download-\(getpid())-\(name)")
    try? FileManager.default.removeItem(at: destination)
    try FileManager.default.moveItem(at: temporary, to: destination)
    return destination.path
  }
}
