// Shared by the x86 kernels (avx2.c, batched.c): target attributes and small AVX2 helpers.
// Helpers are forced inline: debug builds (-O0, which `swift test` uses) would otherwise call
// each one per block, and the tests run the real models through these kernels.
#ifndef CQUANT_X86_H
#define CQUANT_X86_H
#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

#define AVX2 __attribute__((target("avx2,fma,f16c")))
#define AVX2_INLINE static inline __attribute__((target("avx2,fma,f16c"), always_inline))
#define AVX512_TARGETS "avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma,f16c"

// cq_bit_bytes[b] has byte i = 0x10 when bit i of b is set: Q5_0's fifth bits, eight at a time.
// Filled by cq_level().
extern uint64_t cq_bit_bytes[256];

AVX2_INLINE float half(uint16_t h) { return _cvtsh_ss(h); }

AVX2_INLINE float hsum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

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

// Q6_K: the four 32-weight quarters (6-bit values 0..63, element order) of one 128-weight half
// from its 64 ql bytes and 32 qh bytes.
AVX2_INLINE void q6_quarters(const uint8_t *ql, const uint8_t *qh, __m256i q[4]) {
  const __m256i low = _mm256_set1_epi8(0x0F), top = _mm256_set1_epi8(0x30);
  __m256i a = _mm256_loadu_si256((const __m256i *)ql);
  __m256i c = _mm256_loadu_si256((const __m256i *)(ql + 32));
  __m256i h = _mm256_loadu_si256((const __m256i *)qh);
  q[0] = _mm256_or_si256(_mm256_and_si256(a, low), _mm256_and_si256(_mm256_slli_epi16(h, 4), top));
  q[1] = _mm256_or_si256(_mm256_and_si256(c, low), _mm256_and_si256(_mm256_slli_epi16(h, 2), top));
  q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(a, 4), low), _mm256_and_si256(h, top));
  q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(c, 4), low),
                         _mm256_and_si256(_mm256_srli_epi16(h, 2), top));
}

#endif
#endif
