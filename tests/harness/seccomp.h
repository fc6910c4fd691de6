// A seccomp filter that makes chosen syscalls fail with a chosen errno while every other one
// runs: for tests that prove a path makes no syscall (the vDSO), and for the runs that stand in
// for an older kernel (ENOSYS for the syscalls it lacks: tests/harness/init.cpp).
#pragma once

#include <stdint.h>

#include "rt/core/errno.h"
#include "rt/sys/process.h"
#include "uapi.h"

namespace rt::test {

// Classic BPF (linux/filter.h: struct sock_filter, struct sock_fprog); the filter reads
// struct seccomp_data's first field, `int nr` (linux/seccomp.h). No architecture check: the
// filter is the process's own, for the ABI it was built for (an i386 program on an x86_64
// kernel sees i386 numbers in nr).
struct SockFilter {
    uint16_t code;
    uint8_t jt, jf;
    uint32_t k;
};
struct SockFprog {
    unsigned short len;
    const SockFilter* filter;
};

inline constexpr int DENY_MAX = 32;

// Installs, for the calling thread and what it starts or execs from now on (with
// no_new_privs set, as an unprivileged filter needs), a filter under which each of the n
// syscall numbers in nrs fails with `e`. False if the kernel refused it (QEMU user mode
// refuses every filter) or n is over DENY_MAX.
inline bool deny_syscalls(const uint32_t* nrs, int n, Errno e) {
    if (n < 0 || n > DENY_MAX) return false;
    SockFilter prog[DENY_MAX + 3];
    int i = 0;
    prog[i++] = {static_cast<uint16_t>(sys::bpf::LD | sys::bpf::W | sys::bpf::ABS), 0, 0, 0};
    for (int k = 0; k < n; ++k) // to the last instruction (deny) when equal
        prog[i++] = {static_cast<uint16_t>(sys::bpf::JMP | sys::bpf::JEQ | sys::bpf::K), static_cast<uint8_t>(n - k),
                     0, nrs[k]};
    prog[i++] = {static_cast<uint16_t>(sys::bpf::RET | sys::bpf::K), 0, 0, static_cast<uint32_t>(sys::seccomp::RET_ALLOW)};
    prog[i++] = {static_cast<uint16_t>(sys::bpf::RET | sys::bpf::K), 0, 0,
                 static_cast<uint32_t>(sys::seccomp::RET_ERRNO | static_cast<int>(e))};
    SockFprog fprog{static_cast<unsigned short>(i), prog};
    if (!sys::prctl(sys::pr::SET_NO_NEW_PRIVS, 1)) return false;
    return sys::prctl(sys::pr::SET_SECCOMP, sys::seccomp::MODE_FILTER, reinterpret_cast<unsigned long>(&fprog))
        .has_value();
}

// As deny_syscalls, but a call of one of the nrs made by code in [lo, hi) runs: struct
// seccomp_data's instruction_pointer (a __u64 at offset 8, after nr and arch) is the address
// of the calling instruction. Classic BPF loads 32 bits at a time: the range must not cross a
// 4 GiB boundary (false otherwise).
inline bool deny_syscalls_outside(const uint32_t* nrs, int n, uint64_t lo, uint64_t hi, Errno e) {
    if (n < 0 || n > DENY_MAX || lo >= hi || (lo >> 32) != ((hi - 1) >> 32)) return false;
    constexpr bool LE = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
    constexpr uint32_t IP_LO = LE ? 8 : 12, IP_HI = LE ? 12 : 8;
    auto op = [](long a, long b, long c = 0) { return static_cast<uint16_t>(a | b | c); };
    SockFilter prog[DENY_MAX + 9];
    int i = 0;
    prog[i++] = {op(sys::bpf::LD, sys::bpf::W, sys::bpf::ABS), 0, 0, 0};
    // A listed nr jumps to the address check (just past the ALLOW after the list).
    for (int k = 0; k < n; ++k)
        prog[i++] = {op(sys::bpf::JMP, sys::bpf::JEQ, sys::bpf::K), static_cast<uint8_t>(n - k), 0, nrs[k]};
    prog[i++] = {op(sys::bpf::RET, sys::bpf::K), 0, 0, static_cast<uint32_t>(sys::seccomp::RET_ALLOW)};
    prog[i++] = {op(sys::bpf::LD, sys::bpf::W, sys::bpf::ABS), 0, 0, IP_HI};
    prog[i++] = {op(sys::bpf::JMP, sys::bpf::JEQ, sys::bpf::K), 0, 4, static_cast<uint32_t>(lo >> 32)};
    prog[i++] = {op(sys::bpf::LD, sys::bpf::W, sys::bpf::ABS), 0, 0, IP_LO};
    prog[i++] = {op(sys::bpf::JMP, sys::bpf::JGE, sys::bpf::K), 0, 2, static_cast<uint32_t>(lo)};     // below lo: deny
    prog[i++] = {op(sys::bpf::JMP, sys::bpf::JGT, sys::bpf::K), 1, 0, static_cast<uint32_t>(hi - 1)}; // past hi - 1: deny
    prog[i++] = {op(sys::bpf::RET, sys::bpf::K), 0, 0, static_cast<uint32_t>(sys::seccomp::RET_ALLOW)};
    prog[i++] = {op(sys::bpf::RET, sys::bpf::K), 0, 0, static_cast<uint32_t>(sys::seccomp::RET_ERRNO | static_cast<int>(e))};
    SockFprog fprog{static_cast<unsigned short>(i), prog};
    if (!sys::prctl(sys::pr::SET_NO_NEW_PRIVS, 1)) return false;
    return sys::prctl(sys::pr::SET_SECCOMP, sys::seccomp::MODE_FILTER, reinterpret_cast<unsigned long>(&fprog))
        .has_value();
}

// The syscalls Linux 5.1 added for 64-bit time on 32-bit ABIs (the kernel's syscall tables,
// numbers 403-423 in the generic one), those of them the ABI has: none on 64-bit ABIs; on
// riscv32 they are the only ones (no older kernel runs it). Returns the count.
template <class S = sys::Sys> int time64_syscalls(uint32_t (&nrs)[DENY_MAX]) {
    int n = 0;
    if constexpr (requires { S::clock_gettime64; }) nrs[n++] = static_cast<uint32_t>(S::clock_gettime64);
    if constexpr (requires { S::clock_settime64; }) nrs[n++] = static_cast<uint32_t>(S::clock_settime64);
    if constexpr (requires { S::clock_adjtime64; }) nrs[n++] = static_cast<uint32_t>(S::clock_adjtime64);
    if constexpr (requires { S::clock_getres_time64; }) nrs[n++] = static_cast<uint32_t>(S::clock_getres_time64);
    if constexpr (requires { S::clock_nanosleep_time64; }) nrs[n++] = static_cast<uint32_t>(S::clock_nanosleep_time64);
    if constexpr (requires { S::timer_gettime64; }) nrs[n++] = static_cast<uint32_t>(S::timer_gettime64);
    if constexpr (requires { S::timer_settime64; }) nrs[n++] = static_cast<uint32_t>(S::timer_settime64);
    if constexpr (requires { S::timerfd_gettime64; }) nrs[n++] = static_cast<uint32_t>(S::timerfd_gettime64);
    if constexpr (requires { S::timerfd_settime64; }) nrs[n++] = static_cast<uint32_t>(S::timerfd_settime64);
    if constexpr (requires { S::utimensat_time64; }) nrs[n++] = static_cast<uint32_t>(S::utimensat_time64);
    if constexpr (requires { S::pselect6_time64; }) nrs[n++] = static_cast<uint32_t>(S::pselect6_time64);
    if constexpr (requires { S::ppoll_time64; }) nrs[n++] = static_cast<uint32_t>(S::ppoll_time64);
    if constexpr (requires { S::io_pgetevents_time64; }) nrs[n++] = static_cast<uint32_t>(S::io_pgetevents_time64);
    if constexpr (requires { S::recvmmsg_time64; }) nrs[n++] = static_cast<uint32_t>(S::recvmmsg_time64);
    if constexpr (requires { S::mq_timedsend_time64; }) nrs[n++] = static_cast<uint32_t>(S::mq_timedsend_time64);
    if constexpr (requires { S::mq_timedreceive_time64; }) nrs[n++] = static_cast<uint32_t>(S::mq_timedreceive_time64);
    if constexpr (requires { S::semtimedop_time64; }) nrs[n++] = static_cast<uint32_t>(S::semtimedop_time64);
    if constexpr (requires { S::rt_sigtimedwait_time64; }) nrs[n++] = static_cast<uint32_t>(S::rt_sigtimedwait_time64);
    if constexpr (requires { S::futex_time64; }) nrs[n++] = static_cast<uint32_t>(S::futex_time64);
    if constexpr (requires { S::sched_rr_get_interval_time64; }) nrs[n++] = static_cast<uint32_t>(S::sched_rr_get_interval_time64);
    return n;
}

// True where the ABI has both the *_time64 syscalls and their 32-bit predecessors: where a
// kernel before 5.1 runs it and bedrock must fall back (rt/sys/time.h).
template <class S = sys::Sys> constexpr bool has_time32_fallback() {
    return requires { S::clock_gettime64; S::clock_gettime; };
}

} // namespace rt::test
