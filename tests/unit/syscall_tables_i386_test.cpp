// The i386 table against the host's <asm/unistd_32.h> (its own translation unit: the 32- and
// 64-bit headers define the same __NR_ names).
#include <catch2/catch.hpp>

#include <asm/unistd_32.h>

namespace t_i386 {
#include "rt/arch/i386/i386/syscall_nr.h"
}

#define X32(name) CHECK(static_cast<long>(t_i386::rt::sys::Sys::name) == __NR_##name)

TEST_CASE("i386 numbers agree with the host's <asm/unistd_32.h>") {
    X32(read); X32(write); X32(openat); X32(close); X32(_llseek); X32(mmap2); X32(munmap); X32(exit);
    X32(exit_group); X32(rt_sigaction); X32(rt_sigreturn); X32(set_thread_area); X32(futex_time64);
    X32(clock_gettime64); X32(clock_nanosleep_time64); X32(clone); X32(waitpid); X32(socketcall);
}

