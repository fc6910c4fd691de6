// glibc's struct timespec on riscv32 (overrides rt/arch/generic/defaults/libc_abi.h): glibc's
// rv32 port has only a 64-bit time_t (bits/timesize.h: __TIMESIZE 64), and its struct pads the
// 32-bit tv_nsec to the layout of the kernel's struct __kernel_timespec
// (bits/types/struct_timespec.h: `long int tv_nsec; int : 32;` on little-endian).
#pragma once

namespace rt::arch {

struct LibcTimespec {
    long long tv_sec;
    long tv_nsec;
    int padding;
};
static_assert(sizeof(LibcTimespec) == 16);

} // namespace rt::arch
