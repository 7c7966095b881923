import Foundation

/// Per-row operations of the decoder on raw buffers (hot loops, no bounds checks).
enum Elementwise {
  /// out[t] = x[t] / sqrt(mean(x[t]²) + eps) * weight, for T rows of width E.
  static func rmsNorm(
    _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    rows T: Int, width E: Int, epsilon: Float
  ) {
    for t in 0..<T {
      let row = x + t * E
      var sum: Float = 0
      for i in 0..<E { sum += row[i] * row[i] }
      let scale = 1 / (sum / Float(E) + epsilon).squareRoot()
      let o = out + t * E
      for i in 0..<E { o[i] = row[i] * scale * weight[i] }
    }
  }

  /// x[t] += bias for T rows of width n.
  static func addBias(_ x: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, rows T: Int, width n: Int) {
    for t in 0..<T {
      let row = x + t * n
      for i in 0..<n { row[i] += bias[i] }
    }
  }

  /// x += y over n values.
  static func add(_ x: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) {
    for i in 0..<n { x[i] += y[i] }
  }

  /// gate = silu(gate) * up over n values.
  static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count n: Int) {
    for i in 0..<n {
      let g = gate[i]
      gate[i] = g / (1 + expf(-g)) * up[i]
    }
  }

  /// `swiGLU` split between `threads` threads when n is large (a batch: one exp per value).
  static func swiGLU(
    _ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count n: Int, threads: Int
  ) {
    guard threads > 1, n >= parallelWork else { return swiGLU(gate, up, count: n) }
    let (g, u) = (SendablePointer(pointer: gate), SendablePointer(pointer: UnsafeMutablePointer(mutating: up)))
    DispatchQueue.concurrentPerform(iterations: threads) { part in
      let begin = n * part / threads
      swiGLU(g.pointer + begin, u.pointer + begin, count: n * (part + 1) / threads - begin)
    }
  }

  /// Values below which a thread of its own costs more than it saves.
  static let parallelWork = 16_384

  /// Softmax of n scores in place (after scaling by `scale`).
  static func softmax(_ x: UnsafeMutablePointer<Float>, count n: Int, scale: Float) {
    var maximum = -Float.infinity
    for i in 0..<n { maximum = max(maximum, x[i] * scale) }
    var sum: Float = 0
    for i in 0..<n {
      let e = expf(x[i] * scale - maximum)
      x[i] = e
      sum += e
    }
    let inverse = 1 / sum
    for i in 0..<n { x[i] *= inverse }
  }
}

/// Rotary position embedding: cos/sin for each (position, frequency), applied to heads.
struct Rope {
  let halfDimension: Int
  let cosines: [Float]  // (T, D/2)
  let sines: [Float]  // (T, D/2)

  init(positions: Range<Int>, headDimension D: Int, base: Float) {
    halfDimension = D / 2
    var c = [Float](), s = [Float]()
    c.reserveCapacity(positions.count * D / 2)
    s.reserveCapacity(positions.count * D / 2)
    for p in positions {
      for i in 0..<(D / 2) {
        let theta = Float(p) * powf(base, -2 * Float(i) / Float(D))
        c.append(cosf(theta))
        s.append(sinf(theta))
      }
    }
    cosines = c
    sines = s
  }

  /// Rotates every head of T rows (row width heads × D).
  func apply(_ x: UnsafeMutablePointer<Float>, rows T: Int, heads: Int, style: DecoderConfig.RopeStyle) {
    let half = halfDimension
    cosines.withUnsafeBufferPointer { cb in
      sines.withUnsafeBufferPointer { sb in
        for t in 0..<T {
          let cosRow = cb.baseAddress! + t * half
          let sinRow = sb.baseAddress! + t * half
          for h in 0..<heads {
            let v = x + (t * heads + h) * 2 * half
            switch style {
            case .halves:
              for i in 0..<half {
                let a = v[i], b = v[i + half]
                v[i] = a * cosRow[i] - b * sinRow[i]
                v[i + half] = a * sinRow[i] + b * cosRow[i]
              }
            case .adjacentPairs:
              for i in 0..<half {
                let a = v[2 * i], b = v[2 * i + 1]
                v[2 * i] = a * cosRow[i] - b * sinRow[i]
                v[2 * i + 1] = a * sinRow[i] + b * cosRow[i]
              }
            }
          }
        }
      }
    }
  }
}
