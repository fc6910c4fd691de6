#define _POSIX_C_SOURCE 200809L
/* Reference thread demo for bench/suite.py's size row (bench/threads_rt.cpp is the bedrock side): the
 * primes below 2 000 000 counted on 4 threads, joined, the total printed; built static against glibc
 * and musl. */
#include <pthread.h>
#include <stdio.h>

#define LIMIT 2000000u
#define THREADS 4u

static unsigned count_primes(unsigned lo, unsigned hi) {
    unsigned n = 0;
    for (unsigned v = lo < 2 ? 2 : lo; v < hi; ++v) {
        int prime = v == 2 || v % 2 != 0;
        for (unsigned d = 3; prime && d * d <= v; d += 2)
            if (v % d == 0) prime = 0;
        n += prime;
    }
    return n;
}

static void* work(void* p) {
    unsigned i = (unsigned)(unsigned long)p;
    static unsigned results[THREADS];
    results[i] = count_primes(i * (LIMIT / THREADS), (i + 1) * (LIMIT / THREADS));
    return &results[i];
}

int main(void) {
    pthread_t t[THREADS];
    for (unsigned i = 0; i < THREADS; ++i)
        if (pthread_create(&t[i], NULL, work, (void*)(unsigned long)i) != 0) return 1;
    unsigned total = 0;
    for (unsigned i = 0; i < THREADS; ++i) {
        void* r;
        pthread_join(t[i], &r);
        total += *(unsigned*)r;
    }
    printf("primes below %u: %u\n", LIMIT, total);
    return 0;
}
