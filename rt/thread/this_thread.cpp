#include "rt/thread/this_thread.h"

#include "rt/builtins/atomic.h"
#include "rt/core/panic.h"
#include "rt/core/string_view.h"
#include "rt/io/format.h"
#include "rt/io/panicf.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/sys/sched.h"
#include "rt/sys/time.h"
#include "rt/sync/fork_handler.h"
#include "rt/tls/tcb.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

namespace rt::detail {
constinit Atomic<uint32_t> g_fork_generation;
// rt/thread/thread.cpp, when the program spawns threads (weak: rt::fork does not pull it in).
[[gnu::weak]] void block_cache_fork_prepare();
[[gnu::weak]] void block_cache_fork_after();
} // namespace rt::detail

namespace rt {

namespace {
// The main thread's id, cached (the main thread has no ThreadBlock); rt::fork resets it.
int g_main_tid;
} // namespace

int current_thread_id() {
    // An rt thread's tid word holds its id from before it runs (CLONE_CHILD_SETTID) until it
    // has ended.
    if (auto b = static_cast<detail::ThreadBlock*>(detail::current_tcb()->rt.thread)) return b->tid.load(Order::Relaxed);
    if (g_main_tid == 0) g_main_tid = sys::gettid();
    return g_main_tid;
}

unsigned cpu_count() {
    // 1024 CPUs' worth of mask; a larger machine reports EINVAL and counts as 1 here.
    unsigned long mask[1024 / (8 * sizeof(unsigned long))] = {};
    auto r = sys::sched_getaffinity(0, sizeof mask, mask);
    if (!r) return 1;
    unsigned n = 0;
    for (size_t i = 0; i < *r / sizeof(unsigned long); ++i) n += static_cast<unsigned>(__builtin_popcountl(mask[i]));
    return n ? n : 1;
}

void yield() { (void)sys::sched_yield(); }

namespace {
// clock_nanosleep fails only with EINTR for a valid absolute CLOCK_MONOTONIC time; anything
// else (a seccomp filter answering ENOSYS or EPERM, say) would make the loop spin for good.
[[noreturn, gnu::cold]] void sleep_failed(Errno e) { panicf("rt::sleep: clock_nanosleep failed: {}", e); }
} // namespace

void sleep(Duration d) {
    if (d.ns() <= 0) return;
    // An absolute deadline: resuming after a signal handler does not restart the full duration.
    sleep_until(deadline_after(d));
}

void sleep_until(Deadline deadline) {
    // Never: the farthest time every clock_nanosleep accepts (~35 000 years), slept again and again.
    constexpr int64_t FAR_SECONDS = int64_t{1} << 40;
    // Before the clock's zero (Deadline::at of a negative time): passed; the kernel would
    // refuse the negative time (EINVAL).
    int64_t ns = deadline.ns() < 0 ? 0 : deadline.ns();
    sys::Timespec t = deadline.is_never() ? sys::Timespec{FAR_SECONDS, 0} : sys::Timespec{ns / 1'000'000'000, ns % 1'000'000'000};
    for (;;) {
        auto r = sys::clock_nanosleep(sys::clock::MONOTONIC, sys::clock::ABSTIME, t);
        if (r) return;
        if (r.error() != Errno::INTR) sleep_failed(r.error());
    }
}

namespace {

// /proc/self/task/<tid>/comm
void comm_path(char (&path)[48], int tid) { format_to(path, sizeof path, "/proc/self/task/{}/comm", tid); }

} // namespace

Expected<void, NameError> set_name(const char* name) {
    if (StringView(name).size() > MAX_THREAD_NAME) return unexpected(NameError::NameTooLong);
    if (!sys::prctl(sys::pr::SET_NAME, reinterpret_cast<unsigned long>(name))) return unexpected(NameError::Unexpected);
    return {};
}

Expected<void, NameError> get_name(char (&out)[16]) {
    if (!sys::prctl(sys::pr::GET_NAME, reinterpret_cast<unsigned long>(out))) return unexpected(NameError::Unexpected);
    out[15] = 0;
    return {};
}

Expected<void, NameError> set_name(int tid, const char* name) {
    size_t n = StringView(name).size();
    if (n > MAX_THREAD_NAME) return unexpected(NameError::NameTooLong);
    char path[48];
    comm_path(path, tid);
    auto fd = sys::openat(sys::at::FDCWD, path, sys::o::WRONLY | sys::o::CLOEXEC);
    if (!fd) return unexpected(NameError::Unexpected);
    auto w = sys::write(*fd, name, n);
    (void)sys::close(*fd);
    if (!w || *w != n) return unexpected(NameError::Unexpected);
    return {};
}

Expected<void, NameError> get_name(int tid, char (&out)[16]) {
    char path[48];
    comm_path(path, tid);
    auto fd = sys::openat(sys::at::FDCWD, path, sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) return unexpected(NameError::Unexpected);
    size_t got = 0;
    while (got < sizeof out - 1) {
        auto r = sys::read(*fd, out + got, sizeof out - 1 - got);
        if (!r) {
            (void)sys::close(*fd);
            return unexpected(NameError::Unexpected);
        }
        if (*r == 0) break;
        got += *r;
    }
    (void)sys::close(*fd);
    // The kernel ends the name with a newline.
    if (got > 0 && out[got - 1] == '\n') --got;
    out[got] = 0;
    return {};
}

Expected<int, Errno> fork() {
    // The handlers seen by prepare are the ones run after: a registration racing this fork
    // (another thread's first allocation) is not run.
    detail::ForkHandler* handlers = detail::fork_prepare();
    if (detail::block_cache_fork_prepare) detail::block_cache_fork_prepare();
    detail::atomic_locks_acquire_all();
    auto r = sys::clone(sys::sig::CHLD);
    detail::atomic_locks_release_all();
    if (detail::block_cache_fork_after) detail::block_cache_fork_after();
    if (r && *r == 0) {
        // The child's only thread has a new id: the main thread's cache, or the block's tid
        // word of an rt thread that forked (CLONE_CHILD_SETTID wrote the parent thread's id).
        g_main_tid = 0;
        uint32_t generation = detail::g_fork_generation.fetch_add(1, Order::Relaxed) + 1;
        if (auto b = static_cast<detail::ThreadBlock*>(detail::current_tcb()->rt.thread)) {
            int tid = sys::gettid();
            b->tid.store(tid, Order::Relaxed);
            b->id = tid;
            b->generation = generation;
        }
        detail::fork_after(handlers, true);
    } else {
        detail::fork_after(handlers, false);
    }
    return r;
}

} // namespace rt
