// Internal to the batched product (batched.c, amx.c): the packed activations and a weight
// row decoded for AMX tiles.
#ifndef CQUANT_BATCH_H
#define CQUANT_BATCH_H
#include "cquant.h"
#include <stddef.h>
#include <stdint.h>

// Byte layout of a packed batch: this header, then the arrays it points into.
typedef struct {
  int tokens, n;
  int padded;  // n rounded up to 64 (one zmm of bytes); padding is zero
  int blocksPadded;  // n/32 rounded up to 16 (one zmm of floats); padding is zero
  cq_q8 *blocks;  // per token, n/32 blocks (`tokens` rows only)
  // Per token, for AMX (rows for tokens rounded up to 16, zero past `tokens`):
  uint8_t *xu;  // padded bytes: q + 128
  float *xd;  // blocksPadded: each block's d
  float *xsum;  // blocksPadded: each block's Σq (Q4_K's min term)
  float *xs;  // blocksPadded: each block's s (Q4_1's min term, F16-rounded as llama.cpp's Q8_1)
} batch;

/// The batch inside memory from cq_batch_bytes (its start aligned to 64 bytes).
batch *cq_aligned_batch(const void *memory);

// One weight row decoded for tdpbusd, with the per-block factors of the float order.
typedef struct {
  int8_t *w;  // padded bytes, element order
  int32_t *start;  // padded/4: -128 · the lane's four weights
  float *scale;  // blocksPadded: each 32-block's row scale (d, or the super-block's d)
  int32_t *mult;  // 2 · blocksPadded: each 16-weight half's integer scale (1 if none)
  float *mins;  // blocksPadded: Q4_1's m, Q4_K's sub-block min
  float *minScale;  // blocksPadded: Q4_K's dmin
} decoded_row;

/// Bytes of one decoded_row's arrays for rows padded bytes long.
static inline size_t cq_decoded_row_bytes(size_t padded, size_t blocksPadded) {
  return 2 * padded + 5 * blocksPadded * sizeof(float);
}

/// A decoded_row over `memory` (cq_decoded_row_bytes of it, 64-byte aligned).
static inline decoded_row cq_decoded_row_at(char *memory, size_t padded, size_t blocksPadded) {
  decoded_row row;
  row.w = (int8_t *)memory;
  row.start = (int32_t *)(memory + padded);
  row.scale = (float *)(memory + 2 * padded);
  row.mult = (int32_t *)(row.scale + blocksPadded);
  row.mins = (float *)(row.mult + 2 * blocksPadded);
  row.minScale = row.mins + blocksPadded;
  return row;
}

#if defined(__x86_64__)
/// Decodes one row of n weights (AVX512-VNNI; a type with cq_has_group_kernel).
void cq_decode_row(int type, const uint8_t *p, int n, decoded_row *row);

/// The batched product with AMX tiles; 0 (nothing written) when AMX is unavailable.
int cq_matmul_amx(int type, const uint8_t *w, size_t rowBytes, int rowBegin, int rowEnd,
                  const batch *b, float *out, size_t ldo);

/// Whether this process may use AMX tiles (asks Linux once).
int cq_amx_usable(void);
#endif
#endif
