// How the C library's headers lay out the types that bedrock's C-library entry points
// (rt/libc) take from hosted user code. User code compiles against glibc's headers (docs/cxx.md);
// the generic layout is glibc's struct timespec of an ABI whose time_t is `long`
// (bits/types/struct_timespec.h; bits/timesize.h: __TIMESIZE is __WORDSIZE on these ABIs).
// This folder is last on rt's include path: an ABI whose layout differs has its own
// libc_abi.h in its syscall-table folder, which is searched first (meson.build, rt_inc).
#pragma once

namespace rt::arch {

struct LibcTimespec {
    long tv_sec;
    long tv_nsec;
};

} // namespace rt::arch
