// The batched product: T activation rows (quantised once) times a range of weight rows.
//
// Below CQ_AMX_MIN_TOKENS tokens (or without AMX) the one-token kernels of avx2.c take up to
// sixteen tokens per decoded group of eight rows (dot_kernels.h). From 16 tokens with AMX, weight
// rows are decoded here (cq_decode_row: signed bytes in element order plus the per-block
// factors) and multiplied on tiles (amx.c). Both compute each row · token in the same float
// order as one token does (docs/GENERATOR.md), so the results are bit for bit those of
// cq_matvec.
#include "blocks.h"
#include "cquant.h"
#include "batch.h"
#include "internal.h"
#include "x86.h"
#include <stdlib.h>
#include <string.h>

static size_t round_up(size_t x, size_t to) { return (x + to - 1) / to * to; }

static void layout(batch *b, char *memory, int tokens, int n, size_t *total) {
  size_t T = (size_t)tokens, T16 = round_up(T, 16), padded = round_up((size_t)n, 64);
  size_t blocksPadded = round_up((size_t)n / 32, 16);
  size_t at = round_up(sizeof(batch), 64);
  size_t blocksAt = at;
  at = round_up(at + T * (size_t)(n / 32) * sizeof(cq_q8), 64);
  size_t xuAt = at;
  // Per-token arrays have room for a multiple of 16 tokens (zero): AMX takes 16 at a time.
  at = round_up(at + T16 * padded, 64);
  size_t xdAt = at;
  at = round_up(at + T16 * padded, 64);  // padded/4 floats per token
  size_t xdsumAt = at;
  at = round_up(at + T16 * blocksPadded * sizeof(float), 64);
  size_t xsAt = at;
  at = round_up(at + T16 * blocksPadded * sizeof(float), 64);
  *total = at + 64;  // slack to align the start
  if (!b) return;
  b->tokens = tokens;
  b->n = n;
  b->padded = (int)padded;
  b->blocksPadded = (int)blocksPadded;
  b->blocks = (cq_q8 *)(memory + blocksAt);
  b->xu = (uint8_t *)(memory + xuAt);
  b->xd = (float *)(memory + xdAt);
  b->xdsum = (float *)(memory + xdsumAt);
  b->xs = (float *)(memory + xsAt);
}

batch *cq_aligned_batch(const void *memory) { return (batch *)round_up((size_t)memory, 64); }

size_t cq_batch_bytes(int tokens, int n) {
  size_t total;
  layout(NULL, NULL, tokens, n, &total);
  return total;
}

void cq_batch_pack(const float *x, int tokens, int n, void *memory) {
  batch *b = cq_aligned_batch(memory);
  size_t total;
  layout(b, (char *)b, tokens, n, &total);
  memset((char *)b->xu, 0, total - ((char *)b->xu - (char *)b) - 64);
  int nb = n / 32;
  for (int t = 0; t < tokens; t++) {
    cq_q8 *blocks = b->blocks + (size_t)t * nb;
    cq_quantize_q8(x + (size_t)t * n, blocks, n);
    uint8_t *xu = b->xu + (size_t)t * b->padded;
    float *xd = b->xd + (size_t)t * b->padded / 4;
    for (int k = 0; k < nb; k++) {
      for (int i = 0; i < 32; i++) xu[32 * k + i] = (uint8_t)(blocks[k].qs[i] + 128);
      for (int i = 0; i < 8; i++) xd[8 * k + i] = blocks[k].d;
      b->xdsum[(size_t)t * b->blocksPadded + k] = blocks[k].d * (float)blocks[k].sum;
      b->xs[(size_t)t * b->blocksPadded + k] = blocks[k].s;
    }
  }
}

const cq_q8 *cq_batch_blocks(const void *memory, int t) {
  const batch *b = cq_aligned_batch(memory);
  return b->blocks + (size_t)t * (size_t)(b->n / 32);
}

// The kernels of `level` below AMX, all tokens of the batch.
static void matmul_groups(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                          int rowEnd, const batch *b, float *out, size_t ldo) {
  const cq_q8 *x[CQ_AMX_MIN_TOKENS];
  for (int t0 = 0; t0 < b->tokens; t0 += CQ_AMX_MIN_TOKENS) {
    int T = b->tokens - t0 < CQ_AMX_MIN_TOKENS ? b->tokens - t0 : CQ_AMX_MIN_TOKENS;
    for (int t = 0; t < T; t++) x[t] = b->blocks + (size_t)(t0 + t) * (size_t)(b->n / 32);
    cq_product_level(level, type, w, rowBytes, rowBegin, rowEnd, x, T, b->n,
                     out + (size_t)t0 * ldo, ldo);
  }
}

#if defined(__x86_64__)

#define AVX512 __attribute__((target(AVX512_TARGETS)))
#define AVX512_INLINE static inline __attribute__((target(AVX512_TARGETS), always_inline))

// Stores one 32-weight block: signed bytes q, scale lo for its first 16 and hi for the rest.
AVX512_INLINE void put_block(decoded_row *row, int k, __m256i q, float lo, float hi) {
  _mm256_storeu_si256((__m256i *)(row->w + 32 * k), q);
  __m256i lanes = _mm256_dpbusd_epi32(_mm256_setzero_si256(), _mm256_set1_epi8(1), q);
  _mm256_storeu_si256((__m256i *)(row->start + 8 * k), _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(lanes, 7)));
  _mm256_storeu_ps(row->scale + 8 * k, _mm256_setr_ps(lo, lo, lo, lo, hi, hi, hi, hi));
}

// The row scales and min coefficients are rounded here as the one-token kernel rounds them
// (d · scale, -dmin · min in floats), so that the tiles' results equal it bit for bit.
AVX512 void cq_decode_row(int type, const uint8_t *p, int n, decoded_row *row) {
  int nb = n / 32;
  row->minKind = MIN_NONE;
  switch (type) {
  case CQ_Q8_0:
    for (int k = 0; k < nb; k++) {
      const block_q8_0 *blk = (const block_q8_0 *)p + k;
      float d = half(blk->d);
      put_block(row, k, q8_0_weights(blk), d, d);
    }
    break;
  case CQ_Q5_0:
    for (int k = 0; k < nb; k++) {
      const block_q5_0 *blk = (const block_q5_0 *)p + k;
      float d = half(blk->d);
      put_block(row, k, _mm256_sub_epi8(q5_0_weights(blk), _mm256_set1_epi8(16)), d, d);
    }
    break;
  case CQ_Q4_1:
    row->minKind = MIN_XS;
    for (int k = 0; k < nb; k++) {
      const block_q4_1 *blk = (const block_q4_1 *)p + k;
      float d = half(blk->d);
      put_block(row, k, q4_1_weights(blk), d, d);
      row->mins[k] = half(blk->m);
    }
    break;
  case CQ_Q4_K:
    row->minKind = MIN_XDSUM;
    for (int s = 0; s < nb / 8; s++) {
      const block_q4_K *blk = (const block_q4_K *)p + s;
      float d = half(blk->d), dmin = half(blk->dmin);
      for (int j = 0; j < 4; j++) {
        uint8_t s0, m0, s1, m1;
        cq_q4_K_scale_min(2 * j, blk->scales, &s0, &m0);
        cq_q4_K_scale_min(2 * j + 1, blk->scales, &s1, &m1);
        __m256i lo, hi;
        q4_K_weights(blk, j, &lo, &hi);
        int k = 8 * s + 2 * j;
        put_block(row, k, lo, d * s0, d * s0);
        put_block(row, k + 1, hi, d * s1, d * s1);
        row->mins[k] = -dmin * m0;
        row->mins[k + 1] = -dmin * m1;
      }
    }
    break;
  case CQ_Q6_K:
    for (int s = 0; s < nb / 8; s++) {
      const block_q6_K *blk = (const block_q6_K *)p + s;
      float d = half(blk->d);
      for (int k = 0; k < 8; k++) {
        put_block(row, 8 * s + k, _mm256_sub_epi8(q6_K_weights(blk, k), _mm256_set1_epi8(32)),
                  d * blk->scales[2 * k],
                  d * blk->scales[2 * k + 1]);
      }
    }
    break;
  }
}

void cq_matmul_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const void *memory, float *out, size_t ldo) {
  const batch *b = cq_aligned_batch(memory);
  if (level > cq_level()) level = cq_level();
  if (level == CQ_LEVEL_AMX && b->tokens >= CQ_AMX_MIN_TOKENS && cq_has_group_kernel(type)
      && cq_matmul_amx(type, (const uint8_t *)w, rowBytes, rowBegin, rowEnd, b, out, ldo)) {
    return;
  }
  matmul_groups(level, type, w, rowBytes, rowBegin, rowEnd, b, out, ldo);
}

#else

void cq_matmul_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const void *memory, float *out, size_t ldo) {
  matmul_groups(level, type, w, rowBytes, rowBegin, rowEnd, cq_aligned_batch(memory), out, ldo);
}

#endif

void cq_matmul(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const void *batch, float *out, size_t ldo) {
  cq_matmul_level(cq_level(), type, w, rowBytes, rowBegin, rowEnd, batch, out, ldo);
}
