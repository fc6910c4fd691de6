/* Reference hello world for bench/suite.py (startup and size rows), built static against glibc
 * and against musl: what a C programmer writes. */
#include <stdio.h>

int main(void) {
    puts("Hello from C!");
    return 0;
}
