#define _POSIX_C_SOURCE 200809L
/* Reference for bench/suite.py's memory and scale rows, built static against glibc and musl.
 * Usage: park N STACK (STACK 0: the library's default). N threads count themselves in and wait
 * until released; prints resident-memory growth per thread (bytes, /proc/self/statm) and ns per
 * thread to get them all started; exits 1 printing how many started if a create fails. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_in = PTHREAD_COND_INITIALIZER, release = PTHREAD_COND_INITIALIZER;
static long in, released;

static long resident_bytes(void) {
    FILE* f = fopen("/proc/self/statm", "r");
    long size = 0, res = -1;
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &res) != 2) res = -1;
    fclose(f);
    return res * sysconf(_SC_PAGESIZE);
}

static void* body(void* p) {
    pthread_mutex_lock(&lock);
    ++in;
    pthread_cond_signal(&all_in);
    while (!released) pthread_cond_wait(&release, &lock);
    pthread_mutex_unlock(&lock);
    return p;
}

static void* nothing(void* p) { return p; }

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    long n = atol(argv[1]), stack = atol(argv[2]);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (stack) pthread_attr_setstacksize(&attr, (size_t)stack);
    pthread_t* t = malloc((size_t)n * sizeof *t);
    pthread_t w;
    if (!t || pthread_create(&w, &attr, nothing, NULL) != 0) return 1;
    pthread_join(w, NULL);
    long before = resident_bytes();
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    long started = 0;
    for (; started < n; ++started)
        if (pthread_create(&t[started], &attr, body, NULL) != 0) break;
    pthread_mutex_lock(&lock);
    while (in < started) pthread_cond_wait(&all_in, &lock);
    pthread_mutex_unlock(&lock);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long after = resident_bytes();
    pthread_mutex_lock(&lock);
    released = 1;
    pthread_cond_broadcast(&release);
    pthread_mutex_unlock(&lock);
    for (long i = 0; i < started; ++i) pthread_join(t[i], NULL);
    if (started < n) {
        printf("FAIL %ld\n", started);
        return 1;
    }
    printf("%ld %.0f\n", (after - before) / n, ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
    return 0;
}
