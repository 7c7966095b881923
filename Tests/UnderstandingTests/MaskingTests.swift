import Testing

@testable import Understanding

@Test func masksPlayersYearsAndTeamsInOrderOfAppearance() throws {
  let q = try Fixture.get().understand("most sixes by Kohli in 2019 against Aussies")
  #expect(q.masked == "most sixes by <player1> in <year1> against <team1>")
  #expect(q.values == ["<player1>": "V Kohli", "<year1>": "2019", "<team1>": "Australia"])
  #expect(q.bindings.first?.span == SourceSpan(start: 14, end: 19, text: "Kohli"))
  #expect(q.ambiguities.isEmpty)
}

@Test func rangesDecadesAndRelativeYearsUseTheDataLastDate() throws {
  let linker = try Fixture.get()
  let range = linker.understand("best Test averages 2010-2014 min 1000 runs")
  #expect(range.masked == "best Test average from <year1> to <year2> min <num1> runs")
  #expect(range.values == ["<year1>": "2010", "<year2>": "2014", "<num1>": "1000"])
  let decade = linker.understand("most T20I runs in the 2010s")
  #expect(decade.masked == "most T20I runs from <year1> to <year2>")
  let relative = linker.understand("most Test wickets last year")
  #expect(relative.values["<year1>"] == String(linker.index.lastYear - 1))
  let season = linker.understand("Pujara runs in 2018/19")
  #expect(season.masked == "<player1> runs in <year1>/19")
  #expect(linker.understand("Shubman Gill IPL 2023 runs").values["<year1>"] == "2023")
}

@Test func cricketPhrasesAreNormalisedWithHints() throws {
  let q = try Fixture.get().understand("Bumrah econ in the powerplay in one-dayers, wkts and fifers")
  #expect(q.masked == "<player1> economy in the powerplay in ODI, wickets and five-wicket hauls")
  #expect(q.hints.formats == [.odi])
  #expect(q.hints.phases == [.powerplay])
  #expect(Phase.powerplay.overs(in: .odi) == 1...10)
  #expect(Phase.death.overs(in: .t20i) == 16...20)
  #expect(BattingOrder.openers.positions == 1...2)
}

@Test func ordinaryWordsDoNotBecomePlayers() throws {
  let linker = try Fixture.get()
  for question in [
    "Best bowling figures in 2019", "head to head record in Tests", "short ball dismissals",
    "most runs in a chase", "king of IPL sixes", "young players with most runs",
  ] {
    #expect(linker.understand(question).bindings.allSatisfy { $0.kind != .player }, "\(question)")
  }
  #expect(linker.understand("Best bowling figures by Head").values["<player1>"] == "TM Head")
  #expect(linker.understand("Hope ODI runs").values["<player1>"] == "SD Hope")
}

@Test func contextSettlesSurnamesAndCloseCallsAreAsked() throws {
  let linker = try Fixture.get()
  let odi = linker.understand("Sharma runs as opener in ODIs in 2019")
  #expect(odi.values["<player1>"] == "RG Sharma")
  #expect(odi.ambiguities.isEmpty)
  #expect(linker.understand("Smith Test average since 2015").values["<player1>"] == "SPD Smith")
  let bare = linker.understand("Yadav ipl wickets")
  #expect(bare.ambiguities.count == 1)
  #expect((bare.ambiguities.first?.candidates.count ?? 0) >= 2)
}

@Test func typosFirstNamesAndNicknamesLink() throws {
  let linker = try Fixture.get()
  let typo = linker.understand("Kohil centuries")
  #expect(typo.values["<player1>"] == "V Kohli")
  #expect(typo.bindings.first?.matchedBy == "fuzzy(1)")
  #expect(linker.understand("Richie Berrington T20I runs").values["<player1>"] == "RD Berrington")
  #expect(linker.understand("Boeta Dippenaar ODI runs").values == ["<player1>": "HH Dippenaar"])
  #expect(linker.understand("Universe Boss sixes").values["<player1>"] == "CH Gayle")
  #expect(linker.understand("most wkts at Lord's").masked == "most wickets at <venue1>")
}

@Test func unknownCapitalisedWordsAreReportedWithSuggestions() throws {
  let q = try Fixture.get().understand("runs by Zzyzx Kohli")
  #expect(q.values["<player1>"] == "V Kohli")
  #expect(q.unknownNames.map(\.span.text) == ["Zzyzx"])
}

@Test func dslBindingsUseTheDSLPlaceholderKinds() throws {
  let q = try Fixture.get().understand("top 5 run scorers for India in 2019")
  #expect(q.dslBindings.count == 3)
  #expect(q.masked == "top <num1> run scorers for <team1> in <year1>")
}

@Test func aTeamsOwnNameIsTheTeamNotAPlayerWhoSharesItAsASurname() throws {
  let linker = try Fixture.get()
  for question in ["Ireland ODI wins", "ireland odi record", "Ireland's wins in T20Is"] {
    let q = linker.understand(question)
    #expect(q.bindings.first?.kind == .team, "\(question)")
    #expect(q.bindings.first?.value == "Ireland", "\(question)")
  }
  // The player is still found by a name only he has.
  #expect(linker.understand("AJ Ireland ODI wickets").values["<player1>"] == "AJ Ireland")
}

@Test func everydayWordsAreNotNearMissesOfPlayers() throws {
  let linker = try Fixture.get()
  // "knock" was de Kock, "sides" Siddle, "cause" Carse, "clean" McLean: one letter away.
  let knock = linker.understand("how many runs did warner knock in 2019")
  #expect(knock.bindings.filter { $0.kind == .player }.map(\.value) == ["DA Warner"])
  let sides = linker.understand("which sides have the most wins at Lord's")
  #expect(!sides.bindings.contains { $0.kind == .player })
  #expect(!linker.understand("did rain cause a clean sweep").bindings.contains { $0.kind == .player })
  // A misspelt name is still a near miss.
  #expect(linker.understand("Tendulker odi runs").values["<player1>"] == "SR Tendulkar")
}
