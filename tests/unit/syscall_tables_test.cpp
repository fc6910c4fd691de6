// Sanity of the generated syscall tables: x86_64 and i386 against the host's kernel headers
// (another copy of the same kernel tables), and every table has what rt/sys needs.
#include <catch2/catch.hpp>

#include <asm/unistd_64.h>

namespace t_x86_64 {
#include "rt/arch/x86_64/x86_64/syscall_nr.h"
}
namespace t_i386 {
#include "rt/arch/i386/i386/syscall_nr.h"
}
namespace t_arm {
#include "rt/arch/arm/arm/syscall_nr.h"
}
namespace t_aarch64 {
#include "rt/arch/aarch64/aarch64/syscall_nr.h"
}
namespace t_riscv64 {
#include "rt/arch/riscv/riscv64/syscall_nr.h"
}
namespace t_riscv32 {
#include "rt/arch/riscv/riscv32/syscall_nr.h"
}
namespace t_o32 {
#include "rt/arch/mips/o32/syscall_nr.h"
}
namespace t_n64 {
#include "rt/arch/mips/n64/syscall_nr.h"
}
namespace t_n32 {
#include "rt/arch/mips/n32/syscall_nr.h"
}
namespace t_ppc {
#include "rt/arch/powerpc/ppc/syscall_nr.h"
}
namespace t_ppc64 {
#include "rt/arch/powerpc/ppc64/syscall_nr.h"
}
namespace t_s390x {
#include "rt/arch/s390x/s390x/syscall_nr.h"
}
namespace t_sparc {
#include "rt/arch/sparc/sparc/syscall_nr.h"
}
namespace t_sparc64 {
#include "rt/arch/sparc/sparc64/syscall_nr.h"
}
namespace t_loongarch64 {
#include "rt/arch/loongarch/loongarch64/syscall_nr.h"
}

#define X64(name) CHECK(static_cast<long>(t_x86_64::rt::sys::Sys::name) == __NR_##name)

TEST_CASE("x86_64 numbers agree with the host's <asm/unistd_64.h>") {
    X64(read); X64(write); X64(openat); X64(close); X64(lseek); X64(mmap); X64(munmap); X64(mprotect);
    X64(madvise); X64(exit); X64(exit_group); X64(getpid); X64(gettid); X64(tgkill); X64(kill);
    X64(rt_sigaction); X64(rt_sigprocmask); X64(rt_sigreturn); X64(sigaltstack); X64(sched_yield);
    X64(sched_getaffinity); X64(prctl); X64(set_tid_address); X64(futex); X64(clock_gettime);
    X64(clock_nanosleep); X64(getrandom); X64(uname); X64(wait4); X64(clone); X64(clone3); X64(execve);
    X64(arch_prctl); X64(writev); X64(pipe2); X64(unlinkat); X64(io_uring_setup); X64(futex_waitv);
}

// Every table must have the syscalls rt/sys uses, under one of their per-ABI names.
template <class S> constexpr bool has_what_rt_needs() {
    constexpr bool futex = requires { S::futex; } || requires { S::futex_time64; };
    constexpr bool gettime = requires { S::clock_gettime; } || requires { S::clock_gettime64; };
    constexpr bool mmap = requires { S::mmap; } || requires { S::mmap2; };
    constexpr bool seek = requires { S::lseek; } || requires { S::_llseek; } || requires { S::llseek; };
    constexpr bool wait = requires { S::wait4; } || requires { S::waitid; };
    return futex && gettime && mmap && seek && wait && requires {
        S::read; S::write; S::writev; S::openat; S::close; S::munmap; S::mprotect; S::madvise; S::exit;
        S::exit_group; S::getpid; S::gettid; S::tgkill; S::kill; S::rt_sigaction; S::rt_sigprocmask;
        S::sigaltstack; S::sched_yield; S::sched_getaffinity; S::prctl; S::set_tid_address; S::getrandom;
        S::uname; S::clone; S::execve; S::pipe2; S::unlinkat; S::rt_sigreturn;
    };
}

TEST_CASE("every table has the syscalls rt/sys uses") {
    STATIC_REQUIRE(has_what_rt_needs<t_x86_64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_i386::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_arm::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_aarch64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_riscv64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_riscv32::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_o32::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_n64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_n32::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_ppc::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_ppc64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_s390x::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_sparc::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_sparc64::rt::sys::Sys>());
    STATIC_REQUIRE(has_what_rt_needs<t_loongarch64::rt::sys::Sys>());
}

template <class S> constexpr bool has_futex = requires { S::futex; };
template <class S> constexpr bool has_futex_time64 = requires { S::futex_time64; };
template <class S> constexpr bool has_clock_gettime64 = requires { S::clock_gettime64; };

TEST_CASE("32-bit tables have 64-bit time syscalls; 64-bit tables have the plain ones") {
    STATIC_REQUIRE(has_futex_time64<t_riscv32::rt::sys::Sys>);
    STATIC_REQUIRE(!has_futex<t_riscv32::rt::sys::Sys>);
    STATIC_REQUIRE(has_clock_gettime64<t_o32::rt::sys::Sys>);
    STATIC_REQUIRE(has_clock_gettime64<t_n32::rt::sys::Sys>);
    STATIC_REQUIRE(!has_clock_gettime64<t_n64::rt::sys::Sys>);
    STATIC_REQUIRE(!has_futex_time64<t_aarch64::rt::sys::Sys>);
}

TEST_CASE("mips tables start at the kernel's per-ABI bases") {
    // o32, n64 and n32 number from 4000, 5000 and 6000 (arch/mips/include/uapi/asm/unistd.h);
    // `syscall` (the indirect one) is the first entry of o32 and read the first of n64/n32.
    CHECK(static_cast<long>(t_o32::rt::sys::Sys::syscall) == 4000);
    CHECK(static_cast<long>(t_n64::rt::sys::Sys::read) == 5000);
    CHECK(static_cast<long>(t_n32::rt::sys::Sys::read) == 6000);
}
