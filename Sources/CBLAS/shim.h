#include <cblas.h>

#include "skinny_matmul.h"
