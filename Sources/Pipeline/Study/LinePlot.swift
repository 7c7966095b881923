import Foundation

/// A line chart with error bars, written as a standalone SVG: categorical x positions (e.g. the
/// numbers of examples k, equally spaced), labelled axes with units, a legend, and 95 % intervals
/// drawn as error bars.
public struct LinePlot: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// One point per x category; nil where the cell was not measured.
    public var points: [Estimate?]
    public var dashed: Bool
    /// A CSS colour, or nil for the palette's colour at the series' position.
    public var color: String?

    public init(name: String, points: [Estimate?], dashed: Bool = false, color: String? = nil) {
      self.name = name
      self.points = points
      self.dashed = dashed
      self.color = color
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var xCategories: [String]
  public var series: [Series]
  /// Fixed y range, or nil to fit the data (with zero included when `includeZero`).
  public var yRange: ClosedRange<Double>?
  public var includeZero = true

  public init(
    title: String, xLabel: String, yLabel: String, xCategories: [String], series: [Series],
    yRange: ClosedRange<Double>? = nil
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xCategories = xCategories
    self.series = series
    self.yRange = yRange
  }

  public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

  public func svg(width: Double = 720, height: Double = 440) -> String {
    let left = 78.0
    let right = 190.0
    let top = 48.0
    let bottom = 64.0
    let plotW = width - left - right
    let plotH = height - top - bottom
    let range = yRange ?? fittedRange()
    let ticks = Self.niceTicks(range)
    let yLow = ticks.first ?? range.lowerBound
    let yHigh = ticks.last ?? range.upperBound
    let span = max(yHigh - yLow, 1e-12)
    func x(_ i: Int) -> Double {
      xCategories.count <= 1
        ? left + plotW / 2 : left + plotW * Double(i) / Double(xCategories.count - 1)
    }
    func y(_ v: Double) -> Double { top + plotH * (1 - (v - yLow) / span) }

    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(left + plotW / 2))" y="26" text-anchor="middle" font-size="16" \
      font-weight="bold">\(escape(title))</text>

      """
    for t in ticks {
      out += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(t)))\" "
      out += "y2=\"\(f(y(t)))\" stroke=\"#e4e4e4\"/>\n"
      out += "<text x=\"\(f(left - 8))\" y=\"\(f(y(t) + 4))\" text-anchor=\"end\" "
      out += "font-size=\"12\">\(Self.tickLabel(t))</text>\n"
    }
    for (i, c) in xCategories.enumerated() {
      out += "<line x1=\"\(f(x(i)))\" x2=\"\(f(x(i)))\" y1=\"\(f(top + plotH))\" "
      out += "y2=\"\(f(top + plotH + 5))\" stroke=\"black\"/>\n"
      out += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotH + 20))\" text-anchor=\"middle\" "
      out += "font-size=\"12\">\(escape(c))</text>\n"
    }
    out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" "
    out += "fill=\"none\" stroke=\"black\"/>\n"
    out += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 16))\" text-anchor=\"middle\" "
    out += "font-size=\"14\">\(escape(xLabel))</text>\n"
    out += "<text transform=\"translate(20 \(f(top + plotH / 2))) rotate(-90)\" "
    out += "text-anchor=\"middle\" font-size=\"14\">\(escape(yLabel))</text>\n"

    for (s, series) in series.enumerated() {
      let color = series.color ?? Self.palette[s % Self.palette.count]
      let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
      // Offset each series a little so overlapping error bars stay readable.
      let jitter = (Double(s) - Double(self.series.count - 1) / 2) * 4
      var path = ""
      for (i, point) in series.points.enumerated() {
        guard let p = point, p.mean.isFinite else { continue }
        path += (path.isEmpty ? "M" : " L") + "\(f(x(i) + jitter)) \(f(y(p.mean)))"
      }
      if !path.isEmpty {
        out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
      }
      for (i, point) in series.points.enumerated() {
        guard let p = point, p.mean.isFinite else { continue }
        let px = x(i) + jitter
        if p.low.isFinite && p.high.isFinite && p.high > p.low {
          out += "<line x1=\"\(f(px))\" x2=\"\(f(px))\" y1=\"\(f(y(p.low)))\" "
          out += "y2=\"\(f(y(p.high)))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
          for v in [p.low, p.high] {
            out += "<line x1=\"\(f(px - 4))\" x2=\"\(f(px + 4))\" y1=\"\(f(y(v)))\" "
            out += "y2=\"\(f(y(v)))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
          }
        }
        out += "<circle cx=\"\(f(px))\" cy=\"\(f(y(p.mean)))\" r=\"3.5\" fill=\"\(color)\"/>\n"
      }
      let ly = top + 12 + Double(s) * 22
      out += "<line x1=\"\(f(left + plotW + 16))\" x2=\"\(f(left + plotW + 40))\" "
      out += "y1=\"\(f(ly))\" y2=\"\(f(ly))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
      out += "<text x=\"\(f(left + plotW + 46))\" y=\"\(f(ly + 4))\" font-size=\"12\">"
      out += "\(escape(series.name))</text>\n"
    }
    let noteY = top + 12 + Double(series.count) * 22 + 8
    out += "<text x=\"\(f(left + plotW + 16))\" y=\"\(f(noteY))\" font-size=\"11\" "
    out += "fill=\"#555\">bars: 95 % bootstrap CI</text>\n"
    out += "</svg>\n"
    return out
  }

  func fittedRange() -> ClosedRange<Double> {
    var values: [Double] = []
    for s in series {
      for p in s.points.compactMap({ $0 }) {
        values += [p.mean, p.low, p.high].filter(\.isFinite)
      }
    }
    guard var low = values.min(), var high = values.max() else { return 0...1 }
    if includeZero {
      low = min(low, 0)
      high = max(high, 0)
    }
    if high - low < 1e-9 { high = low + 1 }
    return low...high
  }

  /// Five to ten round tick values covering `range`.
  static func niceTicks(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    let raw = span / 6
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let start = floor(range.lowerBound / step) * step
    var ticks: [Double] = []
    var t = start
    while t <= range.upperBound + step * 0.999 && ticks.count < 20 {
      ticks.append(t)
      t += step
    }
    return ticks
  }

  static func tickLabel(_ v: Double) -> String {
    if abs(v - v.rounded()) < 1e-9 { return String(Int(v.rounded())) }
    return String(format: "%.2f", v).replacingOccurrences(
      of: #"0+$"#, with: "", options: .regularExpression)
  }

  private func f(_ v: Double) -> String { String(format: "%.1f", v) }

  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
