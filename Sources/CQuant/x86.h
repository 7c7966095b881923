// Shared by the x86 kernels (avx2.c, batched.c, amx.c): target attributes, the block decoders.
// Helpers are forced inline: debug builds (-O0, which `swift test` uses) would otherwise call
// each one per block, and the tests run the real models through these kernels.
#ifndef CQUANT_X86_H
#define CQUANT_X86_H
#if defined(__x86_64__)
#include "blocks.h"
#include <immintrin.h>
#include <stdint.h>

#define AVX2 __attribute__((target("avx2,fma,f16c")))
#define AVX2_INLINE static inline __attribute__((target("avx2,fma,f16c"), always_inline))
#define AVX512_TARGETS "avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma,f16c"

// cq_bit_bytes[b] has byte i = 0x10 when bit i of b is set: Q5_0's fifth bits, eight at a time.
// Filled by cq_level().
extern uint64_t cq_bit_bytes[256];

AVX2_INLINE float half(uint16_t h) { return _cvtsh_ss(h); }

// 32 bytes, 0x10 where bit i of the 32-bit word is set.
AVX2_INLINE __m256i fifth_bits(const uint8_t *p) {
  return _mm256_setr_epi64x((long long)cq_bit_bytes[p[0]], (long long)cq_bit_bytes[p[1]],
                            (long long)cq_bit_bytes[p[2]], (long long)cq_bit_bytes[p[3]]);
}

// The 32 four-bit values of 16 bytes in element order: low nibbles, then high nibbles.
AVX2_INLINE __m256i nibbles(const uint8_t *p) {
  const __m128i low = _mm_set1_epi8(0x0F);
  __m128i raw = _mm_loadu_si128((const __m128i *)p);
  return _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(raw, 4), low), _mm_and_si128(raw, low));
}

// The block decoders: one per type, shared by the one-token and batched products
// (dot_kernels.h), the AMX row decoder (batched.c) and dequantisation (avx2.c). Each gives a
// block's integer weights in element order, 32 bytes per 32 weights.

// Q8_0: 32 signed weights.
AVX2_INLINE __m256i q8_0_weights(const block_q8_0 *b) {
  return _mm256_loadu_si256((const __m256i *)b->qs);
}

// Q5_0: the 32 stored values q (0..31); the weights are d · (q - 16).
AVX2_INLINE __m256i q5_0_weights(const block_q5_0 *b) {
  return _mm256_or_si256(nibbles(b->qs), fifth_bits(b->qh));
}

// Q4_1: 32 unsigned weights (0..15).
AVX2_INLINE __m256i q4_1_weights(const block_q4_1 *b) { return nibbles(b->qs); }

// Q4_K: sub-blocks 2j (lo) and 2j + 1 (hi) of a block, unsigned (0..15).
AVX2_INLINE void q4_K_weights(const block_q4_K *b, int j, __m256i *lo, __m256i *hi) {
  const __m256i low = _mm256_set1_epi8(0x0F);
  __m256i raw = _mm256_loadu_si256((const __m256i *)(b->qs + 32 * j));
  *lo = _mm256_and_si256(raw, low);
  *hi = _mm256_and_si256(_mm256_srli_epi16(raw, 4), low);
}

// Q6_K: the stored values q (0..63) of 32-weight sub-block k (0..7) of a block; the weights
// are d · scale · (q - 32), its two 16-weight halves with scales b->scales[2k] and [2k + 1].
AVX2_INLINE __m256i q6_K_weights(const block_q6_K *b, int k) {
  const __m256i low = _mm256_set1_epi8(0x0F), top = _mm256_set1_epi8(0x30);
  int h = k / 4, quarter = k % 4;
  // Quarters 0, 1 take the low nibbles of ql bytes 0..31, 32..63; 2, 3 their high nibbles;
  // the top two bits are bits 2·quarter of the half's 32 qh bytes.
  __m256i l = _mm256_loadu_si256((const __m256i *)(b->ql + 64 * h + 32 * (quarter & 1)));
  __m256i q = _mm256_loadu_si256((const __m256i *)(b->qh + 32 * h));
  if (quarter >= 2) l = _mm256_srli_epi16(l, 4);
  switch (quarter) {
  case 0: q = _mm256_slli_epi16(q, 4); break;
  case 1: q = _mm256_slli_epi16(q, 2); break;
  case 3: q = _mm256_srli_epi16(q, 2); break;
  default: break;
  }
  return _mm256_or_si256(_mm256_and_si256(l, low), _mm256_and_si256(q, top));
}

#endif
#endif
