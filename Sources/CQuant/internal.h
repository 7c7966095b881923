#ifndef CQUANT_INTERNAL_H
#define CQUANT_INTERNAL_H
#include "cquant.h"
void cq_q4_K_scale_min(int j, const uint8_t *q, uint8_t *scale, uint8_t *min);
void cq_quantize_q8_scalar(const float *x, cq_q8 *y, int n);
void cq_dequantize_rows_scalar(int type, const void *w, size_t rowBytes, int rows, int n, float *out);
float cq_dot_scalar(int type, const void *row, const cq_q8 *x, int n);
#endif
