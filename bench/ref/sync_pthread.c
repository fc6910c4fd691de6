#define _POSIX_C_SOURCE 200809L
/* Reference for bench/suite.py's sync rows, built static against glibc and against musl; the
 * bedrock side is bench/sync_rt.cpp, the same workloads on rt::Thread and rt/sync. Usage:
 *   sync_pthread CASE N
 * runs N operations of CASE (per thread where threads run) and prints nanoseconds per
 * operation. Cases: mutex (uncontended lock+unlock), mutex2 and mutex4 (contended by 2 and
 * 4 threads), cond (ping-pong round trip through a mutex and a condition variable), sem
 * (ping-pong round trip through two semaphores), rwlock4 (4 threads, 1 write in 100), alloc
 * (malloc+free pairs of 8..256 bytes), churn1 and churn4 (512 live blocks of 16..512 bytes per
 * thread, one replaced per step). Each checks its result and exits 1 when it is wrong. */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long n_ops;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static sem_t sem_a, sem_b;
static volatile long counter;
static long word_a, word_b, torn, bad;
static int turn;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint32_t xorshift(uint32_t* s) {
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void* contend(void* arg) {
    (void)arg;
    for (long i = 0; i < n_ops; ++i) {
        pthread_mutex_lock(&mutex);
        counter = counter + 1;
        pthread_mutex_unlock(&mutex);
    }
    return NULL;
}

static void* ping_pong(void* arg) {
    int me = (int)(intptr_t)arg;
    for (long i = 0; i < n_ops; ++i) {
        pthread_mutex_lock(&mutex);
        while (turn != me) pthread_cond_wait(&cond, &mutex);
        turn = 1 - me;
        pthread_cond_signal(&cond);
        pthread_mutex_unlock(&mutex);
    }
    return NULL;
}

static void* sem_ping_pong(void* arg) {
    int me = (int)(intptr_t)arg;
    for (long i = 0; i < n_ops; ++i) {
        if (me == 0) {
            sem_post(&sem_a);
            sem_wait(&sem_b);
        } else {
            sem_wait(&sem_a);
            sem_post(&sem_b);
        }
    }
    return NULL;
}

static void* read_mostly(void* arg) {
    (void)arg;
    for (long i = 0; i < n_ops; ++i) {
        if (i % 100 == 0) {
            pthread_rwlock_wrlock(&rwlock);
            ++word_a;
            ++word_b;
            pthread_rwlock_unlock(&rwlock);
        } else {
            pthread_rwlock_rdlock(&rwlock);
            if (word_a != word_b) __atomic_fetch_add(&torn, 1, __ATOMIC_RELAXED);
            pthread_rwlock_unlock(&rwlock);
        }
    }
    return NULL;
}

static void* churn(void* arg) {
    enum { LIVE = 512 };
    char* live[LIVE] = {0};
    uint32_t seed = 0x9e3779b9u * (uint32_t)((intptr_t)arg + 1);
    for (long i = 0; i < n_ops; ++i) {
        uint32_t r = xorshift(&seed);
        int slot = r % LIVE;
        if (live[slot]) {
            if (live[slot][0] != (char)slot) __atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
            free(live[slot]);
        }
        live[slot] = malloc(16 + (r >> 16) % 497);
        if (!live[slot]) exit(1);
        live[slot][0] = (char)slot;
    }
    for (int i = 0; i < LIVE; ++i) free(live[i]);
    return NULL;
}

static void run_threads(int n, void* (*fn)(void*)) {
    pthread_t t[4];
    for (int i = 0; i < n; ++i)
        if (pthread_create(&t[i], NULL, fn, (void*)(intptr_t)i) != 0) exit(1);
    for (int i = 0; i < n; ++i) pthread_join(t[i], NULL);
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: sync_pthread CASE N\n");
        return 2;
    }
    const char* c = argv[1];
    n_ops = atol(argv[2]);
    long total = n_ops;
    double t0 = now_ns();
    if (!strcmp(c, "mutex")) {
        contend(NULL);
        if (counter != n_ops) return 1;
    } else if (!strcmp(c, "mutex2") || !strcmp(c, "mutex4")) {
        int threads = c[5] - '0';
        run_threads(threads, contend);
        total = n_ops * threads;
        if (counter != total) return 1;
    } else if (!strcmp(c, "cond")) {
        run_threads(2, ping_pong);
    } else if (!strcmp(c, "sem")) {
        sem_init(&sem_a, 0, 0);
        sem_init(&sem_b, 0, 0);
        run_threads(2, sem_ping_pong);
    } else if (!strcmp(c, "rwlock4")) {
        run_threads(4, read_mostly);
        total = 4 * n_ops;
        if (torn != 0) return 1;
    } else if (!strcmp(c, "alloc")) {
        uint32_t seed = 12345;
        for (long i = 0; i < n_ops; ++i) {
            char* p = malloc(8 + (xorshift(&seed) & 0xf8));
            if (!p) return 1;
            p[0] = (char)i;
            __asm__ volatile("" : : "r"(p) : "memory");
            free(p);
        }
    } else if (!strcmp(c, "churn1") || !strcmp(c, "churn4")) {
        int threads = c[5] - '0';
        run_threads(threads, churn);
        total = n_ops * threads;
        if (bad != 0) return 1;
    } else {
        fprintf(stderr, "sync_pthread: unknown case %s\n", c);
        return 2;
    }
    printf("%.2f\n", (now_ns() - t0) / total);
    return 0;
}
