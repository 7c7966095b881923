// The batched product: T activation rows (quantised once) times a range of weight rows.
//
// AVX512-VNNI: each weight row is decoded once into signed bytes in element order, a float
// scale per 4-byte lane (a block's scale, or a Q6_K half-block's) and, for Q4_1/Q4_K, a min
// coefficient per block; activations are stored as unsigned bytes (q + 128) so that vpdpbusd
// (unsigned × signed) takes them directly. The accumulator of each lane starts at
// -128 · (sum of its four weights), which removes the +128 exactly, in integers. Rows are taken
// two at a time and tokens four at a time: eight accumulators, each weight and activation load
// used two or four times.
//
// Other levels: the per-row dot products of avx2.c, all tokens per row while it is in L1.
#include "blocks.h"
#include "cquant.h"
#include "internal.h"
#include "x86.h"
#include <stdlib.h>
#include <string.h>

// Byte layout of a packed batch: this header, then the arrays it points into.
typedef struct {
  int tokens, n;
  int padded;  // n rounded up to 64 (one zmm of bytes); padding is zero
  int blocksPadded;  // n/32 rounded up to 16 (one zmm of floats); padding is zero
  cq_q8 *blocks;  // tokens × n/32
  uint8_t *xu;  // tokens × padded: q + 128
  float *xd;  // tokens × padded/4: the block's d for each 4-byte lane
  float *xdsum;  // tokens × blocksPadded: d · sum (Q4_K's min term)
  float *xs;  // tokens × blocksPadded: s (Q4_1's min term, F16-rounded as llama.cpp's Q8_1)
} batch;

static size_t round_up(size_t x, size_t to) { return (x + to - 1) / to * to; }

static void layout(batch *b, char *memory, int tokens, int n, size_t *total) {
  size_t T = (size_t)tokens, padded = round_up((size_t)n, 64);
  size_t blocksPadded = round_up((size_t)n / 32, 16);
  size_t at = round_up(sizeof(batch), 64);
  size_t blocksAt = at;
  at = round_up(at + T * (size_t)(n / 32) * sizeof(cq_q8), 64);
  size_t xuAt = at;
  at = round_up(at + T * padded, 64);
  size_t xdAt = at;
  at = round_up(at + T * padded, 64);  // padded/4 floats per token
  size_t xdsumAt = at;
  at = round_up(at + T * blocksPadded * sizeof(float), 64);
  size_t xsAt = at;
  at = round_up(at + T * blocksPadded * sizeof(float), 64);
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

static batch *aligned_batch(const void *memory) {
  return (batch *)round_up((size_t)memory, 64);
}

size_t cq_batch_bytes(int tokens, int n) {
  size_t total;
  layout(NULL, NULL, tokens, n, &total);
  return total;
}

void cq_batch_pack(const float *x, int tokens, int n, void *memory) {
  batch *b = aligned_batch(memory);
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
  const batch *b = aligned_batch(memory);
  return b->blocks + (size_t)t * (size_t)(b->n / 32);
}

// Per-token dot products with each row while it is in L1 (levels below AVX512-VNNI).
static void matmul_rows(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                        int rowEnd, const batch *b, float *out, size_t ldo) {
  for (int r = rowBegin; r < rowEnd; r++) {
    for (int t = 0; t < b->tokens; t++) {
      cq_matvec_level(level, type, w, rowBytes, r, r + 1, b->blocks + (size_t)t * (size_t)(b->n / 32),
                      b->n, out + (size_t)t * ldo + (size_t)(r - rowBegin));
    }
  }
}

#if defined(__x86_64__)

#define AVX512 __attribute__((target(AVX512_TARGETS)))
#define AVX512_INLINE static inline __attribute__((target(AVX512_TARGETS), always_inline))

// Which per-token min term a row's `mins` multiply.
enum { MIN_NONE, MIN_XDSUM, MIN_XS };

// One weight row decoded for vpdpbusd.
typedef struct {
  int8_t *w;  // padded bytes, element order
  int32_t *start;  // padded/4: -128 · the lane's four weights
  float *scale;  // padded/4: the lane's weight scale
  float *mins;  // blocksPadded: min coefficient per 32-block
  int minKind;
} decoded_row;

// Stores one 32-weight block: signed bytes q, scale lo for its first 16 and hi for the rest.
AVX512_INLINE void put_block(decoded_row *row, int k, __m256i q, float lo, float hi) {
  _mm256_storeu_si256((__m256i *)(row->w + 32 * k), q);
  __m256i lanes = _mm256_dpbusd_epi32(_mm256_setzero_si256(), _mm256_set1_epi8(1), q);
  _mm256_storeu_si256((__m256i *)(row->start + 8 * k), _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(lanes, 7)));
  _mm256_storeu_ps(row->scale + 8 * k, _mm256_setr_ps(lo, lo, lo, lo, hi, hi, hi, hi));
}

AVX512 static void decode_row(int type, const uint8_t *p, int n, decoded_row *row) {
  int nb = n / 32;
  row->minKind = MIN_NONE;
  const __m256i low = _mm256_set1_epi8(0x0F);
  switch (type) {
  case CQ_Q8_0:
    for (int k = 0; k < nb; k++) {
      const block_q8_0 *blk = (const block_q8_0 *)p + k;
      float d = half(blk->d);
      put_block(row, k, _mm256_loadu_si256((const __m256i *)blk->qs), d, d);
    }
    break;
  case CQ_Q5_0:
    for (int k = 0; k < nb; k++) {
      const block_q5_0 *blk = (const block_q5_0 *)p + k;
      float d = half(blk->d);
      __m256i q = _mm256_or_si256(nibbles(blk->qs), fifth_bits(blk->qh));
      put_block(row, k, _mm256_sub_epi8(q, _mm256_set1_epi8(16)), d, d);
    }
    break;
  case CQ_Q4_1:
    row->minKind = MIN_XS;
    for (int k = 0; k < nb; k++) {
      const block_q4_1 *blk = (const block_q4_1 *)p + k;
      float d = half(blk->d);
      put_block(row, k, nibbles(blk->qs), d, d);
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
        __m256i raw = _mm256_loadu_si256((const __m256i *)(blk->qs + 32 * j));
        int k = 8 * s + 2 * j;
        put_block(row, k, _mm256_and_si256(raw, low), d * s0, d * s0);
        put_block(row, k + 1, _mm256_and_si256(_mm256_srli_epi16(raw, 4), low), d * s1, d * s1);
        row->mins[k] = -dmin * m0;
        row->mins[k + 1] = -dmin * m1;
      }
    }
    break;
  case CQ_Q6_K:
    for (int s = 0; s < nb / 8; s++) {
      const block_q6_K *blk = (const block_q6_K *)p + s;
      float d = half(blk->d);
      for (int h = 0; h < 2; h++) {
        const int8_t *sc = blk->scales + 8 * h;
        __m256i q[4];
        q6_quarters(blk->ql + 64 * h, blk->qh + 32 * h, q);
        for (int j = 0; j < 4; j++) {
          put_block(row, 8 * s + 4 * h + j, _mm256_sub_epi8(q[j], _mm256_set1_epi8(32)),
                    d * sc[2 * j], d * sc[2 * j + 1]);
        }
      }
    }
    break;
  }
}

// out[r][t] for rows[0..R) × tokens [t0, t0 + TT): lane sums by vpdpbusd, scaled in floats.
AVX512_INLINE void tile(const decoded_row *rows, int R, const batch *b, int t0, int TT,
                        float out[2][4]) {
  __m512 acc[2][4];
  for (int r = 0; r < R; r++)
    for (int t = 0; t < TT; t++) acc[r][t] = _mm512_setzero_ps();
  int chunks = b->padded / 64;
  for (int c = 0; c < chunks; c++) {
    __m512i w[2], start[2];
    __m512 scale[2];
    for (int r = 0; r < R; r++) {
      w[r] = _mm512_load_si512(rows[r].w + 64 * c);
      start[r] = _mm512_load_si512(rows[r].start + 16 * c);
      scale[r] = _mm512_load_ps(rows[r].scale + 16 * c);
    }
    for (int t = 0; t < TT; t++) {
      size_t token = (size_t)(t0 + t);
      __m512i x = _mm512_load_si512(b->xu + token * b->padded + 64 * c);
      __m512 xd = _mm512_load_ps(b->xd + token * b->padded / 4 + 16 * c);
      for (int r = 0; r < R; r++) {
        __m512 sums = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(start[r], x, w[r]));
        acc[r][t] = _mm512_fmadd_ps(sums, _mm512_mul_ps(scale[r], xd), acc[r][t]);
      }
    }
  }
  for (int r = 0; r < R; r++)
    for (int t = 0; t < TT; t++) out[r][t] = _mm512_reduce_add_ps(acc[r][t]);
}

AVX512_INLINE float min_term(const decoded_row *row, const batch *b, int t) {
  if (row->minKind == MIN_NONE) return 0;
  const float *x = (row->minKind == MIN_XS ? b->xs : b->xdsum) + (size_t)t * b->blocksPadded;
  __m512 acc = _mm512_setzero_ps();
  for (int k = 0; k < b->blocksPadded; k += 16)
    acc = _mm512_fmadd_ps(_mm512_load_ps(row->mins + k), _mm512_load_ps(x + k), acc);
  return _mm512_reduce_add_ps(acc);
}

// Constant R and TT let the compiler keep the accumulators in registers.
#define TILE(r, tt) tile(rows, r, b, t0, tt, sums)

AVX512 static void matmul_avx512(int type, const uint8_t *w, size_t rowBytes, int rowBegin,
                                 int rowEnd, const batch *b, float *out, size_t ldo) {
  size_t padded = (size_t)b->padded, blocksPadded = (size_t)b->blocksPadded;
  size_t rowSize = padded + padded + padded + blocksPadded * sizeof(float);
  char *memory = aligned_alloc(64, 2 * rowSize);
  if (!memory) {
    matmul_rows(CQ_LEVEL_AVX_VNNI, type, w, rowBytes, rowBegin, rowEnd, b, out, ldo);
    return;
  }
  memset(memory, 0, 2 * rowSize);
  decoded_row rows[2];
  for (int i = 0; i < 2; i++) {
    char *at = memory + i * rowSize;
    rows[i] = (decoded_row){(int8_t *)at, (int32_t *)(at + padded), (float *)(at + 2 * padded),
                            (float *)(at + 3 * padded), MIN_NONE};
  }
  for (int r0 = rowBegin; r0 < rowEnd; r0 += 2) {
    int R = rowEnd - r0 >= 2 ? 2 : 1;
    for (int i = 0; i < R; i++) decode_row(type, w + rowBytes * (size_t)(r0 + i), b->n, &rows[i]);
    for (int t0 = 0; t0 < b->tokens; t0 += 4) {
      int TT = b->tokens - t0 >= 4 ? 4 : b->tokens - t0;
      float sums[2][4];
      if (R == 2) {
        switch (TT) {
        case 4: TILE(2, 4); break;
        case 3: TILE(2, 3); break;
        case 2: TILE(2, 2); break;
        default: TILE(2, 1);
        }
      } else {
        switch (TT) {
        case 4: TILE(1, 4); break;
        case 3: TILE(1, 3); break;
        case 2: TILE(1, 2); break;
        default: TILE(1, 1);
        }
      }
      for (int i = 0; i < R; i++) {
        for (int t = 0; t < TT; t++) {
          out[(size_t)(t0 + t) * ldo + (size_t)(r0 + i - rowBegin)] = sums[i][t] + min_term(&rows[i], b, t0 + t);
        }
      }
    }
  }
  free(memory);
}

#undef TILE

static int decodable(int type) {
  return type == CQ_Q8_0 || type == CQ_Q5_0 || type == CQ_Q4_1 || type == CQ_Q4_K || type == CQ_Q6_K;
}

void cq_matmul_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const void *memory, float *out, size_t ldo) {
  const batch *b = aligned_batch(memory);
  if (level > cq_level()) level = cq_level();
  if (level == CQ_LEVEL_AVX512_VNNI && decodable(type)) {
    matmul_avx512(type, (const uint8_t *)w, rowBytes, rowBegin, rowEnd, b, out, ldo);
  } else {
    matmul_rows(level, type, w, rowBytes, rowBegin, rowEnd, b, out, ldo);
  }
}

#else

void cq_matmul_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const void *memory, float *out, size_t ldo) {
  matmul_rows(level, type, w, rowBytes, rowBegin, rowEnd, aligned_batch(memory), out, ldo);
}

#endif

void cq_matmul(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const void *batch, float *out, size_t ldo) {
  cq_matmul_level(cq_level(), type, w, rowBytes, rowBegin, rowEnd, batch, out, ldo);
}
