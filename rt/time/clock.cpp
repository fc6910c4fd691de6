#include "rt/time/clock.h"

#include "arch_abi.h"
#include "rt/core/panic.h"
#include "rt/io/panicf.h"
#include "rt/sys/process_info.h"
#include "rt/sys/time.h"

namespace rt {

namespace {
using VdsoClockGettime = int (*)(long, sys::Timespec*);
// The vDSO's clock_gettime, looked up at the first call of now() so that a program that never
// reads a clock does not carry the ELF lookup (a hello world). NOT_YET before that lookup,
// nullptr when there is none. Racing first calls compute the same value from the same
// read-only mapping, so the pointer is all that is published: relaxed loads and stores.
const auto NOT_YET = reinterpret_cast<VdsoClockGettime>(uintptr_t{1});
VdsoClockGettime g_vdso_clock_gettime = NOT_YET;

[[gnu::cold]] VdsoClockGettime vdso_clock_gettime_lookup() {
    VdsoClockGettime f = nullptr;
    // ABIs whose vDSO has no clock_gettime with 64-bit seconds name none (nullptr).
    if constexpr (arch::VDSO_CLOCK_GETTIME != nullptr)
        f = reinterpret_cast<VdsoClockGettime>(detail::vdso_lookup(auxv(sys::auxv::SYSINFO_EHDR),
                                                                    arch::VDSO_CLOCK_GETTIME, arch::VDSO_VERSION));
    __atomic_store_n(&g_vdso_clock_gettime, f, __ATOMIC_RELAXED);
    return f;
}

VdsoClockGettime vdso_clock_gettime() {
    auto f = __atomic_load_n(&g_vdso_clock_gettime, __ATOMIC_RELAXED);
    return f == NOT_YET ? vdso_clock_gettime_lookup() : f;
}

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

bool vdso_time_available() { return vdso_clock_gettime() != nullptr; }

int64_t now(Clock c) {
    long id = clock_id(c);
    sys::Timespec ts{};
    // The vDSO falls back to the syscall itself for clocks it cannot read in user space; a
    // non-zero return (an error) is retried through the syscall to get the errno.
    auto vdso = vdso_clock_gettime();
    if (vdso && vdso(id, &ts) == 0) return ts.sec * 1'000'000'000 + ts.nsec;
    auto r = sys::clock_gettime(static_cast<int>(id));
    if (!r) {
        panicf("clock_gettime({}) failed: {}", id, r.error());
    }
    return r->sec * 1'000'000'000 + r->nsec;
}

} // namespace rt
