import Testing

@testable import Generator

@Suite struct PreTokenizerTests {
  func words(_ pre: PreTokenizer, _ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return pre.split(scalars).map { range in
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }
  }

  @Test("qwen2: a leading space or mark joins the letters after it; digits stand alone")
  func qwen2Words() {
    #expect(words(.qwen2, "Kohli's avg 2019/20") == ["Kohli", "'s", " avg", " ", "2", "0", "1", "9", "/", "2", "0"])
    #expect(words(.qwen2, "\"<player1>\"") == ["\"<", "player", "1", ">\""])
    #expect(words(.qwen2, "a  \n\n b") == ["a", "  \n\n", " b"])
    #expect(words(.qwen2, "x   y") == ["x", "  ", " y"])
    #expect(words(.qwen2, "end  ") == ["end", "  "])
    #expect(words(.qwen2, "WE'LL") == ["WE", "'LL"])
  }

  @Test("smollm: digits split first, then GPT-2 words that never look past a digit")
  func smollmWords() {
    #expect(words(.smollm, "in 2019 it's") == ["in", " ", "2", "0", "1", "9", " it", "'s"])
    #expect(words(.smollm, "IT'S") == ["IT", "'", "S"])
    #expect(words(.smollm, "a   b") == ["a", "  ", " b"])
    #expect(words(.smollm, "Müller, 東京!") == ["Müller", ",", " 東京", "!"])
  }
}
