// libstdc++'s riscv64 configuration, made that of a 32-bit ABI, with std::shared_ptr's atomic
// lock policy (compat/README.md).
#pragma once
#include_next <bits/c++config.h>
#define _GLIBCXX_HAVE_ATOMIC_LOCK_POLICY 1
#define _GLIBCXX_SIZE_T_IS_UINT 1
#define _GLIBCXX_PTRDIFF_T_IS_INT 1
#undef _GLIBCXX_MANGLE_SIZE_T
#define _GLIBCXX_MANGLE_SIZE_T j
// riscv32 has no futex syscall of 32-bit time, only futex_time64 (the kernel's
// include/uapi/asm-generic/unistd.h defines __NR_futex only with __ARCH_WANT_TIME32_SYSCALLS,
// which rv32 does not set), so the riscv64 headers' SYS_futex does not exist here, while
// libstdc++'s futex waits (bits/atomic_wait.h, bits/atomic_timed_wait.h) name it. On rv32 the
// two are the same call: glibc's rv32 struct timespec is the kernel's 64-bit one
// (compat/README.md).
#ifndef SYS_futex
#define SYS_futex 422 /* __NR_futex_time64, include/uapi/asm-generic/unistd.h */
#endif
