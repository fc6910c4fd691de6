// arm/thumb2 thread start and self-unmapping exit (prototypes: rt/thread/clone.h). One file for
// both ABIs: assembled as ARM or Thumb-2, whichever -marm/-mthumb selects (as start.S); every
// instruction below has a Thumb-2 encoding, and the symbols are marked .thumb_func under
// __thumb__ so their addresses carry the Thumb bit for `blx`/`bx lr` interworking.
// C arguments (AAPCS §6.1.2): r0 flags, r1 stack_top, r2 ptid, r3 tls, then on the stack
// [sp] ctid, [sp+4] fn, [sp+8] arg; r4-r11 are callee-saved, so the parent restores r4-r7.
// Kernel clone: arm selects CLONE_BACKWARDS (arch/arm/Kconfig:46), so kernel/fork.c:2887 takes
//   (flags, newsp, parent_tid, tls, child_tid) = r0, r1, r2, r3, r4 — the C order of the first
//   four, ctid moved into r4. EABI: number in r7 (entry-common.S:229 "Pure EABI user space always
//   put syscall number into scno (r7)"; entry-header.S:427 scno .req r7), fifth argument r4
//   (entry-common.S:276 pushes r4/r5), result in r0 with -4095..-1 = -errno (already the
//   normalized form), every other register preserved.
// Child: copy_thread (arch/arm/kernel/process.c:258-261) copies the parent's registers, sets
//   r0 = 0 and sp = newsp; CLONE_SETTLS sets TPIDRURO (:273). So fn and arg ride in r5/r6, loaded
//   before the svc; the child never reads the parent's stack. Its sp is rounded down to 16
//   (AAPCS §6.2.1.2 wants 8 at a public call; no red zone or save area on arm). lr and both
//   frame pointers (r11 in ARM code, r7 in Thumb code) are cleared so backtraces end there.
//   fn's int result is already in r0, exit's argument. Reference read: musl src/thread/arm/clone.s.
#include "syscall_nr.h"
    .syntax unified
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, %function
    .hidden rt_arch_clone
#ifdef __thumb__
    .thumb_func
#endif
rt_arch_clone:
    push {r4, r5, r6, r7}
    ldr r4, [sp, #16]          // ctid: kernel's fifth argument
    ldr r5, [sp, #20]          // fn, survives the svc into the child
    ldr r6, [sp, #24]          // arg
    bic r1, r1, #15            // child's sp 16-byte aligned
    mov r7, #RT_NR_clone
    svc 0
    cmp r0, #0
    beq 1f
    // Parent (tid or -errno in r0): restore what we took.
    pop {r4, r5, r6, r7}
    bx lr
    // Child: sp = aligned stack_top, nothing of the parent's stack is used.
1:  mov r11, #0
    mov r7, #0
    mov lr, #0
    mov r0, r6
    blx r5
    mov r7, #RT_NR_exit        // exit(fn(arg)): r0 already holds the result
    svc 0
    udf #0
    .size rt_arch_clone, . - rt_arch_clone

// munmap(r0, r1), then exit(0): registers only, no stack, after the munmap.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, %function
    .hidden rt_arch_unmap_and_exit
#ifdef __thumb__
    .thumb_func
#endif
rt_arch_unmap_and_exit:
    mov r7, #RT_NR_munmap
    svc 0
    mov r0, #0
    mov r7, #RT_NR_exit
    svc 0
    udf #0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", %progbits
