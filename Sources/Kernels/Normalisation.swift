// Dimension letters: R rows (tokens), D the normalised dimension (hidden size).
// Both kernels may run in place (`output` and `input` the same buffer).

extension Kernels {
  /// Layer norm over each row: `(x - mean) / sqrt(variance + eps) · weight + bias`.
  /// - output, input: (R, D); weight, bias: (D)
  public static func layerNorm(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>,
    weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
    rows: Int, dimension: Int, epsilon: Float
  ) {
    precondition(input.count >= rows * dimension && output.count >= rows * dimension)
    precondition(weight.count >= dimension && bias.count >= dimension)
    guard let x = input.baseAddress, let y = output.baseAddress,
      let w = weight.baseAddress, let b = bias.baseAddress
    else { return }
    let d = dimension
    for r in 0..<rows {
      let row = x + r * d
      let mean = sum(row, d) / Float(d)
      let variance = sumOfSquares(row, d, centre: mean) / Float(d)
      let scale = 1 / (variance + epsilon).squareRoot()
      let out = y + r * d
      for i in 0..<d {
        out[i] = (row[i] - mean) * scale * w[i] + b[i]
      }
    }
  }

  /// Reference for `layerNorm`, in Double.
  public static func naiveLayerNorm(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>,
    weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
    rows: Int, dimension: Int, epsilon: Float
  ) {
    for r in 0..<rows {
      let row = (0..<dimension).map { Double(input[r * dimension + $0]) }
      let mean = row.reduce(0, +) / Double(dimension)
      let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(dimension)
      let scale = 1 / (variance + Double(epsilon)).squareRoot()
      for i in 0..<dimension {
        output[r * dimension + i] = Float(
          (row[i] - mean) * scale * Double(weight[i]) + Double(bias[i]))
      }
    }
  }

  /// RMS norm over each row: `x / sqrt(mean(x²) + eps) · weight`.
  /// - output, input: (R, D); weight: (D)
  public static func rmsNorm(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>,
    weight: UnsafeBufferPointer<Float>, rows: Int, dimension: Int, epsilon: Float
  ) {
    precondition(input.count >= rows * dimension && output.count >= rows * dimension)
    precondition(weight.count >= dimension)
    guard let x = input.baseAddress, let y = output.baseAddress, let w = weight.baseAddress
    else { return }
    let d = dimension
    for r in 0..<rows {
      let row = x + r * d
      let scale = 1 / (sumOfSquares(row, d) / Float(d) + epsilon).squareRoot()
      let out = y + r * d
      for i in 0..<d {
        out[i] = row[i] * scale * w[i]
      }
    }
  }

  /// Reference for `rmsNorm`, in Double.
  public static func naiveRMSNorm(
    _ output: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>,
    weight: UnsafeBufferPointer<Float>, rows: Int, dimension: Int, epsilon: Float
  ) {
    for r in 0..<rows {
      let row = (0..<dimension).map { Double(input[r * dimension + $0]) }
      let meanSquare = row.map { $0 * $0 }.reduce(0, +) / Double(dimension)
      let scale = 1 / (meanSquare + Double(epsilon)).squareRoot()
      for i in 0..<dimension {
        output[r * dimension + i] = Float(row[i] * scale * Double(weight[i]))
      }
    }
  }
}
