/* Startup driver for bench/suite.py: runs PROGRAM N times (posix_spawn, waitpid), its output
 * to /dev/null, and prints the mean nanoseconds from spawn to reaped exit. Usage: exec_loop N
 * PROGRAM. The driver is the same for every program measured, so its own cost cancels out of
 * the comparison only partly: the floor row shows what it and the kernel's exec take. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    long n = atol(argv[1]);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    char* args[] = {argv[2], NULL};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; ++i) {
        pid_t pid;
        if (posix_spawn(&pid, argv[2], &fa, NULL, args, environ) != 0) return 1;
        int st;
        if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
    return 0;
}
