#ifndef CQUANT_INTERNAL_H
#define CQUANT_INTERNAL_H
#include "cquant.h"
void cq_q4_K_scale_min(int j, const uint8_t *q, uint8_t *scale, uint8_t *min);
void cq_quantize_q8_scalar(const float *x, cq_q8 *y, int n);
void cq_dequantize_rows_scalar(int type, const void *w, size_t rowBytes, int rows, int n, float *out);
/// row · x in the float order of every level (docs/GENERATOR.md), with scalar code.
float cq_dot_scalar(int type, const void *row, const cq_q8 *x, int n);

/// The types with integer kernels at every level (others go through the double reference).
static inline int cq_has_group_kernel(int type) {
  return type == CQ_Q8_0 || type == CQ_Q5_0 || type == CQ_Q4_1 || type == CQ_Q4_K
    || type == CQ_Q6_K;
}

/// out[t * ldo + r - rowBegin] = row r · x[t] for r in [rowBegin, rowEnd) and T tokens, with
/// the kernels of `level` (lowered to what the CPU runs; AMX as AVX512-VNNI).
void cq_product_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                      int rowEnd, const cq_q8 *const *x, int T, int n, float *out, size_t ldo);
#endif
