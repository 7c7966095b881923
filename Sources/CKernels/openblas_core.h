// Which OpenBLAS kernel family suits this CPU. Debian's OpenBLAS 0.3.21 does not know newer Xeons
// (family 6 model 207, Emerald Rapids) and falls back to its generic "Prescott" SSE3 kernels,
// three times slower here; naming the family ourselves (OPENBLAS_CORETYPE) avoids that.
#ifndef CRICQ_OPENBLAS_CORE_H
#define CRICQ_OPENBLAS_CORE_H

#include <stddef.h>

/// The OPENBLAS_CORETYPE for this CPU's vector extensions, or NULL to let OpenBLAS decide.
static inline const char *cricq_openblas_core_for_cpu(void) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
      && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) {
    return "SKYLAKEX";
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return "HASWELL";
  }
#endif
  return NULL;
}

#endif
