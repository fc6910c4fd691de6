// The process operations of rt::Io's table (rt/exec/io.h): spawn a program, wait for it, signal
// it. Programs use rt::Child (rt/proc/child.h); this is the descriptor-level layer beneath.
//
// spawn is musl's posix_spawn design: clone(CLONE_VM | CLONE_VFORK) runs the child on a small
// stack of the parent's while the parent is suspended; the child sets up its descriptors, its
// directory and its signals and execs; an exec failure reaches the parent as the errno written to
// a close-on-exec pipe, so the parent knows the outcome whether or not the child shares its
// memory (QEMU user mode turns CLONE_VFORK into a fork) — never a silent child that exits 127.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/duration.h"
#include "rt/core/expected.h"
#include "rt/ops/error.h"

namespace rt {

// How a child process ended.
struct ExitStatus {
    enum Kind : uint8_t { Exited, Signaled };
    Kind kind;
    int code; // the exit code (0–255), or the signal's number
    constexpr bool success() const { return kind == Exited && code == 0; }
    friend constexpr bool operator==(ExitStatus a, ExitStatus b) { return a.kind == b.kind && a.code == b.code; }
};

namespace ops {

// What spawn does, at the descriptor level.
struct SpawnRequest {
    const char* program;     // with a '/': the file itself; without: searched in `search_path`
    const char* search_path; // ':'-separated directories (PATH); null: "/usr/local/bin:/usr/bin:/bin"
    const char* const* argv; // null-terminated
    const char* const* envp; // null-terminated: the child's whole environment
    int dir_fd;              // >= 0: the child's working directory (fchdir)
    const char* dir_path;    // non-null: the child's working directory (chdir), after dir_fd
    // The descriptor each of the child's 0, 1, 2 becomes: STDIO_INHERIT (the parent's, as it
    // is), STDIO_CLOSE, or a descriptor of the parent's (dup'ed without close-on-exec).
    int stdio[3];
};
inline constexpr int STDIO_INHERIT = -1;
inline constexpr int STDIO_CLOSE = -2;

struct Spawned {
    int pid;
    int pidfd; // -1 where the kernel has no pidfd_open (before Linux 5.3)
};

// Starts the program; its exec error (NotFound, AccessDenied, InvalidExecutable, …) when it
// could not run, after the child has been reaped. Every descriptor the call made is closed.
Expected<Spawned, IoError> spawn(const SpawnRequest& r);
// Waits for the child to end (up to `timeout`: TimedOut after it; Duration::max(): no limit)
// and reaps it. Inside an executor task a cancel point (Canceled: the child is not reaped).
Expected<ExitStatus, IoError> wait(int pid, int pidfd, Duration timeout);
// Sends sig (through the pidfd where there is one); success for a child that has exited and is
// not reaped yet (nothing to signal).
Expected<void, IoError> kill(int pid, int pidfd, int sig);

} // namespace ops
} // namespace rt
