import Testing

@testable import CricketDB

@Suite struct VenueNormaliserTests {
  let venues: VenueNormaliser
  init() throws { venues = VenueNormaliser(try Fixtures.aliases) }

  @Test func trailingCitiesAreCutAndSpellingsMerged() {
    #expect(venues.canonicalName(venue: "Lord's, London", city: "London") == "Lord's")
    #expect(venues.canonicalName(venue: "Lord's", city: "London") == "Lord's")
    #expect(
      venues.canonicalName(venue: "Kensington Oval, Bridgetown, Barbados", city: "Bridgetown")
        == "Kensington Oval")
    #expect(
      venues.canonicalName(venue: "Kensington Oval, Bridgetown", city: "Barbados")
        == "Kensington Oval")
    #expect(
      venues.canonicalName(venue: "MA Chidambaram Stadium, Chepauk, Chennai", city: "Chennai")
        == "MA Chidambaram Stadium")
    #expect(
      venues.canonicalName(venue: "Feroz Shah Kotla", city: "Delhi") == "Arun Jaitley Stadium")
    #expect(
      venues.canonicalName(venue: "M.Chinnaswamy Stadium", city: "Bengaluru")
        == "M Chinnaswamy Stadium")
    // A part that is not a city stays: it is part of the ground's name.
    #expect(
      venues.stripped("Civil Service Cricket Club, Stormont, Belfast")
        == "Civil Service Cricket Club, Stormont")
  }

  @Test func groundsSharingANameAreToldApartByCity() {
    #expect(
      venues.canonicalName(venue: "County Ground", city: "Taunton") == "County Ground, Taunton")
    #expect(
      venues.canonicalName(venue: "County Ground, Bristol", city: "Bristol")
        == "County Ground, Bristol")
    #expect(
      venues.canonicalName(venue: "National Stadium", city: "Karachi")
        == "National Stadium, Karachi")
    #expect(
      venues.canonicalName(venue: "National Stadium", city: "Hamilton")
        == "National Stadium, Hamilton")
    #expect(venues.listedEntry("National Stadium, Hamilton")?.country == "Bermuda")
  }

  @Test func anUnlistedGroundTakesTheCountryOfItsCity() {
    var ground = VenueNormaliser.Ground(name: "Somewhere Oval")
    ground.cityCounts = ["Galle": 3, "Colombo": 1]
    let place = venues.place(of: ground)
    #expect(place.city == "Galle")
    #expect(place.country == "Sri Lanka")
  }
}
