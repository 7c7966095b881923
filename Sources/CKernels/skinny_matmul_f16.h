// The skinny product with the weight stored as IEEE half floats: y (M, N) = x (M, K) · wᵀ +
// beta · y, w (N, K) in binary16. For a few rows the product is bound by reading the weight, so
// half the bytes is close to half the time. AVX2 + FMA + F16C when the CPU has them (checked at
// run time), else a portable loop.
#ifndef CRICQ_SKINNY_MATMUL_F16_H
#define CRICQ_SKINNY_MATMUL_F16_H

#include <stdint.h>
#include <string.h>

#include "skinny_matmul.h"

/// binary16 → binary32, exactly (normals, subnormals, infinities, NaN).
static inline float cricq_half_to_float(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1F;
  uint32_t mantissa = h & 0x3FF;
  uint32_t bits;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {  // subnormal: renormalise
      exponent = 127 - 15 + 1;
      while ((mantissa & 0x400) == 0) {
        mantissa <<= 1;
        exponent--;
      }
      bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
    }
  } else if (exponent == 0x1F) {
    bits = sign | 0x7F800000 | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/// binary32 → binary16, rounding to nearest even; overflow goes to infinity.
static inline uint16_t cricq_float_to_half(float f) {
  uint32_t bits;
  memcpy(&bits, &f, sizeof bits);
  uint32_t sign = (bits >> 16) & 0x8000;
  int32_t exponent = (int32_t)((bits >> 23) & 0xFF) - 127 + 15;
  uint32_t mantissa = bits & 0x7FFFFF;
  if (((bits >> 23) & 0xFF) == 0xFF) return (uint16_t)(sign | 0x7C00 | (mantissa ? 0x200 : 0));
  if (exponent >= 0x1F) return (uint16_t)(sign | 0x7C00);
  if (exponent <= 0) {
    if (exponent < -10) return (uint16_t)sign;
    mantissa |= 0x800000;
    uint32_t shift = (uint32_t)(14 - exponent);
    uint32_t half = mantissa >> shift;
    uint32_t rest = mantissa & ((1u << shift) - 1);
    uint32_t midpoint = 1u << (shift - 1);
    if (rest > midpoint || (rest == midpoint && (half & 1))) half++;
    return (uint16_t)(sign | half);
  }
  uint32_t half = sign | ((uint32_t)exponent << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1FFF;
  if (rest > 0x1000 || (rest == 0x1000 && (half & 1))) half++;  // may carry into the exponent
  return (uint16_t)half;
}

#ifdef CRICQ_HAS_AVX2_PATH
__attribute__((target("avx2,f16c"))) static inline long cricq_floats_to_halves_f16c(
    uint16_t *out, const float *in, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8)
    _mm_storeu_si128(
        (__m128i *)(out + i), _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT));
  return i;
}
static inline int cricq_skinny_matmul_f16_is_vectorised(void);
#endif

/// out[i] = binary16(in[i]), rounding to nearest even (F16C when available).
static inline void cricq_floats_to_halves(uint16_t *out, const float *in, long n) {
  long i = 0;
#ifdef CRICQ_HAS_AVX2_PATH
  if (cricq_skinny_matmul_f16_is_vectorised()) i = cricq_floats_to_halves_f16c(out, in, n);
#endif
  for (; i < n; i++) out[i] = cricq_float_to_half(in[i]);
}

static inline void cricq_skinny_matmul_f16_portable(
    float *y, const float *x, const uint16_t *w, int m, int k, int ldy, float beta,
    int column_begin, int column_end) {
  for (int j = column_begin; j < column_end; j++) {
    for (int i = 0; i < m; i++) {
      const float *xi = x + (size_t)i * k;
      const uint16_t *wj = w + (size_t)j * k;
      float sum = 0;
      for (int p = 0; p < k; p++) sum += xi[p] * cricq_half_to_float(wj[p]);
      float *out = y + (size_t)i * ldy + j;
      *out = sum + (beta == 0 ? 0 : beta * *out);
    }
  }
}

#ifdef CRICQ_HAS_AVX2_PATH
#define CRICQ_LOAD_HALF(p) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p)))

__attribute__((target("avx2,fma,f16c"))) static inline void cricq_skinny_half_4x3(
    float *y, const float *x, const uint16_t *w, int k, int ldy, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  __m256 c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
  const float *x0 = x, *x1 = x + k, *x2 = x + 2 * (size_t)k, *x3 = x + 3 * (size_t)k;
  const uint16_t *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 b0 = CRICQ_LOAD_HALF(w0 + p), b1 = CRICQ_LOAD_HALF(w1 + p);
    __m256 b2 = CRICQ_LOAD_HALF(w2 + p);
    __m256 a = CRICQ_LOAD(x0 + p);
    c00 = CRICQ_FMA(a, b0, c00); c01 = CRICQ_FMA(a, b1, c01); c02 = CRICQ_FMA(a, b2, c02);
    a = CRICQ_LOAD(x1 + p);
    c10 = CRICQ_FMA(a, b0, c10); c11 = CRICQ_FMA(a, b1, c11); c12 = CRICQ_FMA(a, b2, c12);
    a = CRICQ_LOAD(x2 + p);
    c20 = CRICQ_FMA(a, b0, c20); c21 = CRICQ_FMA(a, b1, c21); c22 = CRICQ_FMA(a, b2, c22);
    a = CRICQ_LOAD(x3 + p);
    c30 = CRICQ_FMA(a, b0, c30); c31 = CRICQ_FMA(a, b1, c31); c32 = CRICQ_FMA(a, b2, c32);
  }
  CRICQ_STORE(0, 0, c00); CRICQ_STORE(0, 1, c01); CRICQ_STORE(0, 2, c02);
  CRICQ_STORE(1, 0, c10); CRICQ_STORE(1, 1, c11); CRICQ_STORE(1, 2, c12);
  CRICQ_STORE(2, 0, c20); CRICQ_STORE(2, 1, c21); CRICQ_STORE(2, 2, c22);
  CRICQ_STORE(3, 0, c30); CRICQ_STORE(3, 1, c31); CRICQ_STORE(3, 2, c32);
}

__attribute__((target("avx2,fma,f16c"))) static inline void cricq_skinny_half_2x3(
    float *y, const float *x, const uint16_t *w, int k, int ldy, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  const float *x0 = x, *x1 = x + k;
  const uint16_t *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 b0 = CRICQ_LOAD_HALF(w0 + p), b1 = CRICQ_LOAD_HALF(w1 + p), b2 = CRICQ_LOAD_HALF(w2 + p);
    __m256 a = CRICQ_LOAD(x0 + p);
    c00 = CRICQ_FMA(a, b0, c00); c01 = CRICQ_FMA(a, b1, c01); c02 = CRICQ_FMA(a, b2, c02);
    a = CRICQ_LOAD(x1 + p);
    c10 = CRICQ_FMA(a, b0, c10); c11 = CRICQ_FMA(a, b1, c11); c12 = CRICQ_FMA(a, b2, c12);
  }
  CRICQ_STORE(0, 0, c00); CRICQ_STORE(0, 1, c01); CRICQ_STORE(0, 2, c02);
  CRICQ_STORE(1, 0, c10); CRICQ_STORE(1, 1, c11); CRICQ_STORE(1, 2, c12);
}

__attribute__((target("avx2,fma,f16c"))) static inline void cricq_skinny_half_1x3(
    float *y, const float *x, const uint16_t *w, int k, int ldy, float beta) {
  __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0;
  const uint16_t *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 a = CRICQ_LOAD(x + p);
    c0 = CRICQ_FMA(a, CRICQ_LOAD_HALF(w0 + p), c0);
    c1 = CRICQ_FMA(a, CRICQ_LOAD_HALF(w1 + p), c1);
    c2 = CRICQ_FMA(a, CRICQ_LOAD_HALF(w2 + p), c2);
  }
  CRICQ_STORE(0, 0, c0); CRICQ_STORE(0, 1, c1); CRICQ_STORE(0, 2, c2);
}

__attribute__((target("avx2,fma,f16c"))) static inline void cricq_skinny_half_1x1(
    float *y, const float *x, const uint16_t *w, int k, int ldy, float beta) {
  __m256 c0 = _mm256_setzero_ps();
  for (int p = 0; p < k; p += 8) c0 = CRICQ_FMA(CRICQ_LOAD(x + p), CRICQ_LOAD_HALF(w + p), c0);
  CRICQ_STORE(0, 0, c0);
}

__attribute__((target("avx2,fma,f16c"))) static inline void cricq_skinny_matmul_f16_avx2(
    float *y, const float *x, const uint16_t *w, int m, int k, int ldy, float beta,
    int column_begin, int column_end) {
  int j = column_begin;
  for (; j + 3 <= column_end; j += 3) {
    const uint16_t *wj = w + (size_t)j * k;
    int i = 0;
    for (; i + 4 <= m; i += 4)
      cricq_skinny_half_4x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
    if (i + 2 <= m) {
      cricq_skinny_half_2x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
      i += 2;
    }
    if (i < m) cricq_skinny_half_1x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
  }
  for (; j < column_end; j++)
    for (int i = 0; i < m; i++)
      cricq_skinny_half_1x1(
          y + (size_t)i * ldy + j, x + (size_t)i * k, w + (size_t)j * k, k, ldy, beta);
}

static inline int cricq_cpu_has_f16c(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  return (c >> 29) & 1;
}
#endif

/// Whether the half-float product takes the vectorised path here.
static inline int cricq_skinny_matmul_f16_is_vectorised(void) {
#ifdef CRICQ_HAS_AVX2_PATH
  static int cached = -1;
  if (cached < 0) cached = cricq_skinny_matmul_is_vectorised() && cricq_cpu_has_f16c();
  return cached;
#else
  return 0;
#endif
}

/// y (M, N), row stride ldy = x (M, K) · wᵀ + beta · y, w (N, K) binary16; output columns
/// column_begin..<column_end only.
static inline void cricq_skinny_matmul_f16(
    float *y, const float *x, const uint16_t *w, int m, int k, int ldy, float beta,
    int column_begin, int column_end) {
#ifdef CRICQ_HAS_AVX2_PATH
  if (k % 8 == 0 && cricq_skinny_matmul_f16_is_vectorised()) {
    cricq_skinny_matmul_f16_avx2(y, x, w, m, k, ldy, beta, column_begin, column_end);
    return;
  }
#endif
  cricq_skinny_matmul_f16_portable(y, x, w, m, k, ldy, beta, column_begin, column_end);
}

#endif
