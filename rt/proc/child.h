// rt::Child: a program started by rt::Child::spawn, as a move-only handle. Each of the child's
// stdin, stdout and stderr is inherited, closed, /dev/null, a file of the caller's, or a pipe to
// this process (the handle's `in`, `out`, `err`). Every call takes the rt::Io it runs on
// (rt/exec/io.h); errors are rt::IoError (rt/ops/error.h).
//
//   const char* argv[] = {"ls", "-l", nullptr};
//   auto c = rt::Child::spawn(io, {.argv = argv, .out = rt::Stdio::pipe()});
//   if (!c) return c.error();                    // NotFound, AccessDenied, InvalidExecutable, …
//   char buf[4096];
//   while (auto n = c->out.read(io, buf, sizeof buf)) { if (*n == 0) break; use(buf, *n); }
//   auto status = c->wait(io);                   // ExitStatus{Exited, 0}
//
// An exec failure is the spawn's error, never a child that exits 127 (rt/ops/process.h). wait
// and wait_for are cancel points inside an executor task. A Child destroyed before its wait
// kills the program (SIGKILL) and reaps it: no child process outlives its handle unreaped.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/duration.h"
#include "rt/core/expected.h"
#include "rt/exec/io.h"
#include "rt/fs/dir.h"
#include "rt/fs/file.h"
#include "rt/ops/process.h"

namespace rt {

// What one of the child's standard descriptors is.
struct Stdio {
    enum Kind : uint8_t {
        Inherit, // this process's descriptor of the same number
        Close,   // closed in the child
        Null,    // /dev/null (read: end of file; write: discarded)
        Pipe,    // a pipe to this process: Child::in, out or err
        Fd,      // `fd`, a descriptor of the caller's (a File's handle()), which the caller keeps
    };
    Kind kind = Inherit;
    int fd = -1;
    static constexpr Stdio inherit() { return {Inherit, -1}; }
    static constexpr Stdio close() { return {Close, -1}; }
    static constexpr Stdio null() { return {Null, -1}; }
    static constexpr Stdio pipe() { return {Pipe, -1}; }
    static Stdio file(const File& f) { return {Fd, f.handle()}; }
};

// What to run, and how.
struct Command {
    const char* const* argv = nullptr; // null-terminated; argv[0] names the program
    // The file to run; null: argv[0]. Without a '/' it is searched in PATH (this process's, or
    // /usr/local/bin:/usr/bin:/bin without one).
    const char* program = nullptr;
    // The directories searched for a program without '/' (':'-separated); null: PATH.
    const char* search_path = nullptr;
    // The environment: null inherits this process's; else exactly these "NAME=value" entries.
    const char* const* env = nullptr;
    // Entries added to it ("NAME=value"), replacing an inherited or given one of the same name.
    const char* const* env_add = nullptr;
    const Dir* cwd = nullptr; // the child's working directory (null: this process's)
    Stdio in{}, out{}, err{};
};

class Child {
public:
    static Expected<Child, IoError> spawn(Io& io, const Command& c);

    Child(Child&& o);
    Child& operator=(Child&& o);
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child();

    int pid() const { return pid_; }
    // Whether the pidfd of Linux 5.3 backs wait and kill (else: the pid, polled while waiting).
    bool has_pidfd() const { return pidfd_ >= 0; }

    // Waits until the child ends, and reaps it. Closes `in` first (a child reading its stdin to
    // the end would otherwise wait for us).
    Expected<ExitStatus, IoError> wait(Io& io) { return wait_for(io, Duration::max()); }
    // The same, or TimedOut after d (the child goes on; wait again, or kill it).
    Expected<ExitStatus, IoError> wait_for(Io& io, Duration d);
    // Sends sig (sys::sig::TERM, KILL, …). Once the child has been reaped it is
    // InvalidArgument (ESRCH), never a signal to a later process that got the same pid.
    Expected<void, IoError> kill(Io& io, int sig);

    File in, out, err; // the pipes of Stdio::pipe(), else not open

private:
    Child() = default;
    void release();
    int pid_ = -1;
    int pidfd_ = -1;
};

} // namespace rt
