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
  float *xd;  // padded/4: the block's d for each 4-byte lane
  float *xdsum;  // blocksPadded: d · sum (Q4_K's min term)
  float *xs;  // blocksPadded: s (Q4_1's min term, F16-rounded as llama.cpp's Q8_1)
} batch;

/// The batch inside memory from cq_batch_bytes (its start aligned to 64 bytes).
batch *cq_aligned_batch(const void *memory);

// Which per-token min term a row's `mins` multiply.
enum { MIN_NONE, MIN_XDSUM, MIN_XS };

// One weight row decoded for tdpbusd.
typedef struct {
  int8_t *w;  // padded bytes, element order
  int32_t *start;  // padded/4: -128 · the lane's four weights
  float *scale;  // padded/4: the lane's weight scale
  float *mins;  // blocksPadded: min coefficient per 32-block
  int minKind;
} decoded_row;

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
