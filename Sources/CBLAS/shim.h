#include <cblas.h>

// Small C kernels the Swift baseline target cannot vectorise (see each file's comment).
#include "skinny_matmul.h"
#include "skinny_matmul_f16.h"
#include "vector_math.h"
