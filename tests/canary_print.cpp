// Prints this run's stack-protector canary, for tests/canary_runs.py.
#include "rt/io/print.h"

extern "C" uintptr_t __stack_chk_guard;

int main(int, char**, char**) {
    rt::print("{:x}\n", __stack_chk_guard);
    return 0;
}
