// A matrix product for few rows: y (M, N) = x (M, K) · wᵀ + beta · y, with w stored (N, K)
// row-major (a linear layer's weight, (out, in)). For M up to a few dozen, OpenBLAS's sgemm
// spends most of its time packing w (the whole weight, on every call); this reads w once, in
// place, and uses each loaded row of w for four rows of x at a time.
//
// Swift compiles for baseline x86-64 (SSE2, no FMA), so the fast path lives here in C with a
// per-function target attribute, chosen at run time by CPUID; other CPUs get the plain loop.
#ifndef CRICQ_SKINNY_MATMUL_H
#define CRICQ_SKINNY_MATMUL_H

#include <stddef.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>
#define CRICQ_HAS_AVX2_PATH 1
#endif

/// Portable reference path: y[i][j] = dot(x_i, w_j) + beta · y[i][j].
static inline void cricq_skinny_matmul_portable(
    float *y, const float *x, const float *w, int m, int n, int k, int ldy, float beta) {
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < n; j++) {
      const float *xi = x + (size_t)i * k;
      const float *wj = w + (size_t)j * k;
      float sum = 0;
      for (int p = 0; p < k; p++) sum += xi[p] * wj[p];
      float *out = y + (size_t)i * ldy + j;
      *out = sum + (beta == 0 ? 0 : beta * *out);
    }
  }
}

#ifdef CRICQ_HAS_AVX2_PATH

__attribute__((target("avx2,fma"))) static inline float cricq_hsum256(__m256 v) {
  __m128 lo = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
  lo = _mm_add_ss(lo, _mm_shuffle_ps(lo, lo, 1));
  return _mm_cvtss_f32(lo);
}

// Blocks of 4, 2 or 1 rows of x against 3 or 1 rows of w, K a multiple of 8. Accumulators are
// named variables, not arrays: the header is compiled by Swift's Clang importer, which does
// not unroll array loops into registers (measured: every FMA spilled to the stack).
#define CRICQ_LOAD(p) _mm256_loadu_ps(p)
#define CRICQ_FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define CRICQ_STORE(row, col, acc)                                           \
  do {                                                                       \
    float *out_ = y + (size_t)(row) * ldy + (col);                           \
    *out_ = cricq_hsum256(acc) + (beta == 0 ? 0 : beta * *out_);             \
  } while (0)

__attribute__((target("avx2,fma"))) static inline void cricq_skinny_block_4x3(
    float *y, const float *x, const float *w, int k, int ldy, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  __m256 c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
  const float *x0 = x, *x1 = x + k, *x2 = x + 2 * (size_t)k, *x3 = x + 3 * (size_t)k;
  const float *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    // The next three weight rows, one block ahead, while this block computes.
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 b0 = CRICQ_LOAD(w0 + p), b1 = CRICQ_LOAD(w1 + p), b2 = CRICQ_LOAD(w2 + p);
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

__attribute__((target("avx2,fma"))) static inline void cricq_skinny_block_2x3(
    float *y, const float *x, const float *w, int k, int ldy, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  const float *x0 = x, *x1 = x + k;
  const float *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 b0 = CRICQ_LOAD(w0 + p), b1 = CRICQ_LOAD(w1 + p), b2 = CRICQ_LOAD(w2 + p);
    __m256 a = CRICQ_LOAD(x0 + p);
    c00 = CRICQ_FMA(a, b0, c00); c01 = CRICQ_FMA(a, b1, c01); c02 = CRICQ_FMA(a, b2, c02);
    a = CRICQ_LOAD(x1 + p);
    c10 = CRICQ_FMA(a, b0, c10); c11 = CRICQ_FMA(a, b1, c11); c12 = CRICQ_FMA(a, b2, c12);
  }
  CRICQ_STORE(0, 0, c00); CRICQ_STORE(0, 1, c01); CRICQ_STORE(0, 2, c02);
  CRICQ_STORE(1, 0, c10); CRICQ_STORE(1, 1, c11); CRICQ_STORE(1, 2, c12);
}

__attribute__((target("avx2,fma"))) static inline void cricq_skinny_block_1x3(
    float *y, const float *x, const float *w, int k, int ldy, float beta) {
  __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0;
  const float *w0 = w, *w1 = w + k, *w2 = w + 2 * (size_t)k;
  for (int p = 0; p < k; p += 8) {
    _mm_prefetch((const char *)(w0 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w1 + 3 * (size_t)k + p), _MM_HINT_T0);
    _mm_prefetch((const char *)(w2 + 3 * (size_t)k + p), _MM_HINT_T0);
    __m256 a = CRICQ_LOAD(x + p);
    c0 = CRICQ_FMA(a, CRICQ_LOAD(w0 + p), c0);
    c1 = CRICQ_FMA(a, CRICQ_LOAD(w1 + p), c1);
    c2 = CRICQ_FMA(a, CRICQ_LOAD(w2 + p), c2);
  }
  CRICQ_STORE(0, 0, c0); CRICQ_STORE(0, 1, c1); CRICQ_STORE(0, 2, c2);
}

__attribute__((target("avx2,fma"))) static inline void cricq_skinny_block_1x1(
    float *y, const float *x, const float *w, int k, int ldy, float beta) {
  __m256 c0 = _mm256_setzero_ps();
  for (int p = 0; p < k; p += 8) c0 = CRICQ_FMA(CRICQ_LOAD(x + p), CRICQ_LOAD(w + p), c0);
  CRICQ_STORE(0, 0, c0);
}

// Column blocks outer, row blocks inner: three rows of w (a few KB) stay in L1 while every
// row of x passes over them, so the weight streams from memory once per call. Each block
// prefetches the next three rows (never faults, even past the end): measured 20 % faster.
__attribute__((target("avx2,fma"))) static inline void cricq_skinny_matmul_avx2(
    float *y, const float *x, const float *w, int m, int n, int k, int ldy, float beta,
    int column_begin, int column_end) {
  (void)n;
  int j = column_begin;
  for (; j + 3 <= column_end; j += 3) {
    const float *wj = w + (size_t)j * k;
    int i = 0;
    for (; i + 4 <= m; i += 4)
      cricq_skinny_block_4x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
    if (i + 2 <= m) {
      cricq_skinny_block_2x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
      i += 2;
    }
    if (i < m) cricq_skinny_block_1x3(y + (size_t)i * ldy + j, x + (size_t)i * k, wj, k, ldy, beta);
  }
  for (; j < column_end; j++)
    for (int i = 0; i < m; i++)
      cricq_skinny_block_1x1(
          y + (size_t)i * ldy + j, x + (size_t)i * k, w + (size_t)j * k, k, ldy, beta);
}

/// Whether this CPU and OS support AVX2 and FMA (CPUID leaves 1 and 7, YMM state via XGETBV).
static inline int cricq_cpu_has_avx2_fma(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (!(fma && osxsave && avx)) return 0;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6) != 6) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b >> 5) & 1;
}
#endif

/// Whether `cricq_skinny_matmul` takes the AVX2 + FMA path on this machine.
static inline int cricq_skinny_matmul_is_vectorised(void) {
#ifdef CRICQ_HAS_AVX2_PATH
  static int cached = -1;
  if (cached < 0) cached = cricq_cpu_has_avx2_fma();
  return cached;
#else
  return 0;
#endif
}

/// y (M, N), row stride ldy = x (M, K) · wᵀ + beta · y, w stored (N, K); only output columns
/// column_begin..<column_end are computed, so callers can split the work across threads.
static inline void cricq_skinny_matmul(
    float *y, const float *x, const float *w, int m, int n, int k, int ldy, float beta,
    int column_begin, int column_end) {
#ifdef CRICQ_HAS_AVX2_PATH
  if (k % 8 == 0 && cricq_skinny_matmul_is_vectorised()) {
    cricq_skinny_matmul_avx2(y, x, w, m, n, k, ldy, beta, column_begin, column_end);
    return;
  }
#endif
  cricq_skinny_matmul_portable(
      y + column_begin, x, w + (size_t)column_begin * k, m, column_end - column_begin, k, ldy, beta);
}

#endif
