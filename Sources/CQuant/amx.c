// The batched product on AMX tiles (Sapphire Rapids and later Xeons).
//
// One tdpbusd multiplies 16 tokens' activation bytes (q + 128) by 16 weight rows' signed bytes
// over one scale block (32 weights; 16 for Q6_K, whose scales are per 16): a 16 × 16 tile of
// exact int32 block sums. Each tile is stored and scaled in floats, 16 rows per zmm, one lane
// per row and blocks in order: acc = fma(V, row scale · token scale, acc), then the min term,
// the operations of the one-token kernel's lanes (docs/GENERATOR.md), so the same bits.
//
// Weights are decoded 16 rows at a time (cq_decode_row) and repacked into tile order; tokens
// are padded to 16 with zeros (the packed batch has room), and unused rows and tokens are
// computed but not stored.
#include "batch.h"
#include "internal.h"
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

// A group of 16 weight rows in tile order, per scale block sb (length L).
typedef struct {
  int L, count;  // block length; blocks per row
  int32_t *tiles;  // padded/4 × 16 dwords: tiles[sb][k][row] = bytes 4k..4k+3 of block sb
  int32_t *offsets;  // count × 16: -128 · the block's weight sum, per row
  float *scales;  // count × 16
  float *mins;  // blocksPadded × 16 (per 32-block), when the type has a min term
  int minKind;
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
  g->minKind = rows[0].minKind;
  int lanes = g->L / 4;
  for (int c = 0; c < padded / 64; c++) {
    __m512i w[16], start[16], scale[16];
    transpose16((const int32_t *)rows[0].w + 16 * c, (size_t)(rows[1].w - rows[0].w) / 4, w);
    transpose16(rows[0].start + 16 * c, (size_t)(rows[1].w - rows[0].w) / 4, start);
    transpose16((const int32_t *)rows[0].scale + 16 * c, (size_t)(rows[1].w - rows[0].w) / 4, scale);
    for (int j = 0; j < 16; j++) _mm512_store_si512(g->tiles + (size_t)(16 * c + j) * 16, w[j]);
    for (int k = 0; k < 16 / lanes; k++) {
      int sb = c * 16 / lanes + k;
      if (sb >= g->count) break;
      __m512i offset = start[k * lanes];
      for (int j = 1; j < lanes; j++) offset = _mm512_add_epi32(offset, start[k * lanes + j]);
      _mm512_store_si512(g->offsets + 16 * sb, offset);
      _mm512_store_si512(g->scales + 16 * sb, scale[k * lanes]);
    }
  }
  if (g->minKind != MIN_NONE) {
    int blocks = g->count * g->L / 32;
    memset(g->mins, 0, sizeof(float) * (size_t)blocks * 16);
    for (int r = 0; r < count; r++)
      for (int k = 0; k < blocks; k++) g->mins[k * 16 + r] = rows[r].mins[k];
  }
}

// acc[t] += the int32 sums of scale block sb (16 rows for token t0 + t, in `sums`) times the
// row scale × token scale, then the block's min term after its last scale block.
AMX static inline void add_scale_block(const row_group *g, const batch *b, int t0, int sb,
                                       const int32_t *sums, __m512 acc[16]) {
  int perBlock = 32 / g->L, block = sb / perBlock;
  __m512i offset = _mm512_load_si512(g->offsets + 16 * sb);
  __m512 scale = _mm512_load_ps(g->scales + 16 * sb);
  const float *xd = b->xd + (size_t)t0 * b->padded / 4 + 8 * block;
  for (int t = 0; t < 16; t++) {
    __m512 s = _mm512_cvtepi32_ps(_mm512_add_epi32(_mm512_load_si512(sums + 16 * t), offset));
    acc[t] = _mm512_fmadd_ps(s, _mm512_mul_ps(scale, _mm512_set1_ps(xd[(size_t)t * b->padded / 4])), acc[t]);
  }
  if (g->minKind != MIN_NONE && sb % perBlock == perBlock - 1) {
    const float *xm = g->minKind == MIN_XS ? b->xs : b->xdsum;
    __m512 mins = _mm512_load_ps(g->mins + 16 * block);
    for (int t = 0; t < 16; t++)
      acc[t] = _mm512_fmadd_ps(mins, _mm512_set1_ps(xm[(size_t)(t0 + t) * b->blocksPadded + block]), acc[t]);
  }
}

// acc[t] (16 rows of output for token t0 + t) over every scale block, in order. Two blocks'
// tile products at a time on separate tiles (0-2 and 3-5), so that one's multiply overlaps
// the other's store instead of each waiting for the last.
AMX static void group_times_tokens(const row_group *g, const batch *b, int t0, __m512 acc[16]) {
  int32_t sums[2][16 * 16] __attribute__((aligned(64)));
  for (int t = 0; t < 16; t++) acc[t] = _mm512_setzero_ps();
  const uint8_t *x = b->xu + (size_t)t0 * b->padded;
  size_t weightStride = (size_t)g->L / 4 * 16;
  int sb = 0;
  for (; sb + 1 < g->count; sb += 2) {
    _tile_zero(0);
    _tile_zero(3);
    _tile_loadd(1, x + (size_t)sb * g->L, b->padded);
    _tile_loadd(2, g->tiles + (size_t)sb * weightStride, 64);
    _tile_loadd(4, x + (size_t)(sb + 1) * g->L, b->padded);
    _tile_loadd(5, g->tiles + (size_t)(sb + 1) * weightStride, 64);
    _tile_dpbusd(0, 1, 2);
    _tile_dpbusd(3, 4, 5);
    _tile_stored(0, sums[0], 64);
    _tile_stored(3, sums[1], 64);
    add_scale_block(g, b, t0, sb, sums[0], acc);
    add_scale_block(g, b, t0, sb + 1, sums[1], acc);
  }
  if (sb < g->count) {
    _tile_zero(0);
    _tile_loadd(1, x + (size_t)sb * g->L, b->padded);
    _tile_loadd(2, g->tiles + (size_t)sb * weightStride, 64);
    _tile_dpbusd(0, 1, 2);
    _tile_stored(0, sums[0], 64);
    add_scale_block(g, b, t0, sb, sums[0], acc);
  }
}

// Memory for decoding 16 rows of n weights (the first 16 × rowSize bytes, zeroed) followed by
// one row group; NULL when out of memory.
typedef struct {
  char *memory;
  decoded_row rows[16];
  size_t rowSize;
} decode_scratch;

static int scratch_init(decode_scratch *s, int n, size_t extra) {
  size_t padded = round_up_64((size_t)n), blocksPadded = ((size_t)n / 32 + 15) / 16 * 16;
  s->rowSize = 3 * padded + blocksPadded * sizeof(float);
  s->memory = aligned_alloc(64, round_up_64(16 * s->rowSize + extra));
  if (!s->memory) return 0;
  memset(s->memory, 0, 16 * s->rowSize);
  for (int i = 0; i < 16; i++) {
    char *at = s->memory + (size_t)i * s->rowSize;
    s->rows[i] = (decoded_row){(int8_t *)at, (int32_t *)(at + padded), (float *)(at + 2 * padded),
                               (float *)(at + 3 * padded), MIN_NONE};
  }
  return 1;
}

// Bytes of one group of 16 rows in tile order, and its arrays inside `at`.
static size_t group_bytes(int L, int n) {
  size_t padded = round_up_64((size_t)n), blocksPadded = ((size_t)n / 32 + 15) / 16 * 16;
  size_t count = (size_t)(n / L);
  return round_up_64(padded * 16 + count * 16 * (sizeof(int32_t) + sizeof(float))
                     + blocksPadded * 16 * sizeof(float));
}

static row_group group_at(char *at, int L, int n, int minKind) {
  size_t padded = round_up_64((size_t)n);
  int count = n / L;
  row_group g = {L, count, (int32_t *)at, NULL, NULL, NULL, minKind};
  g.offsets = (int32_t *)(at + padded * 16);
  g.scales = (float *)(g.offsets + (size_t)count * 16);
  g.mins = g.scales + (size_t)count * 16;
  return g;
}

// Decodes rows [r0, r0 + R) (R ≤ 16) of w and repacks them into g.
AMX static void decode_group(decode_scratch *s, int type, const uint8_t *w, size_t rowBytes,
                             int r0, int R, int n, row_group *g) {
  if (R < 16) memset(s->memory, 0, 16 * s->rowSize);  // unused rows are zero
  for (int i = 0; i < R; i++) cq_decode_row(type, w + rowBytes * (size_t)(r0 + i), n, &s->rows[i]);
  repack(s->rows, R, (int)round_up_64((size_t)n), g);
}

AMX static void load_tile_config(int L) {
  tile_config config = {0};
  config.palette = 1;
  config.rows[0] = 16, config.bytesPerRow[0] = 64;  // sums: 16 tokens × 16 rows of int32
  config.rows[1] = 16, config.bytesPerRow[1] = (uint16_t)L;  // activations: 16 tokens × L
  config.rows[2] = (uint8_t)(L / 4), config.bytesPerRow[2] = 64;  // weights: L/4 × 16 rows × 4
  for (int i = 3; i < 6; i++) {  // the second block's tiles, as the first's
    config.rows[i] = config.rows[i - 3];
    config.bytesPerRow[i] = config.bytesPerRow[i - 3];
  }
  _tile_loadconfig(&config);
}

// The 16 rows of g times every token of b, rows past R not stored.
AMX static void group_times_batch(const row_group *g, const batch *b, int R, float *out, size_t ldo) {
  __m512 acc[16];
  __mmask16 keep = (__mmask16)((1u << R) - 1);
  for (int t0 = 0; t0 < b->tokens; t0 += 16) {
    group_times_tokens(g, b, t0, acc);
    int T = b->tokens - t0 < 16 ? b->tokens - t0 : 16;
    for (int t = 0; t < T; t++) _mm512_mask_storeu_ps(out + (size_t)t * ldo, keep, acc[t]);
    out += 16 * ldo;
  }
}

AMX int cq_matmul_amx(int type, const uint8_t *w, size_t rowBytes, int rowBegin, int rowEnd,
                      const batch *b, float *out, size_t ldo) {
  if (!cq_amx_usable()) return 0;
  int L = type == CQ_Q6_K ? 16 : 32;
  decode_scratch s;
  if (!scratch_init(&s, b->n, group_bytes(L, b->n))) return 0;
  row_group g = group_at(s.memory + 16 * s.rowSize, L, b->n, MIN_NONE);
  load_tile_config(L);
  for (int r0 = rowBegin; r0 < rowEnd; r0 += 16) {
    int R = rowEnd - r0 < 16 ? rowEnd - r0 : 16;
    decode_group(&s, type, w, rowBytes, r0, R, b->n, &g);
    group_times_batch(&g, b, R, out + (size_t)(r0 - rowBegin), ldo);
  }
  _tile_release();
  free(s.memory);
  return 1;
}

struct cq_packed {
  int type, rows, n, L, minKind;
  size_t groupBytes;
  char *groups;  // ceil(rows / 16) groups of groupBytes
};

AMX cq_packed *cq_pack(int type, const void *w, size_t rowBytes, int rows, int n) {
  if (!cq_amx_usable() || !cq_has_group_kernel(type) || n % 32 != 0 || rows <= 0) return NULL;
  cq_packed *p = malloc(sizeof(cq_packed));
  if (!p) return NULL;
  int L = type == CQ_Q6_K ? 16 : 32;
  *p = (cq_packed){type, rows, n, L, MIN_NONE, group_bytes(L, n), NULL};
  size_t groups = (size_t)(rows + 15) / 16;
  p->groups = aligned_alloc(64, groups * p->groupBytes);
  decode_scratch s;
  if (!p->groups || !scratch_init(&s, n, 0)) {
    free(p->groups);
    free(p);
    return NULL;
  }
  for (size_t i = 0; i < groups; i++) {
    row_group g = group_at(p->groups + i * p->groupBytes, L, n, MIN_NONE);
    int r0 = (int)i * 16, R = rows - r0 < 16 ? rows - r0 : 16;
    decode_group(&s, type, (const uint8_t *)w, rowBytes, r0, R, n, &g);
    p->minKind = g.minKind;
  }
  free(s.memory);
  return p;
}

void cq_packed_free(cq_packed *p) {
  if (!p) return;
  free(p->groups);
  free(p);
}

size_t cq_packed_bytes(const cq_packed *p) {
  return p ? sizeof(cq_packed) + (size_t)(p->rows + 15) / 16 * p->groupBytes : 0;
}

AMX int cq_matmul_packed(const cq_packed *p, int rowBegin, int rowEnd, const void *memory,
                         float *out, size_t ldo) {
  const batch *b = cq_aligned_batch(memory);
  if (!p || rowBegin % 16 != 0 || rowBegin < 0 || rowEnd > p->rows || b->n != p->n) return 0;
  load_tile_config(p->L);
  for (int r0 = rowBegin; r0 < rowEnd; r0 += 16) {
    int R = rowEnd - r0 < 16 ? rowEnd - r0 : 16;
    row_group g = group_at(p->groups + (size_t)(r0 / 16) * p->groupBytes, p->L, p->n, p->minKind);
    group_times_batch(&g, b, R, out + (size_t)(r0 - rowBegin), ldo);
  }
  _tile_release();
  return 1;
}

#else

cq_packed *cq_pack(int type, const void *w, size_t rowBytes, int rows, int n) { return NULL; }
void cq_packed_free(cq_packed *p) {}
size_t cq_packed_bytes(const cq_packed *p) { return 0; }
int cq_matmul_packed(const cq_packed *p, int rowBegin, int rowEnd, const void *memory, float *out,
                     size_t ldo) {
  return 0;
}

#endif
