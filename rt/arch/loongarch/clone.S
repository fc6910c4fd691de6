// LoongArch64 thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments (LP64D psABI): $a0 flags, $a1 stack_top, $a2 ptid, $a3 tls, $a4 ctid, $a5 fn,
// $a6 arg.
// Kernel clone: loongarch selects no CLONE_BACKWARDS option, so kernel/fork.c's default order
//   applies: $a7 = __NR_clone, $a0 flags, $a1 newsp, $a2 parent_tid, $a3 child_tid, $a4 tls —
//   tls and child_tid swap places. Result in $a0, -errno on failure; the kernel may clobber
//   $t0-$t8 only. The child starts after `syscall` with $sp = newsp, $tp = tls and the
//   parent's other registers (arch/loongarch/kernel/process.c copy_thread), so fn and arg ride
//   in $a5/$a6.
// The child's $sp must be 16-byte aligned (psABI); $ra and $fp are cleared so that backtraces
// end there.
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, @function
    .hidden rt_arch_clone
rt_arch_clone:
    bstrins.d $a1, $zero, 3, 0
    move $t0, $a3
    move $a3, $a4
    move $a4, $t0
    addi.d $a7, $zero, RT_NR_clone
    syscall 0
    beqz $a0, 1f
    jirl $zero, $ra, 0
1:  move $ra, $zero
    move $fp, $zero
    move $a0, $a6
    jirl $ra, $a5, 0
    addi.d $a7, $zero, RT_NR_exit
    syscall 0
    break 0
    .size rt_arch_clone, . - rt_arch_clone

// munmap($a0, $a1), then exit(0), in registers only.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, @function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    addi.d $a7, $zero, RT_NR_munmap
    syscall 0
    move $a0, $zero
    addi.d $a7, $zero, RT_NR_exit
    syscall 0
    break 0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
