import Foundation
import Testing

@testable import CricketDB

@Test func databaseLivesUnderCricqHome() {
  #expect(CricqPaths.database.lastPathComponent == "cricket.sqlite")
  #expect(CricqPaths.database.deletingLastPathComponent() == CricqPaths.home)
}
