// Small C kernels the Swift baseline target cannot vectorise (see each file's comment), and the
// CPU check that picks OpenBLAS's kernels (openblas_core.h). OpenBLAS itself is loaded at run
// time by Kernels/OpenBLAS.swift, not linked.
#include "openblas_core.h"
#include "skinny_matmul.h"
#include "skinny_matmul_f16.h"
#include "vector_math.h"
