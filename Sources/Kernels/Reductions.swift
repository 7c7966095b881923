// Sums over contiguous floats, eight lanes at a time. The compiler does not vectorise a plain
// Float sum (it may not reorder additions), so the lanes are explicit.

extension Kernels {
  /// The sum of `count` floats from `x`.
  @inlinable
  static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
      lanes += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      i += 8
    }
    var total = lanes.sum()
    while i < count {
      total += x[i]
      i += 1
    }
    return total
  }

  /// The sum of `(x[i] - centre)²` over `count` floats.
  @inlinable
  static func sumOfSquares(_ x: UnsafePointer<Float>, _ count: Int, centre: Float = 0) -> Float {
    var lanes = SIMD8<Float>()
    let centreLanes = SIMD8<Float>(repeating: centre)
    var i = 0
    while i + 8 <= count {
      let d = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) - centreLanes
      lanes += d * d
      i += 8
    }
    var total = lanes.sum()
    while i < count {
      let d = x[i] - centre
      total += d * d
      i += 1
    }
    return total
  }

  /// The dot product of two runs of `count` floats.
  @inlinable
  public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int)
    -> Float
  {
    var lanes = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
      // `+= x * y`, not addProduct: without FMA in the baseline target, addProduct becomes a
      // call to fmaf per lane.
      lanes +=
        UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
        * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
      i += 8
    }
    var total = lanes.sum()
    while i < count {
      total += a[i] * b[i]
      i += 1
    }
    return total
  }

  /// `out = Σ_j weights[j] · row_j` over `count` rows of `width` floats, `stride` floats apart
  /// (attention's weighted sum of value vectors for one query).
  @inlinable
  public static func weightedRowSum(
    _ out: UnsafeMutablePointer<Float>, rows: UnsafePointer<Float>, stride: Int,
    weights: UnsafePointer<Float>, count: Int, width: Int
  ) {
    out.update(repeating: 0, count: width)
    for j in 0..<count {
      let row = rows + j * stride
      let w = weights[j]
      var i = 0
      while i + 8 <= width {
        let sum =
          UnsafeRawPointer(out + i).loadUnaligned(as: SIMD8<Float>.self)
          + UnsafeRawPointer(row + i).loadUnaligned(as: SIMD8<Float>.self) * w
        UnsafeMutableRawPointer(out + i).storeBytes(of: sum, as: SIMD8<Float>.self)
        i += 8
      }
      while i < width {
        out[i] += w * row[i]
        i += 1
      }
    }
  }
}
