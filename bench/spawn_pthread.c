#define _POSIX_C_SOURCE 200809L
/* Reference for bench/spawn_bench.py and bench/suite.py: N pthread_create + pthread_join with
 * STACK-byte stacks (default 64 KiB; 0: the library's default), built static against glibc and
 * against musl. Usage: spawn N [STACK]. Prints nanoseconds per spawn+join. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void* body(void* p) { return p; }

int main(int argc, char** argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    long stack = argc > 2 ? atol(argv[2]) : 64 * 1024;
    if (stack) pthread_attr_setstacksize(&attr, (size_t)stack);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; ++i) {
        pthread_t t;
        if (pthread_create(&t, &attr, body, NULL) != 0) return 1;
        pthread_join(t, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
    return 0;
}
