// glibc functions that are stubs on riscv32 ilp32d: the riscv64 list (compat/README.md).
#include <gnu/stubs-lp64d.h>
