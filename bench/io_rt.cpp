// I/O benchmark driver, bedrock side (bench/suite.py's "io" rows; the C references are
// bench/ref/io_c.c). Each mode does one job and prints the nanoseconds it took:
//   io_rt read FILE CHUNK      read FILE to its end in CHUNK-byte reads (File::read)
//   io_rt copy SRC DST         copy SRC into a new DST (File::copy_to: copy_file_range)
//   io_rt spawn N PROG         spawn PROG and wait for it, N times (rt::Child); per spawn
#include "rt/exec/inline_io.h"
#include "rt/fs/dir.h"
#include "rt/io/print.h"
#include "rt/mem/alloc.h"
#include "rt/proc/child.h"
#include "rt/time/clock.h"

namespace {

uint64_t parse(const char* s) {
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; ++s) v = v * 10 + static_cast<uint64_t>(*s - '0');
    return v;
}

int fail(const char* what, rt::IoError e) {
    rt::eprint("io_rt: {}: {}\n", what, e);
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    rt::InlineIo io;
    rt::StringView mode(argc > 1 ? argv[1] : "");
    if (mode == "read" && argc == 4) {
        size_t chunk = parse(argv[3]);
        void* buf = rt::alloc(chunk);
        if (!buf) return 1;
        int64_t t0 = rt::now(rt::Clock::Monotonic);
        auto f = rt::Dir::cwd().open_file(io, argv[2]);
        if (!f) return fail("open", f.error());
        uint64_t total = 0;
        for (;;) {
            auto n = f->read(io, buf, chunk);
            if (!n) return fail("read", n.error());
            if (*n == 0) break;
            total += *n;
        }
        int64_t t1 = rt::now(rt::Clock::Monotonic);
        rt::print("{} {}\n", t1 - t0, total);
        return 0;
    }
    if (mode == "copy" && argc == 4) {
        int64_t t0 = rt::now(rt::Clock::Monotonic);
        auto in = rt::Dir::cwd().open_file(io, argv[2]);
        if (!in) return fail("open", in.error());
        auto out = rt::Dir::cwd().create_file(io, argv[3]);
        if (!out) return fail("create", out.error());
        auto n = in->copy_to(io, *out, ~uint64_t{0} >> 1);
        if (!n) return fail("copy", n.error());
        int64_t t1 = rt::now(rt::Clock::Monotonic);
        rt::print("{} {}\n", t1 - t0, *n);
        return 0;
    }
    if (mode == "spawn" && argc == 4) {
        uint64_t n = parse(argv[2]);
        const char* args[] = {argv[3], nullptr};
        int64_t t0 = rt::now(rt::Clock::Monotonic);
        for (uint64_t i = 0; i < n; ++i) {
            auto c = rt::Child::spawn(io, {.argv = args, .out = rt::Stdio::null()});
            if (!c) return fail("spawn", c.error());
            auto st = c->wait(io);
            if (!st || !st->success()) return 1;
        }
        int64_t t1 = rt::now(rt::Clock::Monotonic);
        rt::print("{}\n", (t1 - t0) / static_cast<int64_t>(n ? n : 1));
        return 0;
    }
    rt::eprint("usage: io_rt read FILE CHUNK | copy SRC DST | spawn N PROG\n");
    return 2;
}
