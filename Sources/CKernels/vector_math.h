// Vectorised activations (AVX2 + FMA, chosen at run time like skinny_matmul.h), with a scalar
// libm fallback. Accuracy: exp is the Cephes single-precision polynomial (about 1 ulp); erf is
// Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7, so GELU is within about 2e-7·|x|.
#ifndef CRICQ_VECTOR_MATH_H
#define CRICQ_VECTOR_MATH_H

#include <math.h>
#include <stddef.h>

#include "skinny_matmul.h"

#ifdef CRICQ_HAS_AVX2_PATH
__attribute__((target("avx2,fma"))) static inline __m256 cricq_exp256(__m256 x) {
  x = _mm256_min_ps(x, _mm256_set1_ps(88.3762626647949f));
  x = _mm256_max_ps(x, _mm256_set1_ps(-88.3762626647949f));
  __m256 fx = _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f));
  fx = _mm256_floor_ps(fx);
  x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
  x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(-2.12194440e-4f), x);
  __m256 z = _mm256_mul_ps(x, x);
  __m256 y = _mm256_set1_ps(1.9875691500E-4f);
  y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507E-3f));
  y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073E-3f));
  y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894E-2f));
  y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459E-1f));
  y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201E-1f));
  y = _mm256_fmadd_ps(y, z, x);
  y = _mm256_add_ps(y, _mm256_set1_ps(1.0f));
  __m256i n = _mm256_add_epi32(_mm256_cvttps_epi32(fx), _mm256_set1_epi32(127));
  return _mm256_mul_ps(y, _mm256_castsi256_ps(_mm256_slli_epi32(n, 23)));
}

/// GELU, erf form, eight at a time: 0.5·x·(1 + erf(x/√2)).
__attribute__((target("avx2,fma"))) static inline __m256 cricq_gelu256(__m256 x) {
  const __m256 sign_mask = _mm256_set1_ps(-0.0f);
  __m256 u = _mm256_mul_ps(x, _mm256_set1_ps(0.70710678118654752f));
  __m256 a = _mm256_andnot_ps(sign_mask, u);  // |u|
  __m256 t = _mm256_div_ps(
      _mm256_set1_ps(1.0f), _mm256_fmadd_ps(a, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.0f)));
  __m256 poly = _mm256_set1_ps(1.061405429f);
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
  poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
  poly = _mm256_mul_ps(poly, t);
  __m256 e = cricq_exp256(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a)));
  __m256 erf_abs = _mm256_fnmadd_ps(poly, e, _mm256_set1_ps(1.0f));  // erf(|u|)
  __m256 erf_u = _mm256_or_ps(erf_abs, _mm256_and_ps(u, sign_mask));  // restore the sign
  __m256 half_x = _mm256_mul_ps(x, _mm256_set1_ps(0.5f));
  return _mm256_fmadd_ps(half_x, erf_u, half_x);
}

__attribute__((target("avx2,fma"))) static inline void cricq_gelu_avx2(
    float *y, const float *x, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, cricq_gelu256(_mm256_loadu_ps(x + i)));
  for (; i < n; i++) y[i] = 0.5f * x[i] * (1.0f + erff(x[i] * 0.70710678118654752f));
}
#endif

/// y = GELU(x) over n floats (may be in place).
static inline void cricq_gelu(float *y, const float *x, long n) {
#ifdef CRICQ_HAS_AVX2_PATH
  if (cricq_skinny_matmul_is_vectorised()) {
    cricq_gelu_avx2(y, x, n);
    return;
  }
#endif
  for (long i = 0; i < n; i++) y[i] = 0.5f * x[i] * (1.0f + erff(x[i] * 0.70710678118654752f));
}

#endif
