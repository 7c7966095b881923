// Portable scalar kernels: the reference the AVX2 path is tested against, and the fallback.
#include "blocks.h"
#include "cquant.h"
#include "internal.h"
#include <math.h>
#include <string.h>

float cq_f16_to_f32(uint16_t h) {
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
      mantissa &= 0x3FF;
      bits = sign | (exponent << 23) | (mantissa << 13);
    }
  } else if (exponent == 31) {
    bits = sign | 0x7F800000 | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

uint16_t cq_f32_to_f16(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  int32_t exponent = (int32_t)((x >> 23) & 0xFF) - 127 + 15;
  uint32_t mantissa = x & 0x7FFFFF;
  if (((x >> 23) & 0xFF) == 0xFF) return (uint16_t)(sign | 0x7C00 | (mantissa ? 0x200 : 0));
  if (exponent >= 31) return (uint16_t)(sign | 0x7C00);
  if (exponent <= 0) {  // subnormal or zero
    if (exponent < -10) return (uint16_t)sign;
    mantissa |= 0x800000;
    uint32_t shift = (uint32_t)(14 - exponent);
    uint32_t half = mantissa >> shift;
    uint32_t rest = mantissa & ((1u << shift) - 1), midpoint = 1u << (shift - 1);
    if (rest > midpoint || (rest == midpoint && (half & 1))) half++;
    return (uint16_t)(sign | half);
  }
  uint32_t half = sign | ((uint32_t)exponent << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1FFF;
  if (rest > 0x1000 || (rest == 0x1000 && (half & 1))) half++;  // may carry into the exponent
  return (uint16_t)half;
}

static float round_f16(float f) { return cq_f16_to_f32(cq_f32_to_f16(f)); }

int cq_supports(int type) {
  switch (type) {
  case CQ_F32: case CQ_F16: case CQ_Q4_1: case CQ_Q5_0: case CQ_Q8_0: case CQ_Q4_K: case CQ_Q6_K:
    return 1;
  default:
    return 0;
  }
}

void cq_q4_K_scale_min(int j, const uint8_t *q, uint8_t *scale, uint8_t *min) {
  if (j < 4) {
    *scale = q[j] & 63;
    *min = q[j + 4] & 63;
  } else {
    *scale = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
    *min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
  }
}

void cq_quantize_q8_scalar(const float *x, cq_q8 *y, int n) {
  for (int b = 0; b < n / 32; b++) {
    const float *v = x + 32 * b;
    float amax = 0;
    for (int i = 0; i < 32; i++) amax = fmaxf(amax, fabsf(v[i]));
    float d = amax / 127.0f;
    float id = amax > 0 ? 127.0f / amax : 0.0f;
    int sum = 0;
    for (int i = 0; i < 32; i++) {
      int q = (int)nearbyintf(v[i] * id);
      y[b].qs[i] = (int8_t)q;
      sum += q;
    }
    y[b].d = round_f16(d);
    y[b].s = round_f16(d * (float)sum);
    y[b].sum = sum;
  }
}

// Dequantises one row of n elements.
static void dequantize_row(int type, const uint8_t *w, int n, float *y) {
  switch (type) {
  case CQ_F32:
    memcpy(y, w, sizeof(float) * (size_t)n);
    break;
  case CQ_F16:
    for (int i = 0; i < n; i++) {
      uint16_t h;
      memcpy(&h, w + 2 * i, 2);
      y[i] = cq_f16_to_f32(h);
    }
    break;
  case CQ_Q8_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q8_0 *blk = (const block_q8_0 *)w + b;
      float d = cq_f16_to_f32(blk->d);
      for (int i = 0; i < 32; i++) y[32 * b + i] = d * blk->qs[i];
    }
    break;
  case CQ_Q4_1:
    for (int b = 0; b < n / 32; b++) {
      const block_q4_1 *blk = (const block_q4_1 *)w + b;
      float d = cq_f16_to_f32(blk->d), m = cq_f16_to_f32(blk->m);
      for (int i = 0; i < 16; i++) {
        y[32 * b + i] = d * (blk->qs[i] & 0xF) + m;
        y[32 * b + i + 16] = d * (blk->qs[i] >> 4) + m;
      }
    }
    break;
  case CQ_Q5_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q5_0 *blk = (const block_q5_0 *)w + b;
      float d = cq_f16_to_f32(blk->d);
      uint32_t qh;
      memcpy(&qh, blk->qh, 4);
      for (int i = 0; i < 16; i++) {
        int lo = (blk->qs[i] & 0xF) | (((qh >> i) & 1) << 4);
        int hi = (blk->qs[i] >> 4) | (((qh >> (i + 16)) & 1) << 4);
        y[32 * b + i] = d * (lo - 16);
        y[32 * b + i + 16] = d * (hi - 16);
      }
    }
    break;
  case CQ_Q4_K:
    for (int b = 0; b < n / 256; b++) {
      const block_q4_K *blk = (const block_q4_K *)w + b;
      float d = cq_f16_to_f32(blk->d), dmin = cq_f16_to_f32(blk->dmin);
      float *out = y + 256 * b;
      for (int j = 0; j < 4; j++) {
        uint8_t s0, m0, s1, m1;
        cq_q4_K_scale_min(2 * j, blk->scales, &s0, &m0);
        cq_q4_K_scale_min(2 * j + 1, blk->scales, &s1, &m1);
        const uint8_t *q = blk->qs + 32 * j;
        for (int i = 0; i < 32; i++) {
          out[64 * j + i] = d * s0 * (q[i] & 0xF) - dmin * m0;
          out[64 * j + 32 + i] = d * s1 * (q[i] >> 4) - dmin * m1;
        }
      }
    }
    break;
  case CQ_Q6_K:
    for (int b = 0; b < n / 256; b++) {
      const block_q6_K *blk = (const block_q6_K *)w + b;
      float d = cq_f16_to_f32(blk->d);
      for (int half = 0; half < 2; half++) {
        const uint8_t *ql = blk->ql + 64 * half;
        const uint8_t *qh = blk->qh + 32 * half;
        const int8_t *sc = blk->scales + 8 * half;
        float *out = y + 256 * b + 128 * half;
        for (int l = 0; l < 32; l++) {
          int is = l / 16;
          int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
          int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
          int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
          int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
          out[l] = d * sc[is] * q1;
          out[l + 32] = d * sc[is + 2] * q2;
          out[l + 64] = d * sc[is + 4] * q3;
          out[l + 96] = d * sc[is + 6] * q4;
        }
      }
    }
    break;
  default:
    memset(y, 0, sizeof(float) * (size_t)n);
  }
}

void cq_dequantize_rows_scalar(int type, const void *w, size_t rowBytes, int rows, int n,
                               float *out) {
  for (int r = 0; r < rows; r++) {
    dequantize_row(type, (const uint8_t *)w + rowBytes * (size_t)r, n, out + (size_t)r * n);
  }
}

float cq_dot_reference(int type, const void *row, const cq_q8 *x, int n) {
  if (type == CQ_Q4_1) {  // min term through the F16 scaled sum, as llama.cpp's Q8_1 does
    double sum = 0;
    for (int b = 0; b < n / 32; b++) {
      const block_q4_1 *blk = (const block_q4_1 *)row + b;
      int dot = 0;
      for (int i = 0; i < 16; i++) dot += (blk->qs[i] & 0xF) * x[b].qs[i] + (blk->qs[i] >> 4) * x[b].qs[i + 16];
      sum += (double)cq_f16_to_f32(blk->d) * x[b].d * dot + (double)cq_f16_to_f32(blk->m) * x[b].s;
    }
    return (float)sum;
  }
  float w[256];
  double sum = 0;
  for (int start = 0; start < n; start += 256) {
    int len = n - start < 256 ? n - start : 256;
    int blockSize = (type == CQ_Q4_K || type == CQ_Q6_K) ? 256 : (type == CQ_F32 || type == CQ_F16) ? 1 : 32;
    size_t blockBytes = type == CQ_F32 ? 4 : type == CQ_F16 ? 2 : type == CQ_Q8_0 ? 34
      : type == CQ_Q4_1 ? 20 : type == CQ_Q5_0 ? 22 : type == CQ_Q4_K ? 144 : 210;
    if (blockSize == 256 && len < 256) return NAN;
    dequantize_row(type, (const uint8_t *)row + (size_t)(start / blockSize) * blockBytes, len, w);
    for (int i = 0; i < len; i++) {
      const cq_q8 *blk = x + (start + i) / 32;
      sum += (double)w[i] * blk->d * blk->qs[(start + i) % 32];
    }
  }
  return (float)sum;
}

// The float order of every level (docs/GENERATOR.md): per scale block (32 weights; Q6_K 16)
// in order, acc = fma(V, C, acc) with V the exact integer block sum and C = row scale ·
// activation scale, then the block's min term by a second FMA.
float cq_dot_scalar(int type, const void *row, const cq_q8 *x, int n) {
  float acc = 0;
  switch (type) {
  case CQ_Q8_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q8_0 *blk = (const block_q8_0 *)row + b;
      int sum = 0;
      for (int i = 0; i < 32; i++) sum += blk->qs[i] * x[b].qs[i];
      acc = fmaf((float)sum, cq_f16_to_f32(blk->d) * x[b].d, acc);
    }
    return acc;
  case CQ_Q5_0:
    for (int b = 0; b < n / 32; b++) {
      const block_q5_0 *blk = (const block_q5_0 *)row + b;
      uint32_t qh;
      memcpy(&qh, blk->qh, 4);
      int sum = 0;
      for (int i = 0; i < 16; i++) {
        int lo = (blk->qs[i] & 0xF) | (((qh >> i) & 1) << 4);
        int hi = (blk->qs[i] >> 4) | (((qh >> (i + 16)) & 1) << 4);
        sum += (lo - 16) * x[b].qs[i] + (hi - 16) * x[b].qs[i + 16];
      }
      acc = fmaf((float)sum, cq_f16_to_f32(blk->d) * x[b].d, acc);
    }
    return acc;
  case CQ_Q4_1:
    for (int b = 0; b < n / 32; b++) {
      const block_q4_1 *blk = (const block_q4_1 *)row + b;
      int sum = 0;
      for (int i = 0; i < 16; i++)
        sum += (blk->qs[i] & 0xF) * x[b].qs[i] + (blk->qs[i] >> 4) * x[b].qs[i + 16];
      acc = fmaf((float)sum, cq_f16_to_f32(blk->d) * x[b].d, acc);
      acc = fmaf(cq_f16_to_f32(blk->m), x[b].s, acc);
    }
    return acc;
  case CQ_Q4_K:
    for (int s = 0; s < n / 256; s++) {
      const block_q4_K *blk = (const block_q4_K *)row + s;
      float d = cq_f16_to_f32(blk->d), dmin = cq_f16_to_f32(blk->dmin);
      for (int k = 0; k < 8; k++) {
        const cq_q8 *xb = x + 8 * s + k;
        uint8_t scale, min;
        cq_q4_K_scale_min(k, blk->scales, &scale, &min);
        const uint8_t *q = blk->qs + 32 * (k / 2);
        int sum = 0;
        for (int i = 0; i < 32; i++) sum += ((k & 1) ? q[i] >> 4 : q[i] & 0xF) * xb->qs[i];
        float rowScale = d * scale, minScale = -dmin * min;
        acc = fmaf((float)sum, rowScale * xb->d, acc);
        acc = fmaf(minScale, xb->d * (float)xb->sum, acc);
      }
    }
    return acc;
  case CQ_Q6_K:  // scale blocks of 16 weights
    for (int s = 0; s < n / 256; s++) {
      const block_q6_K *blk = (const block_q6_K *)row + s;
      float d = cq_f16_to_f32(blk->d);
      for (int k = 0; k < 8; k++) {
        const cq_q8 *xb = x + 8 * s + k;
        int h = k / 4, quarter = k % 4;
        const uint8_t *ql = blk->ql + 64 * h + 32 * (quarter & 1), *qh = blk->qh + 32 * h;
        for (int half = 0; half < 2; half++) {
          int sum = 0;
          for (int i = 16 * half; i < 16 * half + 16; i++) {
            int low = quarter >= 2 ? ql[i] >> 4 : ql[i] & 0xF;
            sum += ((low | (((qh[i] >> (2 * quarter)) & 3) << 4)) - 32) * xb->qs[i];
          }
          float rowScale = d * blk->scales[2 * k + half];
          acc = fmaf((float)sum, rowScale * xb->d, acc);
        }
      }
    }
    return acc;
  default:
    return cq_dot_reference(type, row, x, n);
  }
}
