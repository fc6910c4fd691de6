// AArch64 thread start and self-unmapping exit (prototypes: rt/thread/clone.h); one file for
// aarch64 and aarch64_be (nothing here depends on byte order).
// C arguments (AAPCS64 §6.8.2: x0-x7 carry the first eight integer arguments): x0 flags,
// x1 stack_top, x2 ptid, x3 tls, x4 ctid, x5 fn (6th), x6 arg (7th): nothing on the stack.
// Kernel clone: arch/arm64/Kconfig:114 selects CLONE_BACKWARDS, so kernel/fork.c:2887 is
//   clone(flags, newsp, parent_tid, tls, child_tid) = x0..x4 with x8 = __NR_clone: the C order
//   already, no shuffling. The result comes back in x0 as -errno on failure (already the
//   -errno convention, see syscall_arch.h); the kernel preserves every other register.
// The child (arch/arm64/kernel/process.c:365-380, copy_thread) starts after `svc` with a copy
//   of the parent's registers, x0 = 0 and sp = newsp: fn and arg ride in x5/x6, so the child
//   reads nothing from either stack. Its sp must be 16-byte aligned (AAPCS64 §6.4.5.1, and
//   sp-relative accesses fault otherwise when SCTLR_EL1.SA0 is set); there is no red zone and
//   no register save area to reserve. x29/x30 are cleared so that backtraces end there.
// The parent path touches only x1 and x8 (caller-saved, AAPCS64 §6.1.1) and returns directly.
// Reference read for facts: musl src/thread/aarch64/clone.s.
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, %function
    .hidden rt_arch_clone
rt_arch_clone:
    and x1, x1, #-16
    mov x8, #RT_NR_clone
    svc #0
    cbz x0, 1f
    ret
1:  mov x29, #0
    mov x30, #0
    mov x0, x6
    blr x5
    mov x8, #RT_NR_exit
    svc #0
    brk #0
    .size rt_arch_clone, . - rt_arch_clone

// munmap(x0, x1), then exit(0): only registers (x0, x8) are used after the munmap, no stack.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, %function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    mov x8, #RT_NR_munmap
    svc #0
    mov x0, #0
    mov x8, #RT_NR_exit
    svc #0
    brk #0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", %progbits
