// Quantised GGML blocks and their kernels, in C so that AVX2/FMA/F16C code can be selected per
// function with target attributes (Swift on Linux compiles for baseline x86-64 and has no
// per-function target, and unsafe compiler flags are not allowed in Package.swift).
//
// Weights stay in the file's block format. Activations are quantised to `cq_q8` blocks (32
// int8 values with a float scale and the scaled sum), then each weight row is dotted with them
// using integer multiply-adds, as llama.cpp does; on CPUs without AVX2 a scalar path is used.
#ifndef CQUANT_H
#define CQUANT_H

#include <stddef.h>
#include <stdint.h>

// Element type ids: the same numbering as GGML/GGUF.
enum {
  CQ_F32 = 0, CQ_F16 = 1, CQ_Q4_1 = 3, CQ_Q5_0 = 6, CQ_Q8_0 = 8, CQ_Q4_K = 12, CQ_Q6_K = 14
};

/// An activation block: values ≈ d * qs[i]. As in llama.cpp's Q8_0/Q8_1 (so that SmolLM's and
/// Qwen's Q8_0/Q5_0/Q4_1 products see the same integers): qs = round-to-even(x · 127/amax),
/// d = amax/127 rounded to F16, s = (amax/127 · sum) rounded to F16; `sum` is the exact Σ qs.
typedef struct {
  float d;
  float s;
  int32_t sum;
  int8_t qs[32];
} cq_q8;

/// Whether `type` has kernels here.
int cq_supports(int type);

/// Instruction sets the kernels have variants for, in order; each level's kernels compute the
/// same integer sums, so results differ from each other only in float summation order.
enum {
  CQ_LEVEL_SCALAR = 0,
  CQ_LEVEL_AVX2 = 1,
  CQ_LEVEL_AVX_VNNI = 2,  // 256-bit vpdpbusd (VEX)
  CQ_LEVEL_AVX512_VNNI = 3,  // 512-bit vpdpbusd
  CQ_LEVEL_AMX = 4  // AMX int8 tiles for the batched product (one token: as level 3)
};

/// The best level this CPU runs (detected once).
int cq_level(void);

/// 1 when the AVX2 kernels are in use on this CPU.
int cq_has_avx2(void);

/// Quantises n floats (n a multiple of 32) to n/32 blocks.
void cq_quantize_q8(const float *x, cq_q8 *y, int n);

/// Dequantisation (AVX2 where available) of `rows` rows of `n` elements each (rowBytes apart) to floats.
void cq_dequantize_rows(int type, const void *w, size_t rowBytes, int rows, int n, float *out);

/// The scalar reference of cq_dequantize_rows.
void cq_dequantize_rows_reference(int type, const void *w, size_t rowBytes, int rows, int n, float *out);

/// out[r - rowBegin] = row r of w · x for r in [rowBegin, rowEnd); x holds n/32 blocks.
void cq_matvec(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const cq_q8 *x, int n, float *out);

/// cq_matvec with the kernels of `level` (lowered to what the CPU runs), for tests and benches.
void cq_matvec_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const cq_q8 *x, int n, float *out);

/// Activations for the batched product: T rows of n floats (n a multiple of 32) quantised once
/// (as cq_quantize_q8) and laid out for every level's kernels. Opaque; cq_batch_bytes(T, n)
/// bytes of memory, filled by cq_batch_pack, read-only afterwards (shareable by threads).
size_t cq_batch_bytes(int tokens, int n);
void cq_batch_pack(const float *x, int tokens, int n, void *batch);

/// The cq_q8 blocks of token t in a packed batch (n/32 of them).
const cq_q8 *cq_batch_blocks(const void *batch, int t);

/// out[t * ldo + r - rowBegin] = row r of w · token t, for r in [rowBegin, rowEnd) and every
/// token of the batch: each weight row is decoded once and dotted with all tokens while it is
/// in L1. Uses the kernels of `level` (lowered to what the CPU runs).
void cq_matmul_level(int level, int type, const void *w, size_t rowBytes, int rowBegin,
                     int rowEnd, const void *batch, float *out, size_t ldo);

/// At CQ_LEVEL_AMX, batches of at least this many tokens use AMX tiles; shorter ones the
/// AVX512-VNNI tiles (AMX's 16-token tiles would be part empty, and repacking the weights does
/// not pay: measured equal at 16 tokens, AMX twice as fast at 190).
#define CQ_AMX_MIN_TOKENS 16

/// One weight matrix decoded once into AMX tile order, so that batched products skip the
/// per-call decoding (which dominates short batches): about 1.4 bytes per weight. NULL
/// without AMX, for a type without integer kernels, or out of memory.
typedef struct cq_packed cq_packed;
cq_packed *cq_pack(int type, const void *w, size_t rowBytes, int rows, int n);
void cq_packed_free(cq_packed *p);
size_t cq_packed_bytes(const cq_packed *p);

/// cq_matmul_level at CQ_LEVEL_AMX from packed weights, for any number of tokens (the same
/// bits): rowBegin must be a multiple of 16. Returns 0 (nothing written) if it cannot.
int cq_matmul_packed(const cq_packed *p, int rowBegin, int rowEnd, const void *batch,
                     float *out, size_t ldo);

/// cq_matmul_level at cq_level().
void cq_matmul(int type, const void *w, size_t rowBytes, int rowBegin, int rowEnd,
               const void *batch, float *out, size_t ldo);

/// Scalar reference for one row · x (same activation blocks); used to test the fast path.
float cq_dot_reference(int type, const void *row, const cq_q8 *x, int n);

/// IEEE half ↔ float (round to nearest even).
float cq_f16_to_f32(uint16_t h);
uint16_t cq_f32_to_f16(float f);

#endif
