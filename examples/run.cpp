// examples/run PROG ARGS…: runs PROG (searched in PATH without a '/') with its output through a
// pipe, echoes each line of it with a line number, and reports how it ended; exits with its
// exit code (128 + the signal's number when a signal ended it, 127 when it could not start).
#include "rt/exec/inline_io.h"
#include "rt/io/print.h"
#include "rt/proc/child.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        rt::eprint("usage: run PROG [ARGS...]\n");
        return 2;
    }
    rt::InlineIo io;
    auto child = rt::Child::spawn(io, {.argv = argv + 1, .out = rt::Stdio::pipe()});
    if (!child) {
        rt::eprint("run: {}: {}\n", argv[1], child.error());
        return 127;
    }
    char buf[4096];
    char line[4096];
    size_t len = 0;
    unsigned long count = 0;
    auto emit = [&] {
        rt::print("{:>6}  {}\n", ++count, rt::StringView(line, len));
        len = 0;
    };
    for (;;) {
        auto n = child->out.read(io, buf, sizeof buf);
        if (!n) {
            rt::eprint("run: reading the output: {}\n", n.error());
            break;
        }
        if (*n == 0) break;
        for (size_t i = 0; i < *n; ++i) {
            if (buf[i] == '\n') emit();
            else if (len < sizeof line) line[len++] = buf[i];
        }
    }
    if (len > 0) emit(); // a last line without its newline
    auto st = child->wait(io);
    if (!st) {
        rt::eprint("run: wait: {}\n", st.error());
        return 127;
    }
    if (st->kind == rt::ExitStatus::Exited) {
        rt::print("exit status {}\n", st->code);
        return st->code;
    }
    rt::print("killed by signal {}\n", st->code);
    return 128 + st->code;
}
