// One struct per GGML block type, with its byte size asserted: a layout mistake fails to
// compile instead of producing plausible garbage. Values are little-endian as in the file.
#ifndef CQUANT_BLOCKS_H
#define CQUANT_BLOCKS_H
#include <stdint.h>

// Q8_0: 32 weights = d * qs[i].
typedef struct { uint16_t d; int8_t qs[32]; } block_q8_0;
_Static_assert(sizeof(block_q8_0) == 34, "Q8_0 is 34 bytes per 32 weights");

// Q4_1: 32 weights = d * q + m; q = low nibble of qs[i] for i < 16, high nibble of qs[i-16] after.
typedef struct { uint16_t d; uint16_t m; uint8_t qs[16]; } block_q4_1;
_Static_assert(sizeof(block_q4_1) == 20, "Q4_1 is 20 bytes per 32 weights");

// Q5_0: 32 weights = d * (q - 16), q = nibble as in Q4_1 plus bit i of qh as bit 4.
typedef struct { uint16_t d; uint8_t qh[4]; uint8_t qs[16]; } block_q5_0;
_Static_assert(sizeof(block_q5_0) == 22, "Q5_0 is 22 bytes per 32 weights");

// Q4_K: 256 weights in 8 sub-blocks of 32, each with a 6-bit scale and min packed in `scales`;
// weight = d * scale * q - dmin * min. qs holds 4 chunks of 32 bytes: low nibbles are sub-block
// 2j, high nibbles sub-block 2j+1.
typedef struct { uint16_t d; uint16_t dmin; uint8_t scales[12]; uint8_t qs[128]; } block_q4_K;
_Static_assert(sizeof(block_q4_K) == 144, "Q4_K is 144 bytes per 256 weights");

// Q6_K: 256 weights = d * scales[i/16] * (q - 32), q = 4 low bits from ql and 2 high from qh.
typedef struct { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; uint16_t d; } block_q6_K;
_Static_assert(sizeof(block_q6_K) == 210, "Q6_K is 210 bytes per 256 weights");

_Static_assert(sizeof(uint16_t) == 2, "F16 is 2 bytes per weight");
_Static_assert(sizeof(float) == 4, "F32 is 4 bytes per weight");

#endif
