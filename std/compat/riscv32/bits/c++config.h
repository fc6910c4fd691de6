// libstdc++'s riscv64 configuration, made that of a 32-bit ABI, with std::shared_ptr's atomic
// lock policy (compat/README.md).
#pragma once
#include_next <bits/c++config.h>
#define _GLIBCXX_HAVE_ATOMIC_LOCK_POLICY 1
#define _GLIBCXX_SIZE_T_IS_UINT 1
#define _GLIBCXX_PTRDIFF_T_IS_INT 1
#undef _GLIBCXX_MANGLE_SIZE_T
#define _GLIBCXX_MANGLE_SIZE_T j
// riscv32 has no futex syscall of 32-bit time (only futex_time64: the kernel's
// include/uapi/asm-generic/unistd.h defines __NR_futex only with __ARCH_WANT_TIME32_SYSCALLS,
// which rv32 does not set), so the riscv64 kernel headers' SYS_futex does not exist here.
#undef _GLIBCXX_HAVE_LINUX_FUTEX
