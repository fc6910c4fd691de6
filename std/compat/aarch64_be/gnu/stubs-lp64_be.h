// glibc functions that are stubs on aarch64_be: the little-endian list (compat/README.md).
#include <gnu/stubs-lp64.h>
