// The batched product on AMX tiles (Sapphire Rapids and later Xeons).
//
// One tdpbusd multiplies 16 tokens' activation bytes (q + 128) by 16 weight rows' signed bytes
// over one scale block (32 weights; 16 for Q6_K, whose scales are per 16): a 16 × 16 tile of
// exact int32 block sums. Each tile is stored and scaled in floats, 16 rows per zmm, in the
// float order of every level (docs/GENERATOR.md): per 32-block, acc = fma(V, C, acc) with V
// the exact block sum (Q4_K: times the sub-block scale; Q6_K: Σ half scale · half sum, in
// integers) and C = row scale · token scale, then the min term. One lane per row, blocks in
// order: the same operations as the one-token kernel's lanes, so the same bits.
//
// Weights are decoded 16 rows at a time (cq_decode_row) and repacked into tile order; tokens
// are padded to 16 with zeros (the packed batch has room), and unused rows and tokens are
// computed but not stored.
#include "batch.h"
#include "x86.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#define AMX __attribute__((target("amx-tile,amx-int8," AVX512_TARGETS)))

// Linux keeps AMX state off until a process asks (ARCH_REQ_XCOMP_PERM for XTILEDATA).
static int amx_state = -1;

int cq_amx_usable(void) {
  if (amx_state < 0) {
    unsigned a, b, c, d;
    int cpu = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (d & (1u << 24)) && (d & (1u << 25));
#if defined(__linux__)
    amx_state = cpu && syscall(SYS_arch_prctl, 0x1023, 18) == 0;
#else
    amx_state = 0;
#endif
  }
  return amx_state;
}

static size_t round_up_64(size_t x) { return (x + 63) / 64 * 64; }

typedef struct {
  uint8_t palette, startRow, reserved[14];
  uint16_t bytesPerRow[16];
  uint8_t rows[16];
} tile_config;

// A group of 16 weight rows in tile order, per tile block tb (length L), and their per-32-block
// factors, 16 rows per zmm.
typedef struct {
  int L, count, blocks;  // tile block length; tile blocks and 32-blocks per row
  int type;
  int32_t *tiles;  // padded/4 × 16 dwords: tiles[tb][k][row] = bytes 4k..4k+3 of block tb
  int32_t *offsets;  // count × 16: -128 · the block's weight sum, per row
  float *scales;  // blocks × 16
  int32_t *mult;  // 2 · blocks × 16: per 16-weight half
  float *mins, *minScales;  // blocks × 16
} row_group;

// Transposes a 16 × 16 matrix of dwords: row i of `in` (stride `stride` dwords) becomes column i.
AMX static inline void transpose16(const int32_t *in, size_t stride, __m512i out[16]) {
  __m512i a[16], b[16];
  for (int i = 0; i < 16; i++) a[i] = _mm512_loadu_si512(in + (size_t)i * stride);
  for (int i = 0; i < 16; i += 2) {
    b[i] = _mm512_unpacklo_epi32(a[i], a[i + 1]);
    b[i + 1] = _mm512_unpackhi_epi32(a[i], a[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    a[i] = _mm512_unpacklo_epi64(b[i], b[i + 2]);
    a[i + 1] = _mm512_unpackhi_epi64(b[i], b[i + 2]);
    a[i + 2] = _mm512_unpacklo_epi64(b[i + 1], b[i + 3]);
    a[i + 3] = _mm512_unpackhi_epi64(b[i + 1], b[i + 3]);
  }
  // a[4g + j] now holds, in each 128-bit lane q, dword j of rows 4g..4g+3 at column 4q + j'.
  for (int i = 0; i < 4; i++) {
    for (int g = 0; g < 4; g += 2) {
      b[4 * g + i] = _mm512_shuffle_i32x4(a[4 * g + i], a[4 * (g + 1) + i], 0x88);
      b[4 * (g + 1) + i] = _mm512_shuffle_i32x4(a[4 * g + i], a[4 * (g + 1) + i], 0xDD);
    }
    out[i] = _mm512_shuffle_i32x4(b[i], b[8 + i], 0x88);
    out[8 + i] = _mm512_shuffle_i32x4(b[i], b[8 + i], 0xDD);
    out[4 + i] = _mm512_shuffle_i32x4(b[4 + i], b[12 + i], 0x88);
    out[12 + i] = _mm512_shuffle_i32x4(b[4 + i], b[12 + i], 0xDD);
  }
}

// The 16 decoded rows (rows past `count` are zero) in tile order, 64 weights at a time.
AMX static void repack(const decoded_row *rows, int count, int padded, row_group *g) {
  int lanes = g->L / 4;
  size_t stride = (size_t)(rows[1].w - rows[0].w) / 4;  // dwords from one row to the next
  for (int c = 0; c < padded / 64; c++) {
    __m512i w[16], start[16];
    transpose16((const int32_t *)rows[0].w + 16 * c, stride, w);
    transpose16(rows[0].start + 16 * c, stride, start);
    for (int j = 0; j < 16; j++) _mm512_store_si512(g->tiles + (size_t)(16 * c + j) * 16, w[j]);
    for (int k = 0; k < 16 / lanes; k++) {
      int tb = c * 16 / lanes + k;
      if (tb >= g->count) break;
      __m512i offset = start[k * lanes];
      for (int j = 1; j < lanes; j++) offset = _mm512_add_epi32(offset, start[k * lanes + j]);
      _mm512_store_si512(g->offsets + 16 * tb, offset);
    }
  }
  for (int r = 0; r < count; r++) {
    for (int k = 0; k < g->blocks; k++) {
      g->scales[16 * k + r] = rows[r].scale[k];
      g->mult[32 * k + r] = rows[r].mult[2 * k];
      g->mult[32 * k + 16 + r] = rows[r].mult[2 * k + 1];
      g->mins[16 * k + r] = rows[r].mins[k];
      g->minScales[16 * k + r] = rows[r].minScale[k];
    }
  }
}

// The 16 × 16 int32 block sums (token-major) of activation bytes x and tile block tb into tile 0.
AMX static inline void tile_sums(const row_group *g, const uint8_t *x, int tb, int padded,
                                 int32_t *sums) {
  _tile_zero(0);
  _tile_loadd(1, x + (size_t)tb * g->L, padded);
  _tile_loadd(2, g->tiles + (size_t)tb * (g->L / 4) * 16, 64);
  _tile_dpbusd(0, 1, 2);
  _tile_stored(0, sums, 64);
}

// acc[t] (16 rows of output for token t0 + t) over every 32-block.
AMX static void group_times_tokens(const row_group *g, const batch *b, int t0, __m512 acc[16]) {
  int32_t lo[16 * 16] __attribute__((aligned(64)));
  int32_t hi[16 * 16] __attribute__((aligned(64)));
  for (int t = 0; t < 16; t++) acc[t] = _mm512_setzero_ps();
  const uint8_t *x = b->xu + (size_t)t0 * b->padded;
  size_t stride = (size_t)b->blocksPadded;
  const float *xd = b->xd + (size_t)t0 * stride, *xs = b->xs + (size_t)t0 * stride;
  const float *xsum = b->xsum + (size_t)t0 * stride;
  for (int k = 0; k < g->blocks; k++) {
    __m512 scale = _mm512_load_ps(g->scales + 16 * k);
    if (g->type == CQ_Q6_K) {
      tile_sums(g, x, 2 * k, b->padded, lo);
      tile_sums(g, x, 2 * k + 1, b->padded, hi);
      __m512i offLo = _mm512_load_si512(g->offsets + 32 * k);
      __m512i offHi = _mm512_load_si512(g->offsets + 32 * k + 16);
      __m512i multLo = _mm512_load_si512(g->mult + 32 * k);
      __m512i multHi = _mm512_load_si512(g->mult + 32 * k + 16);
      for (int t = 0; t < 16; t++) {
        __m512i sLo = _mm512_add_epi32(_mm512_load_si512(lo + 16 * t), offLo);
        __m512i sHi = _mm512_add_epi32(_mm512_load_si512(hi + 16 * t), offHi);
        __m512i s = _mm512_add_epi32(_mm512_mullo_epi32(sLo, multLo),
                                     _mm512_mullo_epi32(sHi, multHi));
        __m512 c = _mm512_mul_ps(scale, _mm512_set1_ps(xd[(size_t)t * stride + k]));
        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), c, acc[t]);
      }
      continue;
    }
    tile_sums(g, x, k, b->padded, lo);
    __m512i offset = _mm512_load_si512(g->offsets + 16 * k);
    if (g->type == CQ_Q4_K) {
      __m512 mult = _mm512_cvtepi32_ps(_mm512_load_si512(g->mult + 32 * k));
      __m512 mins = _mm512_load_ps(g->mins + 16 * k);
      __m512 minScale = _mm512_load_ps(g->minScales + 16 * k);
      for (int t = 0; t < 16; t++) {
        __m512 d = _mm512_set1_ps(xd[(size_t)t * stride + k]);
        __m512i s = _mm512_add_epi32(_mm512_load_si512(lo + 16 * t), offset);
        __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(s), mult);
        acc[t] = _mm512_fmadd_ps(v, _mm512_mul_ps(scale, d), acc[t]);
        __m512 mq = _mm512_mul_ps(mins, _mm512_set1_ps(xsum[(size_t)t * stride + k]));
        acc[t] = _mm512_fnmadd_ps(mq, _mm512_mul_ps(minScale, d), acc[t]);
      }
      continue;
    }
    __m512 mins = _mm512_load_ps(g->mins + 16 * k);
    for (int t = 0; t < 16; t++) {
      __m512i s = _mm512_add_epi32(_mm512_load_si512(lo + 16 * t), offset);
      __m512 c = _mm512_mul_ps(scale, _mm512_set1_ps(xd[(size_t)t * stride + k]));
      acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), c, acc[t]);
      if (g->type == CQ_Q4_1)
        acc[t] = _mm512_fmadd_ps(mins, _mm512_set1_ps(xs[(size_t)t * stride + k]), acc[t]);
    }
  }
}

AMX int cq_matmul_amx(int type, const uint8_t *w, size_t rowBytes, int rowBegin, int rowEnd,
                      const batch *b, float *out, size_t ldo) {
  if (!cq_amx_usable()) return 0;
  int L = type == CQ_Q6_K ? 16 : 32, count = b->n / L, blocks = b->n / 32;
  size_t padded = (size_t)b->padded, blocksPadded = (size_t)b->blocksPadded;
  size_t rowSize = cq_decoded_row_bytes(padded, blocksPadded);
  size_t perBlock = 16 * (sizeof(float) + 2 * sizeof(int32_t) + 2 * sizeof(float));
  size_t groupSize = padded * 16 + (size_t)count * 16 * sizeof(int32_t) + blocksPadded * perBlock;
  char *memory = aligned_alloc(64, round_up_64(16 * rowSize + groupSize));
  if (!memory) return 0;
  memset(memory, 0, 16 * rowSize);
  decoded_row rows[16];
  for (int i = 0; i < 16; i++)
    rows[i] = cq_decoded_row_at(memory + (size_t)i * rowSize, padded, blocksPadded);
  char *at = memory + 16 * rowSize;
  row_group g = {L, count, blocks, type, (int32_t *)at, NULL, NULL, NULL, NULL, NULL};
  at += padded * 16;
  g.offsets = (int32_t *)at;
  at += sizeof(int32_t) * (size_t)count * 16;
  g.scales = (float *)at;
  g.mult = (int32_t *)(g.scales + blocksPadded * 16);
  g.mins = (float *)(g.mult + 2 * blocksPadded * 16);
  g.minScales = g.mins + blocksPadded * 16;

  tile_config config = {0};
  config.palette = 1;
  config.rows[0] = 16, config.bytesPerRow[0] = 64;  // sums: 16 tokens × 16 rows of int32
  config.rows[1] = 16, config.bytesPerRow[1] = (uint16_t)L;  // activations: 16 tokens × L
  config.rows[2] = (uint8_t)(L / 4), config.bytesPerRow[2] = 64;  // weights: L/4 × 16 rows × 4
  _tile_loadconfig(&config);
  __m512 acc[16];
  for (int r0 = rowBegin; r0 < rowEnd; r0 += 16) {
    int R = rowEnd - r0 < 16 ? rowEnd - r0 : 16;
    if (R < 16) memset(memory, 0, 16 * rowSize);  // the last group: unused rows are zero
    for (int i = 0; i < R; i++) cq_decode_row(type, w + rowBytes * (size_t)(r0 + i), b->n, &rows[i]);
    repack(rows, R, b->padded, &g);
    __mmask16 keep = (__mmask16)((1u << R) - 1);
    for (int t0 = 0; t0 < b->tokens; t0 += 16) {
      group_times_tokens(&g, b, t0, acc);
      int T = b->tokens - t0 < 16 ? b->tokens - t0 : 16;
      for (int t = 0; t < T; t++)
        _mm512_mask_storeu_ps(out + (size_t)(t0 + t) * ldo + (size_t)(r0 - rowBegin), keep, acc[t]);
    }
  }
  _tile_release();
  free(memory);
  return 1;
}

#endif
