// x86 kernels: integer products of weight rows with cq_q8 activation blocks for one token or
// a few (AVX2, and the same code with VNNI's one-instruction byte dot product where the CPU
// has it), activation quantisation and dequantisation. Each function is compiled for its
// instruction set through a target attribute and only called when cq_level() says the CPU has
// it; everything else falls back to reference.c.
#include "batch.h"
#include "blocks.h"
#include "cquant.h"
#include "internal.h"
#include "x86.h"
#include <string.h>

#if defined(__x86_64__)

uint64_t cq_bit_bytes[256];

static void fill_bit_bytes(void) {
  for (int b = 0; b < 256; b++) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
      if (b & (1 << i)) v |= (uint64_t)0x10 << (8 * i);
    }
    cq_bit_bytes[b] = v;
  }
}

static int best_level = -1;
static int has_avx_vnni = 0;  // the VEX encoding, which some AVX512-VNNI Xeons lack

int cq_level(void) {
  if (best_level < 0) {
    __builtin_cpu_init();
    fill_bit_bytes();
    int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
      && __builtin_cpu_supports("f16c");
    int avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
      && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
    has_avx_vnni = avx2 && __builtin_cpu_supports("avxvnni");
    best_level = avx512 && cq_amx_usable() ? CQ_LEVEL_AMX
      : avx512 ? CQ_LEVEL_AVX512_VNNI
      : has_avx_vnni ? CQ_LEVEL_AVX_VNNI
      : avx2 ? CQ_LEVEL_AVX2 : CQ_LEVEL_SCALAR;
  }
  return best_level;
}

int cq_has_avx2(void) { return cq_level() >= CQ_LEVEL_AVX2; }

// AVX2: pmaddubsw then pmaddwd with ones.
#define KERNEL AVX2
#define KERNEL_INLINE AVX2_INLINE
#define KERNEL_SUFFIX avx2
#define DOT_US(u, s) _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1))
#define DOT_US_ADD(a, u, s) _mm256_add_epi32(a, DOT_US(u, s))
#include "dot_kernels.h"
#undef KERNEL
#undef KERNEL_INLINE
#undef KERNEL_SUFFIX
#undef DOT_US
#undef DOT_US_ADD

// AVX-VNNI (VEX encoded, e.g. Alder Lake): vpdpbusd on 256 bits.
#define KERNEL __attribute__((target("avxvnni,avx2,fma,f16c")))
#define KERNEL_INLINE static inline __attribute__((target("avxvnni,avx2,fma,f16c"), always_inline))
#define KERNEL_SUFFIX avxvnni
#define DOT_US(u, s) _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), u, s)
#define DOT_US_ADD(a, u, s) _mm256_dpbusd_avx_epi32(a, u, s)
#include "dot_kernels.h"
#undef KERNEL
#undef KERNEL_INLINE
#undef KERNEL_SUFFIX
#undef DOT_US
#undef DOT_US_ADD

// AVX512-VNNI with VL (EVEX encoded; also on Xeons without AVX-VNNI): vpdpbusd on 256 bits.
#define KERNEL __attribute__((target(AVX512_TARGETS)))
#define KERNEL_INLINE static inline __attribute__((target(AVX512_TARGETS), always_inline))
#define KERNEL_SUFFIX avx512
#define DOT_US(u, s) _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s)
#define DOT_US_ADD(a, u, s) _mm256_dpbusd_epi32(a, u, s)
#include "dot_kernels.h"
#undef KERNEL
#undef KERNEL_INLINE
#undef KERNEL_SUFFIX
#undef DOT_US
#undef DOT_US_ADD

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
AVX2_INLINE void store16(float *y, __m128i q, float scale, float offset) {
  __m256 s = _mm256_set1_ps(scale), o = _mm256_set1_ps(offset);
  _mm256_storeu_ps(y, _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q)), s, o));
  _mm256_storeu_ps(y + 8, _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q, 8))), s, o));
}

AVX2_INLINE void store32(float *y, __m256i q, float scale, float offset) {
  store16(y, _mm256_castsi256_si128(q), scale, offset);
  store16(y + 16, _mm256_extracti128_si256(q, 1), scale, offset);
}

AVX2 static void dequantize_row_avx2(int type, const uint8_t *w, int n, float *y) {
  switch (type) {
  case CQ_Q8_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q8_0 *blk = (const block_q8_0 *)w + b;
      store32(y + 32 * b, q8_0_weights(blk), half(blk->d), 0);
    }
    return;
  case CQ_Q4_1:
    for (int b = 0; b < n / 32; b++) {
      const block_q4_1 *blk = (const block_q4_1 *)w + b;
      store32(y + 32 * b, q4_1_weights(blk), half(blk->d), half(blk->m));
    }
    return;
  case CQ_Q5_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q5_0 *blk = (const block_q5_0 *)w + b;
      __m256i q = _mm256_sub_epi8(q5_0_weights(blk), _mm256_set1_epi8(16));
      store32(y + 32 * b, q, half(blk->d), 0);
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
        __m256i lo, hi;
        q4_K_weights(blk, j, &lo, &hi);
        store32(y + 256 * b + 64 * j, lo, d * s0, -dmin * m0);
        store32(y + 256 * b + 64 * j + 32, hi, d * s1, -dmin * m1);
      }
    }
    return;
  case CQ_Q6_K:
    for (int b = 0; b < n / 256; b++) {
      const block_q6_K *blk = (const block_q6_K *)w + b;
      float d = half(blk->d);
      for (int k = 0; k < 8; k++) {
        __m256i q = _mm256_sub_epi8(q6_K_weights(blk, k), _mm256_set1_epi8(32));
        float *out = y + 256 * b + 32 * k;
        store16(out, _mm256_castsi256_si128(q), d * blk->scales[2 * k], 0);
        store16(out + 16, _mm256_extracti128_si256(q, 1), d * blk->scales[2 * k + 1], 0);
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

void cq_product_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                      int rowEnd, const cq_q8 *const *x, int T, int n, float *out, size_t ldo) {
  const uint8_t *base = (const uint8_t *)w;
  if (level > cq_level()) level = cq_level();
  if (level == CQ_LEVEL_AVX_VNNI && !has_avx_vnni) level = CQ_LEVEL_AVX2;
  if (level > CQ_LEVEL_AVX512_VNNI) level = CQ_LEVEL_AVX512_VNNI;
  switch (level) {
  case CQ_LEVEL_AVX512_VNNI:
    product_avx512(type, base, rowBytes, rowBegin, rowEnd, x, T, n, out, ldo);
    return;
  case CQ_LEVEL_AVX_VNNI:
    product_avxvnni(type, base, rowBytes, rowBegin, rowEnd, x, T, n, out, ldo);
    return;
  case CQ_LEVEL_AVX2:
    product_avx2(type, base, rowBytes, rowBegin, rowEnd, x, T, n, out, ldo);
    return;
  default:
    for (int t = 0; t < T; t++)
      for (int r = rowBegin; r < rowEnd; r++)
        out[(size_t)t * ldo + (size_t)(r - rowBegin)] =
          cq_dot_scalar(type, base + rowBytes * (size_t)r, x[t], n);
  }
}

#else  // not x86-64: scalar only

int cq_level(void) { return CQ_LEVEL_SCALAR; }

int cq_has_avx2(void) { return 0; }

void cq_quantize_q8(const float *x, cq_q8 *y, int n) { cq_quantize_q8_scalar(x, y, n); }

void cq_product_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                      int rowEnd, const cq_q8 *const *x, int T, int n, float *out, size_t ldo) {
  (void)level;
  for (int t = 0; t < T; t++)
    for (int r = rowBegin; r < rowEnd; r++)
      out[(size_t)t * ldo + (size_t)(r - rowBegin)] =
        cq_dot_scalar(type, (const uint8_t *)w + rowBytes * (size_t)r, x[t], n);
}

void cq_dequantize_rows(int type, const void *w, size_t rowBytes, int rows, int n, float *out) {
  cq_dequantize_rows_scalar(type, w, rowBytes, rows, n, out);
}

#endif

void cq_dequantize_rows_reference(int type, const void *w, size_t rowBytes, int rows, int n, float *out) {
  cq_dequantize_rows_scalar(type, w, rowBytes, rows, n, out);
}

void cq_matvec_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const cq_q8 *x, int n, float *out) {
  cq_product_level(level, type, w, rowBytes, rowBegin, rowEnd, &x, 1, n, out, 1);
}

void cq_matvec(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const cq_q8 *x, int n, float *out) {
  cq_matvec_level(cq_level(), type, w, rowBytes, rowBegin, rowEnd, x, n, out);
}
