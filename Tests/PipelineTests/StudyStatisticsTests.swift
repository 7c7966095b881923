import Foundation
import Testing

@testable import Pipeline

@Test func bootstrapIntervalBracketsTheMeanAndRepeatsForASeed() {
  let values = (0..<200).map { Double($0 % 3 == 0 ? 1 : 0) }
  let a = Bootstrap.meanInterval(values, seed: 7)
  let b = Bootstrap.meanInterval(values, seed: 7)
  #expect(a == b)
  #expect(abs(a.mean - 67.0 / 200) < 1e-12)
  #expect(a.low < a.mean && a.mean < a.high)
  // Binomial standard error ≈ 0.033: the 95 % interval is about ±0.065 wide.
  #expect(a.high - a.low > 0.08 && a.high - a.low < 0.18)
}

@Test func bootstrapOfOneValueHasNoWidth() {
  let e = Bootstrap.meanInterval([2.5, 2.5, 2.5])
  #expect(e.low == 2.5 && e.high == 2.5)
}

@Test func csvRoundTripsQuotesCommasAndLineBreaks() {
  let rows = [["q", "dsl"], ["most \"sixes\", 2019", "top 5 batters\nby sixes"], ["", "x"]]
  let text = rows.map(CSV.line).joined()
  #expect(CSV.parse(text) == rows)
}

@Test func csvDropsARowCutOffInsideAQuote() {
  #expect(CSV.parse("a,b\n1,\"unterminated") == [["a", "b"]])
}

@Test func plotHasAxisLabelsLegendAndErrorBars() {
  let plot = LinePlot(
    title: "Entropy vs k", xLabel: "examples in the prompt (k)", yLabel: "entropy (bits/token)",
    xCategories: ["0", "2", "8"],
    series: [
      .init(
        name: "retrieved",
        points: [
          Estimate(mean: 2.8, low: 2.5, high: 3.0, count: 10), nil,
          Estimate(mean: 0.4, low: 0.3, high: 0.5, count: 10),
        ])
    ])
  let svg = plot.svg()
  #expect(svg.contains("examples in the prompt (k)"))
  #expect(svg.contains("entropy (bits/token)"))
  #expect(svg.contains(">retrieved</text>"))
  #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
  #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
}

@Test func ticksAreRoundAndCoverTheRange() {
  let ticks = LinePlot.niceTicks(0...0.93)
  #expect(ticks.first == 0)
  #expect((ticks.last ?? 0) >= 0.93)
  #expect(ticks.count >= 4 && ticks.count <= 12)
}

@Test func exactPosteriorIsCertainOnceTheMeasureWasShown() {
  let words = ["zorp", "blick", "fep", "dax"]
  let p = WindTunnelPosterior.exact(
    words: words, shown: [("runs", "fep"), ("sixes", "zorp")], queried: "runs")
  #expect(p == [0, 0, 1, 0])
}

@Test func exactPosteriorIsUniformOverUnusedWordsOtherwise() {
  let words = ["zorp", "blick", "fep", "dax"]
  let p = WindTunnelPosterior.exact(
    words: words, shown: [("runs", "fep"), ("runs", "fep")], queried: "wickets")
  let third: Double = 1.0 / 3
  let expected: [Double] = [third, third, 0, third]
  #expect(p == expected)
  #expect(abs(InformationMeasures.entropyBits(p) - log2(3)) < 1e-12)
}

@Test func klIsZeroForEqualAndPositiveOtherwise() {
  let p = [0.5, 0.5, 0]
  #expect(InformationMeasures.klBits(p, p) == 0)
  #expect(abs(InformationMeasures.klBits(p, [0.25, 0.75, 0]) - 0.2075187496) < 1e-9)
  #expect(InformationMeasures.klBits([1, 0], [0, 1]) == .infinity)
}
