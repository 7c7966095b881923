#include <stdio.h>
#include <editline/readline.h>

// libedit's globals are not concurrency-safe to touch from Swift 6; wrap what we use.
static inline int cedit_history_length(void) { return history_length; }
