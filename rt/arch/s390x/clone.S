// s390x thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments (s390x ELF ABI supplement): r2 flags, r3 stack_top, r4 ptid, r5 tls, r6 ctid,
// then 160(%r15) fn and 168(%r15) arg (the caller's frame: 160 bytes of register save area,
// then the stack arguments); r6-r15 are callee-saved, and a callee may store them in the
// caller's save area at 48(%r15).
// Kernel clone (arch/s390/Kconfig selects CLONE_BACKWARDS2; kernel/fork.c): r1 = number with
//   `svc 0`, r2 newsp, r3 flags, r4 parent_tid, r5 child_tid, r6 tls. Result in r2, -errno on
//   failure; other registers preserved. The child starts after `svc` with r15 = newsp,
//   a0:a1 = tls and the parent's other registers (arch/s390/kernel/process.c copy_thread), so
//   fn and arg ride in r7/r8.
// The child's stack: 8-byte aligned, with a 160-byte register save area for the callee and a
// zero back chain at 0(%r15) so that backtraces end there.
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, @function
    .hidden rt_arch_clone
rt_arch_clone:
    stmg %r6, %r8, 48(%r15)
    lg %r7, 160(%r15)
    lg %r8, 168(%r15)
    nill %r3, 0xfff8
    aghi %r3, -160
    lghi %r0, 0
    stg %r0, 0(%r3)
    lgr %r0, %r2               // flags
    lgr %r2, %r3               // newsp
    lgr %r3, %r0               // flags
    lgr %r0, %r5               // tls
    lgr %r5, %r6               // child_tid
    lgr %r6, %r0               // tls
    lghi %r1, RT_NR_clone
    svc 0
    ltgr %r2, %r2
    jz 1f
    lmg %r6, %r8, 48(%r15)
    br %r14
1:  lgr %r2, %r8
    basr %r14, %r7
    lghi %r1, RT_NR_exit
    svc 0
    .long 0
    .size rt_arch_clone, . - rt_arch_clone

// munmap(r2, r3), then exit(0), in registers only.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, @function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    lghi %r1, RT_NR_munmap
    svc 0
    lghi %r2, 0
    lghi %r1, RT_NR_exit
    svc 0
    .long 0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
