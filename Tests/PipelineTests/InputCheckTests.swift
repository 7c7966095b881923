import Testing

@testable import Pipeline

/// Input that is not a question is refused with a reason, before linking or any model run.
struct InputCheckTests {
  @Test func emptyAndBlankQuestionsAreRefused() {
    for text in ["", "   ", "\n\t "] {
      #expect(InputCheck.reason(text)?.hasPrefix("the question is empty") == true)
    }
  }

  @Test func aDocumentIsRefusedWithItsLength() {
    let text = String(repeating: "kohli runs ", count: 1000)
    #expect(InputCheck.reason(text)?.contains("10999 characters") == true)
  }

  @Test func controlAndUndecodableBytesAreNotText() {
    #expect(InputCheck.reason("kohli runs \u{1B}[2J") != nil)
    #expect(InputCheck.reason("kohli \u{FFFD}\u{FFFD} runs") != nil)
    let junk = String(decoding: [0x69, 0xFF, 0xFE, 0x00, 0x8F, 0x71], as: UTF8.self)
    #expect(InputCheck.reason(junk)?.contains("not text") == true)
  }

  @Test func otherScriptsAreRefusedLatinNamesAreNot() {
    #expect(InputCheck.reason("谁在2019年得分最多")?.contains("English") == true)
    #expect(InputCheck.reason("кто забил больше всех")?.contains("English") == true)
    for question in [
      "most sixes by an opener in 2019", "Méndez ODI runs", "Muralitharan wickets at Galle",
      "'; DROP TABLE matches; --", "kohli avg in 2016-17?",
    ] {
      #expect(InputCheck.reason(question) == nil, "\(question)")
    }
  }
}
