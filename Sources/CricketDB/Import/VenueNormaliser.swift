/// Maps Cricsheet's venue strings to grounds (see corpus/aliases/venues.tsv for the rules).
struct VenueNormaliser {
  struct Ground {
    var name: String
    var city: String?
    var country: String?
    /// Cities seen in files for this ground, with counts (to pick one when venues.tsv has none).
    var cityCounts: [String: Int] = [:]
    var spellings: [String] = []
  }

  private let cityCountry: [String: String]
  private let listed: [String: AliasFiles.VenueEntry]
  /// Lower-cased "<name>@<city>" or "<name>" → canonical ground name.
  private let aliasToCanonical: [String: String]

  init(_ files: AliasFiles) {
    cityCountry = files.cityCountry
    var listed: [String: AliasFiles.VenueEntry] = [:]
    var aliases: [String: String] = [:]
    for entry in files.venues {
      listed[entry.name] = entry
      aliases[entry.name.lowercased()] = entry.name
      for alias in entry.aliases { aliases[alias.lowercased()] = entry.name }
    }
    self.listed = listed
    aliasToCanonical = aliases
  }

  /// The venue without trailing ", <known city>" parts.
  func stripped(_ venue: String) -> String {
    var name = venue.trimmingCharacters(in: .whitespaces)
    while let comma = name.lastIndex(of: ",") {
      let tail = name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces)
      guard cityCountry[tail] != nil else { break }
      name = name[..<comma].trimmingCharacters(in: .whitespaces)
    }
    return name
  }

  /// The canonical ground name for a venue as played.
  func canonicalName(venue: String, city: String?) -> String {
    let base = stripped(venue)
    if let city, let name = aliasToCanonical["\(base)@\(city)".lowercased()] { return name }
    if let name = aliasToCanonical[base.lowercased()] { return name }
    if let name = aliasToCanonical[venue.lowercased()] { return name }
    return base
  }

  func listedEntry(_ canonical: String) -> AliasFiles.VenueEntry? { listed[canonical] }

  func country(ofCity city: String) -> String? { cityCountry[city] }

  /// City and country for a ground: venues.tsv first, else its most common city.
  func place(of ground: Ground) -> (city: String?, country: String?) {
    if let entry = listed[ground.name] { return (entry.city, entry.country) }
    let city = ground.cityCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    return (city, city.flatMap { cityCountry[$0] })
  }
}

import Foundation
