// AVX2 kernels: integer dot products of weight blocks with cq_q8 activation blocks.
// Each function is compiled for AVX2/FMA/F16C through a target attribute and only called when
// the CPU has them (cq_has_avx2); everything else falls back to reference.c.
#include "blocks.h"
#include "cquant.h"
#include "internal.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma,f16c")))

static int avx2_state = -1;

int cq_has_avx2(void) {
  if (avx2_state < 0) {
    __builtin_cpu_init();
    avx2_state = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
      && __builtin_cpu_supports("f16c");
  }
  return avx2_state;
}

AVX2 static inline float half(uint16_t h) { return _cvtsh_ss(h); }

AVX2 static inline float hsum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

// Eight int32 sums of adjacent products of 32 unsigned bytes u with 32 signed bytes s.
AVX2 static inline __m256i dot_us(__m256i u, __m256i s) {
  return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
}

// The same for two signed operands: move a's sign onto b so the unsigned operand is |a|.
AVX2 static inline __m256i dot_ss(__m256i a, __m256i b) {
  return dot_us(_mm256_sign_epi8(a, a), _mm256_sign_epi8(b, a));
}

// 32 bytes, 0xFF where bit i of the 32-bit word is set.
AVX2 static inline __m256i bits_to_bytes(const uint8_t *p) {
  uint32_t bits;
  memcpy(&bits, p, 4);
  const __m256i spread = _mm256_setr_epi8(
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  __m256i bytes = _mm256_shuffle_epi8(_mm256_set1_epi32((int)bits), spread);
  const __m256i select = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
  return _mm256_cmpeq_epi8(_mm256_and_si256(bytes, select), select);
}

AVX2 static float dot_q8_0(const block_q8_0 *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  for (int b = 0; b < nb; b++) {
    __m256i qw = _mm256_loadu_si256((const __m256i *)w[b].qs);
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    __m256 p = _mm256_cvtepi32_ps(dot_ss(qw, qx));
    acc = _mm256_fmadd_ps(p, _mm256_set1_ps(half(w[b].d) * x[b].d), acc);
  }
  return hsum(acc);
}

AVX2 static float dot_q4_1(const block_q4_1 *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  float mins = 0;
  const __m128i low = _mm_set1_epi8(0x0F);
  for (int b = 0; b < nb; b++) {
    __m128i raw = _mm_loadu_si128((const __m128i *)w[b].qs);
    __m256i q = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(raw, 4), low), _mm_and_si128(raw, low));
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    __m256 p = _mm256_cvtepi32_ps(dot_us(q, qx));
    acc = _mm256_fmadd_ps(p, _mm256_set1_ps(half(w[b].d) * x[b].d), acc);
    mins += half(w[b].m) * x[b].s;
  }
  return hsum(acc) + mins;
}

AVX2 static float dot_q5_0(const block_q5_0 *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  float offset = 0;
  const __m128i low = _mm_set1_epi8(0x0F);
  const __m256i bit4 = _mm256_set1_epi8(0x10);
  for (int b = 0; b < nb; b++) {
    __m128i raw = _mm_loadu_si128((const __m128i *)w[b].qs);
    __m256i q = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(raw, 4), low), _mm_and_si128(raw, low));
    q = _mm256_or_si256(q, _mm256_and_si256(bits_to_bytes(w[b].qh), bit4));
    __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
    float d = half(w[b].d);
    __m256 p = _mm256_cvtepi32_ps(dot_us(q, qx));
    acc = _mm256_fmadd_ps(p, _mm256_set1_ps(d * x[b].d), acc);
    offset += d * x[b].d * (float)x[b].sum;  // q is stored +16
  }
  return hsum(acc) - 16.0f * offset;
}

AVX2 static float dot_q4_K(const block_q4_K *w, const cq_q8 *x, int nb) {
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
      __m256 p0 = _mm256_cvtepi32_ps(dot_us(lo, _mm256_loadu_si256((const __m256i *)x0->qs)));
      __m256 p1 = _mm256_cvtepi32_ps(dot_us(hi, _mm256_loadu_si256((const __m256i *)x1->qs)));
      acc = _mm256_fmadd_ps(p0, _mm256_set1_ps(d * s0 * x0->d), acc);
      acc = _mm256_fmadd_ps(p1, _mm256_set1_ps(d * s1 * x1->d), acc);
      mins += dmin * (m0 * x0->d * (float)x0->sum + m1 * x1->d * (float)x1->sum);
    }
  }
  return hsum(acc) - mins;
}

// One 32-weight chunk of Q6_K: q holds the 6-bit values (0..63), its two 16-weight halves
// scaled by s_lo and s_hi.
AVX2 static inline __m256 q6_chunk(__m256i q, const cq_q8 *x, int8_t s_lo, int8_t s_hi, float d,
                                   __m256 acc) {
  __m256i centred = _mm256_sub_epi8(q, _mm256_set1_epi8(32));
  __m256i qx = _mm256_loadu_si256((const __m256i *)x->qs);
  __m256i pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(centred, centred), _mm256_sign_epi8(qx, centred));
  __m256i scales = _mm256_set_m128i(_mm_set1_epi16(s_hi), _mm_set1_epi16(s_lo));
  __m256 p = _mm256_cvtepi32_ps(_mm256_madd_epi16(pairs, scales));
  return _mm256_fmadd_ps(p, _mm256_set1_ps(d * x->d), acc);
}

AVX2 static float dot_q6_K(const block_q6_K *w, const cq_q8 *x, int nb) {
  __m256 acc = _mm256_setzero_ps();
  const __m256i low = _mm256_set1_epi8(0x0F);
  const __m256i top = _mm256_set1_epi8(0x30);
  for (int b = 0; b < nb; b++) {
    float d = half(w[b].d);
    for (int h = 0; h < 2; h++) {
      const uint8_t *ql = w[b].ql + 64 * h;
      const int8_t *sc = w[b].scales + 8 * h;
      const cq_q8 *xh = x + 8 * b + 4 * h;
      __m256i a = _mm256_loadu_si256((const __m256i *)ql);
      __m256i c = _mm256_loadu_si256((const __m256i *)(ql + 32));
      __m256i qh = _mm256_loadu_si256((const __m256i *)(w[b].qh + 32 * h));
      __m256i q1 = _mm256_or_si256(_mm256_and_si256(a, low), _mm256_and_si256(_mm256_slli_epi16(qh, 4), top));
      __m256i q2 = _mm256_or_si256(_mm256_and_si256(c, low), _mm256_and_si256(_mm256_slli_epi16(qh, 2), top));
      __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(a, 4), low), _mm256_and_si256(qh, top));
      __m256i q4 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(c, 4), low),
                                   _mm256_and_si256(_mm256_srli_epi16(qh, 2), top));
      acc = q6_chunk(q1, xh + 0, sc[0], sc[1], d, acc);
      acc = q6_chunk(q2, xh + 1, sc[2], sc[3], d, acc);
      acc = q6_chunk(q3, xh + 2, sc[4], sc[5], d, acc);
      acc = q6_chunk(q4, xh + 3, sc[6], sc[7], d, acc);
    }
  }
  return hsum(acc);
}

AVX2 static void quantize_q8_avx2(const float *x, cq_q8 *y, int n) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  for (int b = 0; b < n / 32; b++) {
    __m256 v0 = _mm256_loadu_ps(x + 32 * b), v1 = _mm256_loadu_ps(x + 32 * b + 8);
    __m256 v2 = _mm256_loadu_ps(x + 32 * b + 16), v3 = _mm256_loadu_ps(x + 32 * b + 24);
    __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(sign, v0), _mm256_andnot_ps(sign, v1)),
                             _mm256_max_ps(_mm256_andnot_ps(sign, v2), _mm256_andnot_ps(sign, v3)));
    __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    float amax = _mm_cvtss_f32(m4);
    float d = amax / 127.0f;
    __m256 id = _mm256_set1_ps(amax > 0 ? 127.0f / amax : 0.0f);
#define mode (_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
    __m256i i0 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v0, id), mode));
    __m256i i1 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v1, id), mode));
    __m256i i2 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v2, id), mode));
    __m256i i3 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v3, id), mode));
    __m256i total = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
    __m128i t = _mm_add_epi32(_mm256_castsi256_si128(total), _mm256_extracti128_si256(total, 1));
    t = _mm_hadd_epi32(t, t);
    t = _mm_hadd_epi32(t, t);
    // Packing interleaves the 128-bit lanes; the permute puts the 32 values back in order.
    __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
    packed = _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)y[b].qs, packed);
    int sum = _mm_cvtsi128_si32(t);
    y[b].d = _cvtsh_ss(_cvtss_sh(d, 0));
    y[b].s = _cvtsh_ss(_cvtss_sh(d * (float)sum, 0));
    y[b].sum = sum;
  }
}

// Stores 16 signed bytes as floats scale * q + offset.
AVX2 static inline void store16(float *y, __m128i q, float scale, float offset) {
  __m256 s = _mm256_set1_ps(scale), o = _mm256_set1_ps(offset);
  _mm256_storeu_ps(y, _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q)), s, o));
  _mm256_storeu_ps(y + 8, _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q, 8))), s, o));
}

AVX2 static inline void store32(float *y, __m256i q, float scale, float offset) {
  store16(y, _mm256_castsi256_si128(q), scale, offset);
  store16(y + 16, _mm256_extracti128_si256(q, 1), scale, offset);
}

AVX2 static void dequantize_row_avx2(int type, const uint8_t *w, int n, float *y) {
  const __m128i low4 = _mm_set1_epi8(0x0F);
  const __m256i low = _mm256_set1_epi8(0x0F);
  switch (type) {
  case CQ_Q8_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q8_0 *blk = (const block_q8_0 *)w + b;
      store32(y + 32 * b, _mm256_loadu_si256((const __m256i *)blk->qs), half(blk->d), 0);
    }
    return;
  case CQ_Q4_1:
    for (int b = 0; b < n / 32; b++) {
      const block_q4_1 *blk = (const block_q4_1 *)w + b;
      __m128i raw = _mm_loadu_si128((const __m128i *)blk->qs);
      store16(y + 32 * b, _mm_and_si128(raw, low4), half(blk->d), half(blk->m));
      store16(y + 32 * b + 16, _mm_and_si128(_mm_srli_epi16(raw, 4), low4), half(blk->d), half(blk->m));
    }
    return;
  case CQ_Q5_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q5_0 *blk = (const block_q5_0 *)w + b;
      __m128i raw = _mm_loadu_si128((const __m128i *)blk->qs);
      __m256i q = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(raw, 4), low4), _mm_and_si128(raw, low4));
      q = _mm256_or_si256(q, _mm256_and_si256(bits_to_bytes(blk->qh), _mm256_set1_epi8(0x10)));
      store32(y + 32 * b, _mm256_sub_epi8(q, _mm256_set1_epi8(16)), half(blk->d), 0);
    }
    return;
  case CQ_Q4_K:
    for (int b = 0; b < n / 256; b++) {
      const block_q4_K *blk = (const block_q4_K *)w + b;
      float d = half(blk->d), dmin = half(blk->dmin);
      for (int j = 0; j < 4; j++) {
        uint8_t s0, m0, s1, m1;
        cq_q4_K_scale_min(2 * j, blk->scales, &s0, &m0);
        cq_q4_K_scale_min(2 * j + 1, blk->scales, &s1, &m1);
        __m256i raw = _mm256_loadu_si256((const __m256i *)(blk->qs + 32 * j));
        store32(y + 256 * b + 64 * j, _mm256_and_si256(raw, low), d * s0, -dmin * m0);
        store32(y + 256 * b + 64 * j + 32, _mm256_and_si256(_mm256_srli_epi16(raw, 4), low), d * s1, -dmin * m1);
      }
    }
    return;
  case CQ_Q6_K:
    for (int b = 0; b < n / 256; b++) {
      const block_q6_K *blk = (const block_q6_K *)w + b;
      float d = half(blk->d);
      const __m256i top = _mm256_set1_epi8(0x30), centre = _mm256_set1_epi8(32);
      for (int h = 0; h < 2; h++) {
        const uint8_t *ql = blk->ql + 64 * h;
        const int8_t *sc = blk->scales + 8 * h;
        float *out = y + 256 * b + 128 * h;
        __m256i a = _mm256_loadu_si256((const __m256i *)ql);
        __m256i c = _mm256_loadu_si256((const __m256i *)(ql + 32));
        __m256i qh = _mm256_loadu_si256((const __m256i *)(blk->qh + 32 * h));
        __m256i q[4] = {
          _mm256_or_si256(_mm256_and_si256(a, low), _mm256_and_si256(_mm256_slli_epi16(qh, 4), top)),
          _mm256_or_si256(_mm256_and_si256(c, low), _mm256_and_si256(_mm256_slli_epi16(qh, 2), top)),
          _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(a, 4), low), _mm256_and_si256(qh, top)),
          _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(c, 4), low), _mm256_and_si256(_mm256_srli_epi16(qh, 2), top)),
        };
        for (int k = 0; k < 4; k++) {
          __m256i centred = _mm256_sub_epi8(q[k], centre);
          store16(out + 32 * k, _mm256_castsi256_si128(centred), d * sc[2 * k], 0);
          store16(out + 32 * k + 16, _mm256_extracti128_si256(centred, 1), d * sc[2 * k + 1], 0);
        }
      }
    }
    return;
  default:
    cq_dequantize_rows_scalar(type, w, 0, 1, n, y);
  }
}

void cq_dequantize_rows(int type, const void *w, size_t rowBytes, int rows, int n, float *out) {
  if (!cq_has_avx2() || type == CQ_F32 || type == CQ_F16) {
    cq_dequantize_rows_scalar(type, w, rowBytes, rows, n, out);
    return;
  }
  for (int r = 0; r < rows; r++) {
    dequantize_row_avx2(type, (const uint8_t *)w + rowBytes * (size_t)r, n, out + (size_t)r * n);
  }
}

void cq_quantize_q8(const float *x, cq_q8 *y, int n) {
  if (cq_has_avx2()) quantize_q8_avx2(x, y, n);
  else cq_quantize_q8_scalar(x, y, n);
}

void cq_matvec(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const cq_q8 *x, int n, float *out) {
  const uint8_t *base = (const uint8_t *)w;
  if (!cq_has_avx2()) {
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = cq_dot_scalar(type, base + rowBytes * (size_t)r, x, n);
    return;
  }
  switch (type) {
  case CQ_Q8_0:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = dot_q8_0((const block_q8_0 *)(base + rowBytes * (size_t)r), x, n / 32);
    break;
  case CQ_Q4_1:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = dot_q4_1((const block_q4_1 *)(base + rowBytes * (size_t)r), x, n / 32);
    break;
  case CQ_Q5_0:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = dot_q5_0((const block_q5_0 *)(base + rowBytes * (size_t)r), x, n / 32);
    break;
  case CQ_Q4_K:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = dot_q4_K((const block_q4_K *)(base + rowBytes * (size_t)r), x, n / 256);
    break;
  case CQ_Q6_K:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = dot_q6_K((const block_q6_K *)(base + rowBytes * (size_t)r), x, n / 256);
    break;
  default:
    for (int r = rowBegin; r < rowEnd; r++) out[r - rowBegin] = cq_dot_scalar(type, base + rowBytes * (size_t)r, x, n);
  }
}

#else  // not x86-64: scalar only

int cq_has_avx2(void) { return 0; }

void cq_quantize_q8(const float *x, cq_q8 *y, int n) { cq_quantize_q8_scalar(x, y, n); }

void cq_matvec(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const cq_q8 *x, int n, float *out) {
  for (int r = rowBegin; r < rowEnd; r++)
    out[r - rowBegin] = cq_dot_scalar(type, (const uint8_t *)w + rowBytes * (size_t)r, x, n);
}

void cq_dequantize_rows(int type, const void *w, size_t rowBytes, int rows, int n, float *out) {
  cq_dequantize_rows_scalar(type, w, rowBytes, rows, n, out);
}

#endif

void cq_dequantize_rows_reference(int type, const void *w, size_t rowBytes, int rows, int n, float *out) {
  cq_dequantize_rows_scalar(type, w, rowBytes, rows, n, out);
}
