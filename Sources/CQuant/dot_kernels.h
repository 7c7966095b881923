// The quantised products of weight rows with cq_q8 activations, included by avx2.c once per
// instruction set. The includer defines KERNEL (function attributes), KERNEL_INLINE,
// KERNEL_SUFFIX (appended to every name), DOT_US(u, s): eight int32 sums of adjacent products
// of 32 unsigned bytes u with 32 signed bytes s, and DOT_US_ADD(a, u, s): a + DOT_US(u, s).
// No include guard: meant to repeat.
//
// Every path computes each row · token in the one order of docs/GENERATOR.md ("Float order"):
// per scale block (32 weights; Q6_K 16), in order, the exact integer block sum V is added by
// one FMA with C = row scale · activation scale: acc = fma(V, C, acc); types with a min term
// then add it by a second FMA. Eight rows are computed side by side, one per float lane, so the
// order within a row is sequential while the vector work is shared; up to sixteen tokens share
// each decoded block. Integer block sums come from either of two layouts (exact, so equal): one
// token reduces each row's eight lanes (row_sums); several tokens transpose the eight rows once
// (lane r = row r's bytes 4k..4k+3 in vector k) and multiply-add each with the token's bytes
// 4k..4k+3 broadcast, which needs no reduction per token.
#define CQ_PASTE2(a, b) a##_##b
#define CQ_PASTE(a, b) CQ_PASTE2(a, b)
#define KNAME(f) CQ_PASTE(f, KERNEL_SUFFIX)

// Rows and tokens of one group.
#define GROUP_ROWS 8
#define GROUP_TOKENS 16

// Eight int32 sums of adjacent products of 32 unsigned bytes u with 32 signed bytes s.
KERNEL_INLINE __m256i KNAME(dot_us)(__m256i u, __m256i s) { return DOT_US(u, s); }

// Lane r of lo (hi): the sum of l[r]'s lanes 0-3 (4-7), i.e. of the first (second) 16
// weights of a block (integers, exact).
KERNEL_INLINE void KNAME(half_sums)(const __m256i l[GROUP_ROWS], __m256i *lo, __m256i *hi) {
  __m256i a0 = _mm256_hadd_epi32(l[0], l[1]), a1 = _mm256_hadd_epi32(l[2], l[3]);
  __m256i a2 = _mm256_hadd_epi32(l[4], l[5]), a3 = _mm256_hadd_epi32(l[6], l[7]);
  __m256i b0 = _mm256_hadd_epi32(a0, a1), b1 = _mm256_hadd_epi32(a2, a3);
  *lo = _mm256_permute2x128_si256(b0, b1, 0x20);
  *hi = _mm256_permute2x128_si256(b0, b1, 0x31);
}

// Lane r: the sum of l[r]'s eight lanes.
KERNEL_INLINE __m256i KNAME(row_sums)(const __m256i l[GROUP_ROWS]) {
  __m256i lo, hi;
  KNAME(half_sums)(l, &lo, &hi);
  return _mm256_add_epi32(lo, hi);
}

// In place: v[k] lane r = v[r] lane k (an 8 × 8 transpose of int32).
KERNEL_INLINE void KNAME(transpose)(__m256i v[GROUP_ROWS]) {
  __m256i t[GROUP_ROWS], u[GROUP_ROWS];
  for (int i = 0; i < GROUP_ROWS; i += 2) {
    t[i] = _mm256_unpacklo_epi32(v[i], v[i + 1]);
    t[i + 1] = _mm256_unpackhi_epi32(v[i], v[i + 1]);
  }
  for (int i = 0; i < GROUP_ROWS; i += 4) {
    u[i] = _mm256_unpacklo_epi64(t[i], t[i + 2]);
    u[i + 1] = _mm256_unpackhi_epi64(t[i], t[i + 2]);
    u[i + 2] = _mm256_unpacklo_epi64(t[i + 1], t[i + 3]);
    u[i + 3] = _mm256_unpackhi_epi64(t[i + 1], t[i + 3]);
  }
  for (int k = 0; k < 4; k++) {
    v[k] = _mm256_permute2x128_si256(u[k], u[k + 4], 0x20);
    v[k + 4] = _mm256_permute2x128_si256(u[k], u[k + 4], 0x31);
  }
}

// Transposed rows (t[k] unsigned) times one token's 4-byte groups [from, to) broadcast.
KERNEL_INLINE __m256i KNAME(transposed_sums)(const __m256i t[GROUP_ROWS], const int8_t *x,
                                             int from, int to) {
  __m256i s = _mm256_setzero_si256();
  for (int k = from; k < to; k++) {
    int32_t group;
    memcpy(&group, x + 4 * k, 4);
    s = DOT_US_ADD(s, t[k], _mm256_set1_epi32(group));
  }
  return s;
}

// The same for signed rows, given as |t| and t: t's sign moves onto the token's bytes.
KERNEL_INLINE __m256i KNAME(transposed_sums_signed)(const __m256i tabs[GROUP_ROWS],
                                                    const __m256i t[GROUP_ROWS], const int8_t *x) {
  __m256i s = _mm256_setzero_si256();
  for (int k = 0; k < GROUP_ROWS; k++) {
    int32_t group;
    memcpy(&group, x + 4 * k, 4);
    s = DOT_US_ADD(s, tabs[k], _mm256_sign_epi8(_mm256_set1_epi32(group), t[k]));
  }
  return s;
}

// Block sums of eight rows of unsigned weights w with one token's 32 activations x.
KERNEL_INLINE __m256i KNAME(sums_unsigned)(const __m256i w[GROUP_ROWS], __m256i x) {
  __m256i l[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) l[r] = KNAME(dot_us)(w[r], x);
  return KNAME(row_sums)(l);
}

// Block sums of eight rows of unsigned weights, transposed when TT > 1, with one token's
// 32 activations at x.
KERNEL_INLINE __m256i KNAME(unsigned_sums)(const __m256i w[GROUP_ROWS], const int8_t *x, int TT) {
  if (TT > 1) return KNAME(transposed_sums)(w, x, 0, GROUP_ROWS);
  return KNAME(sums_unsigned)(w, _mm256_loadu_si256((const __m256i *)x));
}

// The same for signed weights, given as |w| and w: w's sign moves onto x.
KERNEL_INLINE __m256i KNAME(sums_signed)(const __m256i wabs[GROUP_ROWS],
                                         const __m256i w[GROUP_ROWS], __m256i x) {
  __m256i l[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) l[r] = KNAME(dot_us)(wabs[r], _mm256_sign_epi8(x, w[r]));
  return KNAME(row_sums)(l);
}

// acc = fma(V, C, acc) with V the exact block sums and C = row scales · the token's scale.
KERNEL_INLINE __m256 KNAME(add_block)(__m256 acc, __m256 v, __m256 rowScale, float xd) {
  return _mm256_fmadd_ps(v, _mm256_mul_ps(rowScale, _mm256_set1_ps(xd)), acc);
}

// Eight F16 fields, one per row, at the same offset of each row's block b.
#define ROW_HALVES(B, b, field)                                                                 \
  _mm256_cvtph_ps(_mm_setr_epi16((short)B[0][b].field, (short)B[1][b].field,                    \
                                 (short)B[2][b].field, (short)B[3][b].field,                    \
                                 (short)B[4][b].field, (short)B[5][b].field,                    \
                                 (short)B[6][b].field, (short)B[7][b].field))

// Group kernels: acc[t] lane r = row r · token t, for TT tokens (x[t]: the token's blocks);
// nb blocks of 32 weights. Rows past the group's end repeat a real row and are not stored.
KERNEL_INLINE void KNAME(group_q8_0)(const uint8_t *const rows[GROUP_ROWS],
                                     const cq_q8 *const x[GROUP_TOKENS], int TT, int nb,
                                     __m256 acc[GROUP_TOKENS]) {
  const block_q8_0 *B[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) B[r] = (const block_q8_0 *)rows[r];
  for (int b = 0; b < nb; b++) {
    __m256i w[GROUP_ROWS], wabs[GROUP_ROWS];
    for (int r = 0; r < GROUP_ROWS; r++) w[r] = q8_0_weights(B[r] + b);
    if (TT > 1) KNAME(transpose)(w);
    for (int r = 0; r < GROUP_ROWS; r++) wabs[r] = _mm256_sign_epi8(w[r], w[r]);
    __m256 wd = ROW_HALVES(B, b, d);
    for (int t = 0; t < TT; t++) {
      __m256i s = TT > 1 ? KNAME(transposed_sums_signed)(wabs, w, x[t][b].qs)
        : KNAME(sums_signed)(wabs, w, _mm256_loadu_si256((const __m256i *)x[t][b].qs));
      acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(s), wd, x[t][b].d);
    }
  }
}

// The stored values q = w + 16 are unsigned: V = Σ q·x - 16·Σx, exact.
KERNEL_INLINE void KNAME(group_q5_0)(const uint8_t *const rows[GROUP_ROWS],
                                     const cq_q8 *const x[GROUP_TOKENS], int TT, int nb,
                                     __m256 acc[GROUP_TOKENS]) {
  const block_q5_0 *B[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) B[r] = (const block_q5_0 *)rows[r];
  for (int b = 0; b < nb; b++) {
    __m256i w[GROUP_ROWS];
    for (int r = 0; r < GROUP_ROWS; r++) w[r] = q5_0_weights(B[r] + b);
    if (TT > 1) KNAME(transpose)(w);
    __m256 wd = ROW_HALVES(B, b, d);
    for (int t = 0; t < TT; t++) {
      __m256i s = KNAME(unsigned_sums)(w, x[t][b].qs, TT);
      s = _mm256_sub_epi32(s, _mm256_set1_epi32(16 * x[t][b].sum));
      acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(s), wd, x[t][b].d);
    }
  }
}

// Min term: acc = fma(m, s, acc), s the activation block's F16-rounded scaled sum.
KERNEL_INLINE void KNAME(group_q4_1)(const uint8_t *const rows[GROUP_ROWS],
                                     const cq_q8 *const x[GROUP_TOKENS], int TT, int nb,
                                     __m256 acc[GROUP_TOKENS]) {
  const block_q4_1 *B[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) B[r] = (const block_q4_1 *)rows[r];
  for (int b = 0; b < nb; b++) {
    __m256i w[GROUP_ROWS];
    for (int r = 0; r < GROUP_ROWS; r++) w[r] = q4_1_weights(B[r] + b);
    if (TT > 1) KNAME(transpose)(w);
    __m256 wd = ROW_HALVES(B, b, d), wm = ROW_HALVES(B, b, m);
    for (int t = 0; t < TT; t++) {
      __m256i s = KNAME(unsigned_sums)(w, x[t][b].qs, TT);
      acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(s), wd, x[t][b].d);
      acc[t] = _mm256_fmadd_ps(wm, _mm256_set1_ps(x[t][b].s), acc[t]);
    }
  }
}

// Row scale d · scale and min coefficient -dmin · min per sub-block (floats, rounded once as
// cq_decode_row rounds them); min term acc = fma(-dmin · min, d_x · Σq, acc).
KERNEL_INLINE void KNAME(group_q4_K)(const uint8_t *const rows[GROUP_ROWS],
                                     const cq_q8 *const x[GROUP_TOKENS], int TT, int nb,
                                     __m256 acc[GROUP_TOKENS]) {
  const block_q4_K *B[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) B[r] = (const block_q4_K *)rows[r];
  for (int s = 0; s < nb / 8; s++) {
    float scale[8][GROUP_ROWS] __attribute__((aligned(32)));
    float min[8][GROUP_ROWS] __attribute__((aligned(32)));
    for (int r = 0; r < GROUP_ROWS; r++) {
      float d = half(B[r][s].d), dmin = half(B[r][s].dmin);
      for (int k = 0; k < 8; k++) {
        uint8_t sc, m;
        cq_q4_K_scale_min(k, B[r][s].scales, &sc, &m);
        scale[k][r] = d * sc;
        min[k][r] = -dmin * m;
      }
    }
    for (int j = 0; j < 4; j++) {
      __m256i w[2][GROUP_ROWS];
      for (int r = 0; r < GROUP_ROWS; r++) q4_K_weights(B[r] + s, j, &w[0][r], &w[1][r]);
      if (TT > 1) {
        KNAME(transpose)(w[0]);
        KNAME(transpose)(w[1]);
      }
      for (int half = 0; half < 2; half++) {
        int k = 2 * j + half, b = 8 * s + k;
        __m256 sc = _mm256_load_ps(scale[k]), m = _mm256_load_ps(min[k]);
        for (int t = 0; t < TT; t++) {
          const cq_q8 *xb = x[t] + b;
          __m256i sums = KNAME(unsigned_sums)(w[half], xb->qs, TT);
          acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(sums), sc, xb->d);
          acc[t] = _mm256_fmadd_ps(m, _mm256_set1_ps(xb->d * (float)xb->sum), acc[t]);
        }
      }
    }
  }
}

// Scale blocks of 16: each half's V = Σ q·x - 32·Σx (q = w + 32 unsigned, exact) is added with
// row scale d · scale.
KERNEL_INLINE void KNAME(group_q6_K)(const uint8_t *const rows[GROUP_ROWS],
                                     const cq_q8 *const x[GROUP_TOKENS], int TT, int nb,
                                     __m256 acc[GROUP_TOKENS]) {
  const block_q6_K *B[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) B[r] = (const block_q6_K *)rows[r];
  const __m256i ones = _mm256_set1_epi8(1);
  for (int s = 0; s < nb / 8; s++) {
    float scale[16][GROUP_ROWS] __attribute__((aligned(32)));
    for (int r = 0; r < GROUP_ROWS; r++) {
      float d = half(B[r][s].d);
      for (int i = 0; i < 16; i++) scale[i][r] = d * B[r][s].scales[i];
    }
    for (int k = 0; k < 8; k++) {
      __m256i w[GROUP_ROWS];
      for (int r = 0; r < GROUP_ROWS; r++) w[r] = q6_K_weights(B[r] + s, k);
      if (TT > 1) KNAME(transpose)(w);
      __m256 scLo = _mm256_load_ps(scale[2 * k]), scHi = _mm256_load_ps(scale[2 * k + 1]);
      int b = 8 * s + k;
      for (int t = 0; t < TT; t++) {
        __m256i xq = _mm256_loadu_si256((const __m256i *)x[t][b].qs);
        __m256i lo, hi;
        if (TT > 1) {
          lo = KNAME(transposed_sums)(w, x[t][b].qs, 0, 4);
          hi = KNAME(transposed_sums)(w, x[t][b].qs, 4, 8);
        } else {
          __m256i l[GROUP_ROWS];
          for (int r = 0; r < GROUP_ROWS; r++) l[r] = KNAME(dot_us)(w[r], xq);
          KNAME(half_sums)(l, &lo, &hi);
        }
        // Σx of each half: lanes 0-3 and 4-7 of the byte sums.
        __m256i xl = KNAME(dot_us)(ones, xq);
        __m128i xh = _mm_hadd_epi32(_mm256_castsi256_si128(xl), _mm256_extracti128_si256(xl, 1));
        xh = _mm_hadd_epi32(xh, xh);
        int xLo = _mm_cvtsi128_si32(xh), xHi = _mm_extract_epi32(xh, 1);
        lo = _mm256_sub_epi32(lo, _mm256_set1_epi32(32 * xLo));
        hi = _mm256_sub_epi32(hi, _mm256_set1_epi32(32 * xHi));
        acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(lo), scLo, x[t][b].d);
        acc[t] = KNAME(add_block)(acc[t], _mm256_cvtepi32_ps(hi), scHi, x[t][b].d);
      }
    }
  }
}

#undef ROW_HALVES

// One group of R ≤ 8 rows from `row` (rowBytes apart) times TT ≤ 16 tokens: out[t * ldo + r].
// TT is a constant at each call (the switch below), so the token loops unroll.
KERNEL_INLINE void KNAME(group)(int type, const uint8_t *row, size_t rowBytes, int R,
                                const cq_q8 *const x[GROUP_TOKENS], const int TT, int n,
                                float *out, size_t ldo) {
  const uint8_t *rows[GROUP_ROWS];
  for (int r = 0; r < GROUP_ROWS; r++) rows[r] = row + rowBytes * (size_t)(r < R ? r : 0);
  __m256 acc[GROUP_TOKENS];
  for (int t = 0; t < TT; t++) acc[t] = _mm256_setzero_ps();
  switch (type) {
  case CQ_Q8_0: KNAME(group_q8_0)(rows, x, TT, n / 32, acc); break;
  case CQ_Q5_0: KNAME(group_q5_0)(rows, x, TT, n / 32, acc); break;
  case CQ_Q4_1: KNAME(group_q4_1)(rows, x, TT, n / 32, acc); break;
  case CQ_Q4_K: KNAME(group_q4_K)(rows, x, TT, n / 32, acc); break;
  default: KNAME(group_q6_K)(rows, x, TT, n / 32, acc); break;
  }
  for (int t = 0; t < TT; t++) {
    float lanes[GROUP_ROWS] __attribute__((aligned(32)));
    _mm256_store_ps(lanes, acc[t]);
    for (int r = 0; r < R; r++) out[(size_t)t * ldo + (size_t)r] = lanes[r];
  }
}

// out[t * ldo + r - rowBegin] = row r · x[t] for r in [rowBegin, rowEnd), t < T: each group of
// rows is decoded once per sixteen tokens. Types without a group kernel use the scalar dot.
KERNEL static void KNAME(product)(int type, const uint8_t *base, size_t rowBytes, int rowBegin,
                                  int rowEnd, const cq_q8 *const *x, int T, int n, float *out,
                                  size_t ldo) {
  if (!cq_has_group_kernel(type)) {
    for (int t = 0; t < T; t++)
      for (int r = rowBegin; r < rowEnd; r++)
        out[(size_t)t * ldo + (size_t)(r - rowBegin)] =
          cq_dot_scalar(type, base + rowBytes * (size_t)r, x[t], n);
    return;
  }
  for (int r0 = rowBegin; r0 < rowEnd; r0 += GROUP_ROWS) {
    int R = rowEnd - r0 < GROUP_ROWS ? rowEnd - r0 : GROUP_ROWS;
    const uint8_t *row = base + rowBytes * (size_t)r0;
    for (int t0 = 0; t0 < T; t0 += GROUP_TOKENS) {
      const cq_q8 *xs[GROUP_TOKENS];
      int TT = T - t0 < GROUP_TOKENS ? T - t0 : GROUP_TOKENS;
      for (int t = 0; t < GROUP_TOKENS; t++) xs[t] = x[t0 + (t < TT ? t : 0)];
      float *o = out + (size_t)t0 * ldo + (size_t)(r0 - rowBegin);
      switch (TT) {
      case 1: KNAME(group)(type, row, rowBytes, R, xs, 1, n, o, ldo); break;
      case 2: KNAME(group)(type, row, rowBytes, R, xs, 2, n, o, ldo); break;
      case 3: KNAME(group)(type, row, rowBytes, R, xs, 3, n, o, ldo); break;
      case 4: KNAME(group)(type, row, rowBytes, R, xs, 4, n, o, ldo); break;
      case 5: KNAME(group)(type, row, rowBytes, R, xs, 5, n, o, ldo); break;
      case 6: KNAME(group)(type, row, rowBytes, R, xs, 6, n, o, ldo); break;
      case 7: KNAME(group)(type, row, rowBytes, R, xs, 7, n, o, ldo); break;
      case 8: KNAME(group)(type, row, rowBytes, R, xs, 8, n, o, ldo); break;
      case 9: KNAME(group)(type, row, rowBytes, R, xs, 9, n, o, ldo); break;
      case 10: KNAME(group)(type, row, rowBytes, R, xs, 10, n, o, ldo); break;
      case 11: KNAME(group)(type, row, rowBytes, R, xs, 11, n, o, ldo); break;
      case 12: KNAME(group)(type, row, rowBytes, R, xs, 12, n, o, ldo); break;
      case 13: KNAME(group)(type, row, rowBytes, R, xs, 13, n, o, ldo); break;
      case 14: KNAME(group)(type, row, rowBytes, R, xs, 14, n, o, ldo); break;
      case 15: KNAME(group)(type, row, rowBytes, R, xs, 15, n, o, ldo); break;
      default: KNAME(group)(type, row, rowBytes, R, xs, 16, n, o, ldo); break;
      }
    }
  }
}

#undef GROUP_ROWS
#undef GROUP_TOKENS
#undef KNAME
#undef CQ_PASTE
#undef CQ_PASTE2
