import Foundation
import Testing

@testable import CricketDB

@Suite struct EntityCatalogTests {
  static let catalog: Result<EntityCatalog, Error> = Result {
    try EntityCatalog.load(from: try RealDatabase.get())
  }
  let catalog: EntityCatalog
  init() throws { catalog = try Self.catalog.get() }

  private func firstPlayer(_ text: String) -> String? {
    catalog.lookup(text, kinds: [.player]).first?.entity.name
  }

  @Test func playersAreFoundByCricsheetNameSurnameInitialsAndFullName() {
    #expect(firstPlayer("V Kohli") == "V Kohli")
    #expect(firstPlayer("v. kohli") == "V Kohli")
    #expect(firstPlayer("Kohli") == "V Kohli")
    #expect(firstPlayer("Virat Kohli") == "V Kohli")
    #expect(firstPlayer("R Sharma") == "RG Sharma")
    #expect(firstPlayer("R.G. Sharma") == "RG Sharma")
    #expect(firstPlayer("de Villiers") == "AB de Villiers")
    #expect(firstPlayer("MSD") == "MS Dhoni")
    #expect(firstPlayer("Sachin") == "SR Tendulkar")
    #expect(firstPlayer("Dhoni") == "MS Dhoni")
    #expect(catalog.lookup("Virat Kohli").first?.via == .fullName)
  }

  @Test func anAmbiguousSurnameReturnsEveryoneMostMatchesFirst() {
    let sharmas = catalog.lookup("Sharma", kinds: [.player])
    #expect(sharmas.count > 5)
    #expect(sharmas.first?.entity.name == "RG Sharma")
    #expect(zip(sharmas, sharmas.dropFirst()).allSatisfy { $0.entity.matches >= $1.entity.matches })
  }

  @Test func aCricsheetNameSharedByTwoPlayersGivesBothWithUniqueNames() {
    let khans = catalog.lookup("Imran Khan", kinds: [.player])
    #expect(khans.count >= 2)
    #expect(Set(khans.map(\.entity.name)).count == khans.count)
    #expect(khans.dropFirst().allSatisfy { $0.entity.name.hasPrefix("Imran Khan (") })
  }

  @Test func cricsheetDisambiguatorsAreNotSurnames() {
    #expect(catalog.lookup("(3)").isEmpty)
    #expect(catalog.lookup("(2)").isEmpty)
  }

  @Test func aRenamedPlayerAnswersToBothNames() {
    let yousuf = catalog.lookup("Yousuf Youhana", kinds: [.player]).first?.entity
    #expect(yousuf?.name == "Mohammad Yousuf")
  }

  @Test func teamsVenuesAndCompetitionsAnswerToCommonNames() {
    #expect(catalog.lookup("Windies", kinds: [.team]).first?.entity.name == "West Indies")
    #expect(catalog.lookup("Proteas", kinds: [.team]).first?.entity.name == "South Africa")
    #expect(catalog.lookup("CSK", kinds: [.team]).first?.entity.name == "Chennai Super Kings")
    let rcb = Set(catalog.lookup("RCB", kinds: [.team]).map(\.entity.name))
    #expect(rcb == ["Royal Challengers Bangalore", "Royal Challengers Bengaluru"])
    #expect(catalog.lookup("MCG", kinds: [.venue]).first?.entity.name == "Melbourne Cricket Ground")
    #expect(catalog.lookup("Lords", kinds: [.venue]).first?.entity.name == "Lord's")
    #expect(catalog.lookup("Lord's, London", kinds: [.venue]).first?.entity.name == "Lord's")
    #expect(
      catalog.lookup("Eden Gardens", kinds: [.venue]).first?.entity.detail == "Kolkata, India")
    #expect(
      catalog.lookup("Chepauk", kinds: [.venue]).first?.entity.name == "MA Chidambaram Stadium")
    #expect(
      catalog.lookup("IPL", kinds: [.competition]).first?.entity.name == "Indian Premier League")
    #expect(
      catalog.lookup("World Cup", kinds: [.competition]).first?.entity.name
        == "ICC Cricket World Cup")
    #expect(
      catalog.lookup("T20 World Cup", kinds: [.competition]).first?.entity.name
        == "ICC Men's T20 World Cup")
  }

  @Test func misspellingsGetDidYouMeanSuggestions() {
    // "Kholi" is a listed alias (corpus/aliases/players.tsv); "Kolhi" is not.
    #expect(catalog.lookup("Kolhi").isEmpty)
    #expect(catalog.suggestions("Kolhi", kinds: [.player]).first?.entity.name == "V Kohli")
    #expect(catalog.suggestions("Tendulker", kinds: [.player]).first?.entity.name == "SR Tendulkar")
    #expect(
      catalog.suggestions("Wankhade", kinds: [.venue]).first?.entity.name == "Wankhede Stadium")
    #expect(catalog.suggestions("Austrlia", kinds: [.team]).first?.entity.name == "Australia")
    #expect(catalog.suggestions("zzzzzzzz").isEmpty)
  }

  @Test func extraAliasesCanBeAddedFromAPlayersFile() throws {
    var catalog = self.catalog
    #expect(catalog.lookup("The Run Machine").isEmpty)
    // Empty fields and name-only lines are tolerated in players files.
    let entries = try AliasFiles.parsePlayers(
      "# test\nV Kohli\tThe Run Machine\t\tRun Machine\nRG Sharma\nNobody Here\tX\n",
      file: "extra.tsv")
    #expect(entries.map(\.aliases) == [["The Run Machine", "Run Machine"], [], ["X"]])
    let unmatched = catalog.addPlayerAliases(entries)
    #expect(unmatched.map(\.name) == ["Nobody Here"])
    #expect(catalog.lookup("the run machine").first?.entity.name == "V Kohli")
  }

  @Test func namesNormaliseCaseAccentsDotsAndHyphens() {
    #expect(NameKey.normalise("  R.G.  Sharma ") == "rg sharma")
    #expect(NameKey.normalise("Lord's") == "lords")
    #expect(NameKey.normalise("Inzamam-ul-Haq") == "inzamam ul haq")
    #expect(NameKey.normalise("Sánchez") == "sanchez")
    #expect(NameKey.editDistance(Array("kholi".utf8), Array("kohli".utf8), limit: 3) == 1)
    #expect(NameKey.editDistance(Array("sharma".utf8), Array("verma".utf8), limit: 3) == 3)
    #expect(NameKey.editDistance(Array("abcdefgh".utf8), Array("zzzzzzzz".utf8), limit: 2) == 3)
  }
}

@Suite struct EntityCatalogLoadTests {
  @Test func loadingTheCatalogGivesEveryPlayerTeamVenueAndCompetition() throws {
    let database = try RealDatabase.get()
    let catalog = try EntityCatalog.load(from: database)
    let counts = Dictionary(grouping: catalog.entities, by: \.kind).mapValues(\.count)
    #expect(counts[.player] == (try database.int("SELECT COUNT(*) FROM players")))
    #expect(counts[.team] == (try database.int("SELECT COUNT(*) FROM teams")))
    #expect(counts[.venue] == (try database.int("SELECT COUNT(*) FROM venues")))
    #expect(
      counts[.competition] == (try database.int("SELECT COUNT(DISTINCT competition) FROM matches")))
  }
}
