import Foundation
import Testing

@testable import DSL

/// The held-out test split (`corpus/test.jsonl`) and the abstention set
/// (`corpus/unanswerable.jsonl`); conventions in `corpus/README.md`.
private let categories = ["player", "leaderboard", "record", "team"]

private func testSplit() throws -> [CorpusPair] {
  try Corpus.load(Corpus.repositoryFolder().appendingPathComponent("test.jsonl"))
}

/// Content words of a question: lower case, letters and digits, possessive `'s` and function
/// words dropped, so "What are England's lowest Test totals?" and "lowest Test totals England"
/// compare equal.
private func contentWords(_ question: String) -> Set<String> {
  let functionWords: Set<String> = [
    "a", "an", "the", "in", "of", "by", "for", "to", "and", "or", "on", "at", "is", "are", "was",
    "has", "have", "had", "how", "many", "what", "whats", "who", "which", "did", "does", "do",
    "his", "her", "their", "it", "its", "s", "me", "all", "ever",
  ]
  let folded = question.lowercased().replacingOccurrences(of: "’", with: "'")
    .replacingOccurrences(of: "'s", with: " ")
  return Set(
    folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
      .filter { !functionWords.contains($0) })
}

/// Jaccard similarity of two questions' content words.
private func contentOverlap(_ a: String, _ b: String) -> Double {
  let x = contentWords(a)
  let y = contentWords(b)
  let union = x.union(y).count
  return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
}

/// One line of `corpus/unanswerable.jsonl`.
private struct UnanswerableQuestion: Decodable {
  var id: String
  var question: String
  var category: String
  var reason: String
}

@Suite struct TestSplitTests {
  @Test func everyTestPairParsesPrintsCanonicallyAndValidates() throws {
    let pairs = try testSplit()
    #expect(pairs.count >= 350)
    let names = try realExecutor().names
    for (offset, pair) in pairs.enumerated() {
      #expect(pair.id == String(format: "test-%03d", offset + 1), "ids run test-001, test-002, ...")
      #expect(pair.split == "test", "\(pair.id)")
      #expect(categories.contains(pair.tags.first ?? ""), "\(pair.id): first tag is the category")
      do {
        let query = try DSLParser.parse(pair.dsl)
        #expect(query.printed == pair.dsl, "\(pair.id): not canonical")
        try query.validate(against: names)
      } catch {
        Issue.record("\(pair.id): \(error)")
      }
    }
  }

  @Test func testIdsAndQuestionsAreUniqueAcrossTheCorpus() throws {
    let all = try Corpus.load(Corpus.repositoryFolder())
    let ids = all.map(\.id)
    #expect(Set(ids).count == ids.count, "an id is used twice")
    let questions = try testSplit().map { $0.question.lowercased() }
    #expect(Set(questions).count == questions.count, "a test question is repeated")
  }

  /// `cricq study` reads the first 200 items: each category's share there stays within five
  /// points of its share in the whole file, and the whole file keeps the planned mix.
  @Test func theFirstTwoHundredAreARepresentativeMix() throws {
    let pairs = try testSplit()
    func shares(_ items: ArraySlice<CorpusPair>) -> [String: Double] {
      var counts: [String: Double] = [:]
      for pair in items { counts[pair.tags.first ?? "", default: 0] += 1 }
      return counts.mapValues { $0 / Double(items.count) }
    }
    let whole = shares(pairs[...])
    let head = shares(pairs.prefix(200))
    let planned: [String: ClosedRange<Double>] = [
      "player": 0.40...0.50, "leaderboard": 0.25...0.35, "record": 0.12...0.20,
      "team": 0.07...0.13,
    ]
    for category in categories {
      let share = whole[category] ?? 0
      #expect(planned[category]?.contains(share) == true, "\(category): \(share) of the file")
      #expect(abs((head[category] ?? 0) - share) <= 0.05, "\(category) in the first 200")
    }
  }

  @Test func noTestQuestionParaphrasesATrainQuestion() throws {
    let train = try Corpus.load(Corpus.repositoryFolder()).filter { $0.split == "train" }
    #expect(!train.isEmpty)
    for pair in try testSplit() {
      for other in train {
        let overlap = contentOverlap(pair.question, other.question)
        #expect(
          overlap < 0.8,
          "\(pair.id) \"\(pair.question)\" is close to \(other.id) \"\(other.question)\"")
      }
    }
    // The measure sees through function words and possessives.
    #expect(
      contentOverlap("What are England's lowest Test totals?", "lowest Test totals England") == 1)
    #expect(contentOverlap("most sixes in IPL 2016", "fewest ducks in Tests") == 0)
  }

  @Test func theUnanswerableSetIsWellFormed() throws {
    let url = Corpus.repositoryFolder().appendingPathComponent("unanswerable.jsonl")
    // Without a `dsl` key the corpus loader leaves the file alone.
    #expect(!Corpus.isPairFile(url))
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let items = try lines.map {
      try JSONDecoder().decode(UnanswerableQuestion.self, from: Data($0.utf8))
    }
    #expect(items.count >= 35)
    #expect(Set(items.map(\.id)).count == items.count, "duplicate id")
    let known: Set<String> = [
      "women", "dates", "competition", "subjective", "off-topic", "not-in-data", "no-field",
      "not-expressible",
    ]
    var perCategory: [String: Int] = [:]
    for item in items {
      #expect(item.id.hasPrefix("unans-"), "\(item.id)")
      #expect(known.contains(item.category), "\(item.id): unknown category \(item.category)")
      #expect(!item.question.isEmpty && item.reason.count >= 10, "\(item.id): say why")
      perCategory[item.category, default: 0] += 1
    }
    #expect(perCategory.count == known.count, "every category has questions")
    let answerable = Set(try testSplit().map { $0.question.lowercased() })
    #expect(items.allSatisfy { !answerable.contains($0.question.lowercased()) })
  }
}
