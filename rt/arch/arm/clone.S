// arm/thumb2 thread start and self-unmapping exit (prototypes: rt/thread/clone.h); assembled
// as ARM or Thumb-2, whichever the build selects (as start.S).
// C arguments (AAPCS): r0 flags, r1 stack_top, r2 ptid, r3 tls, then on the stack [sp] ctid,
// [sp+4] fn, [sp+8] arg; r4-r11 are callee-saved.
// Kernel clone (arch/arm/Kconfig selects CLONE_BACKWARDS; kernel/fork.c), EABI: r7 = number,
//   r0 flags, r1 newsp, r2 parent_tid, r3 tls, r4 child_tid. Result in r0, -errno on failure;
//   other registers preserved. The child starts after `svc` with sp = newsp, TPIDRURO = tls
//   and the parent's other registers (arch/arm/kernel/process.c copy_thread), so fn and arg
//   ride in r5/r6, loaded before the call (and restored in the parent, which owns them).
// The child's sp is aligned to 16 (AAPCS requires 8 at public interfaces); lr and both frame
// pointers (r11 in ARM code, r7 in Thumb code — r7 is overwritten by the exit number anyway)
// are cleared so that backtraces end there.
#include "syscall_nr.h"
    .syntax unified
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, %function
    .hidden rt_arch_clone
rt_arch_clone:
    push {r4, r5, r6, r7}
    ldr r4, [sp, #16]
    ldr r5, [sp, #20]
    ldr r6, [sp, #24]
    bic r1, r1, #15
    mov r7, #RT_NR_clone
    svc 0
    cmp r0, #0
    beq 1f
    pop {r4, r5, r6, r7}
    bx lr
1:  mov r11, #0
    mov r7, #0
    mov lr, #0
    mov r0, r6
    blx r5
    mov r7, #RT_NR_exit
    svc 0
    udf #0
    .size rt_arch_clone, . - rt_arch_clone

// munmap(r0, r1), then exit(0), in registers only.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, %function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    mov r7, #RT_NR_munmap
    svc 0
    mov r0, #0
    mov r7, #RT_NR_exit
    svc 0
    udf #0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", %progbits
