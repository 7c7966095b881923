#include <cblas.h>

// Small C kernels the Swift baseline target cannot vectorise (see each file's comment).
#include "skinny_matmul.h"
#include "vector_math.h"
