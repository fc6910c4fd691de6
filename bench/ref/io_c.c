/* I/O benchmark driver, C side (bench/suite.py's "io" rows; the bedrock side is bench/io_rt.cpp),
 * built static with glibc and with musl. Each mode prints the nanoseconds it took:
 *   io_c read FILE CHUNK       read(2) FILE to its end in CHUNK-byte reads
 *   io_c spawn N PROG          posix_spawn PROG and waitpid, N times; per spawn
 *   io_c forkexec N PROG       fork, execve in the child, waitpid, N times; per spawn
 * The spawned child's stdout is /dev/null, as io_rt's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char** argv) {
    if (argc == 4 && strcmp(argv[1], "read") == 0) {
        size_t chunk = strtoul(argv[3], NULL, 10);
        char* buf = malloc(chunk);
        if (!buf) return 1;
        long long t0 = now_ns();
        int fd = open(argv[2], O_RDONLY | O_CLOEXEC);
        if (fd < 0) return 1;
        unsigned long long total = 0;
        for (;;) {
            ssize_t n = read(fd, buf, chunk);
            if (n < 0) return 1;
            if (n == 0) break;
            total += (unsigned long long)n;
        }
        close(fd);
        printf("%lld %llu\n", now_ns() - t0, total);
        return 0;
    }
    if (argc == 4 && (strcmp(argv[1], "spawn") == 0 || strcmp(argv[1], "forkexec") == 0)) {
        long n = atol(argv[2]);
        int fork_exec = argv[1][0] == 'f';
        char* args[] = {argv[3], NULL};
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        long long t0 = now_ns();
        for (long i = 0; i < n; ++i) {
            pid_t pid;
            if (fork_exec) {
                pid = fork();
                if (pid < 0) return 1;
                if (pid == 0) {
                    int fd = open("/dev/null", O_WRONLY);
                    if (fd < 0 || dup2(fd, 1) < 0) _exit(127);
                    execve(argv[3], args, environ);
                    _exit(127);
                }
            } else if (posix_spawn(&pid, argv[3], &fa, NULL, args, environ) != 0) {
                return 1;
            }
            int st;
            if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) return 1;
        }
        printf("%lld\n", (now_ns() - t0) / (n ? n : 1));
        return 0;
    }
    fprintf(stderr, "usage: io_c read FILE CHUNK | spawn N PROG | forkexec N PROG\n");
    return 2;
}
