// AArch64 thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments (AAPCS64): x0 flags, x1 stack_top, x2 ptid, x3 tls, x4 ctid, x5 fn, x6 arg.
// Kernel clone (arch/arm64/Kconfig selects CLONE_BACKWARDS; kernel/fork.c):
//   x8 = __NR_clone, x0 flags, x1 newsp, x2 parent_tid, x3 tls, x4 child_tid — the C order
//   already. The result in x0, -errno on failure; every other register is preserved, and the
//   child starts after `svc` with sp = newsp and the parent's registers (so fn and arg ride in
//   x5/x6, which the kernel copies and the syscall does not use).
// The child's sp must be 16-byte aligned (AAPCS64 §6.4.5.1); x29/x30 are cleared so that
// backtraces end there.
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

// munmap(x0, x1), then exit(0), in registers only.
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
