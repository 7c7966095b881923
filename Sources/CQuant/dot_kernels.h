// The per-type dot products of one weight row with cq_q8 activations, included by avx2.c once
// per instruction set. The includer defines KERNEL (function attributes), KERNEL_INLINE,
// KERNEL_SUFFIX (appended to every name) and DOT_US(u, s): eight int32 sums of adjacent
// products of 32 unsigned bytes u with 32 signed bytes s. No include guard: meant to repeat.
#define CQ_PASTE2(a, b) a##_##b
#define CQ_PASTE(a, b) CQ_PASTE2(a, b)
#define KNAME(f) CQ_PASTE(f, KERNEL_SUFFIX)

// Eight int32 sums of adjacent products of 32 unsigned bytes u with 32 signed bytes s.
KERNEL_INLINE __m256i KNAME(dot_us)(__m256i u, __m256i s) { return DOT_US(u, s); }

// The same for two signed operands: move a's sign onto b so the unsigned operand is |a|.
KERNEL_INLINE __m256i KNAME(dot_ss)(__m256i a, __m256i b) {
  return KNAME(dot_us)(_mm256_sign_epi8(a, a), _mm256_sign_epi8(b, a));
}

// Two accumulators (even and odd blocks) halve the chain of dependent FMAs per row.
KERNEL static float KNAME(dot_q8_0)(const block_q8_0 *w, const cq_q8 *x, int nb) {
  __m256 acc[2] = {_mm256_setzero_ps(), _mm256_setzero_ps()};
  for (int b = 0; b < nb; b++) {
    __m256i qw = _mm256_loadu_si256((const __m256i *)w[b].qs);
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    __m256 p = _mm256_cvtepi32_ps(KNAME(dot_ss)(qw, qx));
    acc[b & 1] = _mm256_fmadd_ps(p, _mm256_set1_ps(half(w[b].d) * x[b].d), acc[b & 1]);
  }
  return hsum(_mm256_add_ps(acc[0], acc[1]));
}

KERNEL static float KNAME(dot_q4_1)(const block_q4_1 *w, const cq_q8 *x, int nb) {
  __m256 acc[2] = {_mm256_setzero_ps(), _mm256_setzero_ps()};
  float mins[2] = {0, 0};
  for (int b = 0; b < nb; b++) {
    __m256i q = nibbles(w[b].qs);
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    __m256 p = _mm256_cvtepi32_ps(KNAME(dot_us)(q, qx));
    acc[b & 1] = _mm256_fmadd_ps(p, _mm256_set1_ps(half(w[b].d) * x[b].d), acc[b & 1]);
    mins[b & 1] += half(w[b].m) * x[b].s;
  }
  return hsum(_mm256_add_ps(acc[0], acc[1])) + mins[0] + mins[1];
}

// Q5_0 values are centred (q - 16, signed) before the product, so no per-block correction.
KERNEL static float KNAME(dot_q5_0)(const block_q5_0 *w, const cq_q8 *x, int nb) {
  __m256 acc[2] = {_mm256_setzero_ps(), _mm256_setzero_ps()};
  const __m256i sixteen = _mm256_set1_epi8(16);
  for (int b = 0; b < nb; b++) {
    __m256i q = nibbles(w[b].qs);
    q = _mm256_sub_epi8(_mm256_or_si256(q, fifth_bits(w[b].qh)), sixteen);
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    __m256 p = _mm256_cvtepi32_ps(KNAME(dot_ss)(q, qx));
    acc[b & 1] = _mm256_fmadd_ps(p, _mm256_set1_ps(half(w[b].d) * x[b].d), acc[b & 1]);
  }
  return hsum(_mm256_add_ps(acc[0], acc[1]));
}

KERNEL static float KNAME(dot_q4_K)(const block_q4_K *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  float mins = 0;
  const __m256i low = _mm256_set1_epi8(0x0F);
  for (int b = 0; b < nb; b++) {
    float d = half(w[b].d), dmin = half(w[b].dmin);
    const cq_q8 *xb = x + 8 * b;
    for (int j = 0; j < 4; j++) {
      uint8_t s0, m0, s1, m1;
      cq_q4_K_scale_min(2 * j, w[b].scales, &s0, &m0);
      cq_q4_K_scale_min(2 * j + 1, w[b].scales, &s1, &m1);
      __m256i raw = _mm256_loadu_si256((const __m256i *)(w[b].qs + 32 * j));
      __m256i lo = _mm256_and_si256(raw, low);
      __m256i hi = _mm256_and_si256(_mm256_srli_epi16(raw, 4), low);
      const cq_q8 *x0 = xb + 2 * j, *x1 = xb + 2 * j + 1;
      __m256 p0 = _mm256_cvtepi32_ps(KNAME(dot_us)(lo, _mm256_loadu_si256((const __m256i *)x0->qs)));
      __m256 p1 = _mm256_cvtepi32_ps(KNAME(dot_us)(hi, _mm256_loadu_si256((const __m256i *)x1->qs)));
      acc = _mm256_fmadd_ps(p0, _mm256_set1_ps(d * s0 * x0->d), acc);
      acc = _mm256_fmadd_ps(p1, _mm256_set1_ps(d * s1 * x1->d), acc);
      mins += dmin * (m0 * x0->d * (float)x0->sum + m1 * x1->d * (float)x1->sum);
    }
  }
  return hsum(acc) - mins;
}

// One 32-weight chunk of Q6_K: q holds the 6-bit values (0..63), its two 16-weight halves
// scaled by s_lo and s_hi.
KERNEL_INLINE __m256 KNAME(q6_chunk)(__m256i q, const cq_q8 *x, int8_t s_lo, int8_t s_hi, float d,
                                   __m256 acc) {
  __m256i centred = _mm256_sub_epi8(q, _mm256_set1_epi8(32));
  __m256i qx = _mm256_loadu_si256((const __m256i *)x->qs);
  __m256i pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(centred, centred), _mm256_sign_epi8(qx, centred));
  __m256i scales = _mm256_set_m128i(_mm_set1_epi16(s_hi), _mm_set1_epi16(s_lo));
  __m256 p = _mm256_cvtepi32_ps(_mm256_madd_epi16(pairs, scales));
  return _mm256_fmadd_ps(p, _mm256_set1_ps(d * x->d), acc);
}

KERNEL static float KNAME(dot_q6_K)(const block_q6_K *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  for (int b = 0; b < nb; b++) {
    float d = half(w[b].d);
    for (int h = 0; h < 2; h++) {
      const uint8_t *ql = w[b].ql + 64 * h;
      const int8_t *sc = w[b].scales + 8 * h;
      const cq_q8 *xh = x + 8 * b + 4 * h;
      __m256i q[4];
      q6_quarters(ql, w[b].qh + 32 * h, q);
      for (int k = 0; k < 4; k++) acc = KNAME(q6_chunk)(q[k], xh + k, sc[2 * k], sc[2 * k + 1], d, acc);
    }
  }
  return hsum(acc);
}

// out[r - rowBegin] = row r · x for the quantised types (others go to the scalar reference).
KERNEL static void KNAME(matvec)(int type, const uint8_t *base, size_t rowBytes, int rowBegin,
                                 int rowEnd, const cq_q8 *x, int n, float *out) {
#define CQ_ROWS(f, blockType, blockLength)                                                  \
  for (int r = rowBegin; r < rowEnd; r++)                                                    \
    out[r - rowBegin] = f((const blockType *)(base + rowBytes * (size_t)r), x, n / blockLength)
  switch (type) {
  case CQ_Q8_0: CQ_ROWS(KNAME(dot_q8_0), block_q8_0, 32); break;
  case CQ_Q4_1: CQ_ROWS(KNAME(dot_q4_1), block_q4_1, 32); break;
  case CQ_Q5_0: CQ_ROWS(KNAME(dot_q5_0), block_q5_0, 32); break;
  case CQ_Q4_K: CQ_ROWS(KNAME(dot_q4_K), block_q4_K, 256); break;
  case CQ_Q6_K: CQ_ROWS(KNAME(dot_q6_K), block_q6_K, 256); break;
  default:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = cq_dot_scalar(type, base + rowBytes * (size_t)r, x, n);
  }
#undef CQ_ROWS
}

#undef KNAME
#undef CQ_PASTE
#undef CQ_PASTE2
