#include "rt/time/clock.h"

#include "arch_abi.h"
#include "rt/core/panic.h"
#include "rt/io/print.h"
#include "rt/sys/time.h"

namespace rt {

namespace {
// Written once, before main (vdso_init), and only read afterwards.
int (*g_vdso_clock_gettime)(long, sys::Timespec*);

long clock_id(Clock c) {
    switch (c) {
    case Clock::Monotonic: return sys::clock::MONOTONIC;
    case Clock::Realtime: return sys::clock::REALTIME;
    case Clock::Boottime: return sys::clock::BOOTTIME;
    case Clock::ProcessCpu: return sys::clock::PROCESS_CPUTIME_ID;
    case Clock::ThreadCpu: return sys::clock::THREAD_CPUTIME_ID;
    }
    return sys::clock::MONOTONIC;
}
} // namespace

namespace detail {
void vdso_init(unsigned long sysinfo_ehdr) {
    // ABIs whose vDSO has no clock_gettime with 64-bit seconds name none (nullptr).
    if (arch::VDSO_CLOCK_GETTIME == nullptr) return;
    g_vdso_clock_gettime = reinterpret_cast<int (*)(long, sys::Timespec*)>(
        vdso_lookup(sysinfo_ehdr, arch::VDSO_CLOCK_GETTIME, arch::VDSO_VERSION));
}
} // namespace detail

bool vdso_time_available() { return g_vdso_clock_gettime != nullptr; }

int64_t now(Clock c) {
    long id = clock_id(c);
    sys::Timespec ts{};
    // The vDSO falls back to the syscall itself for clocks it cannot read in user space; a
    // non-zero return (an error) is retried through the syscall to get the errno.
    if (g_vdso_clock_gettime && g_vdso_clock_gettime(id, &ts) == 0) return ts.sec * 1'000'000'000 + ts.nsec;
    auto r = sys::clock_gettime(static_cast<int>(id));
    if (!r) {
        char msg[80];
        format_to(msg, sizeof msg, "clock_gettime({}) failed: {}", id, r.error());
        panic(msg);
    }
    return r->sec * 1'000'000'000 + r->nsec;
}

} // namespace rt
