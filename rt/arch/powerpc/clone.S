// powerpc thread start and self-unmapping exit (prototypes: rt/thread/clone.h), one file for
// ppc (32-bit SysV), ppc64 ELFv1 (big-endian) and ppc64le (ELFv2).
// C arguments: r3 flags, r4 stack_top, r5 ptid, r6 tls, r7 ctid, r8 fn, r9 arg.
// Kernel clone (arch/powerpc/Kconfig selects CLONE_BACKWARDS; kernel/fork.c): r0 = number,
//   `sc`, r3 flags, r4 newsp, r5 parent_tid, r6 tls, r7 child_tid — the C order already.
//   Failure sets cr0.SO with a positive errno in r3 (negated here). The child starts after
//   `sc` with r1 = newsp, the thread pointer (r2 on ppc, r13 on ppc64) = tls, and r3 = 0
//   (arch/powerpc/kernel/process.c copy_thread).
// fn and arg are stored on the child's stack above its first frame rather than carried in
// volatile registers, which the syscall ABI does not promise to preserve. The child's frame
// has a null back chain (ending frame walks) and the ABI's minimum size: 16 bytes on ppc,
// 112 on ELFv1, 32 on ELFv2 (see start.S); 16-byte aligned on all three.
// Calling fn: ppc branches to it; ELFv1 fn points at a function descriptor {entry, TOC}, so
// r2 is loaded from it; ELFv2 passes the entry address in r12 (the global entry point
// computes the TOC from it).
#include "syscall_nr.h"

#if defined(__powerpc64__) && _CALL_ELF == 2
    .abiversion 2
#define FUNC(name) .text; .globl name; .type name, @function; .hidden name; .p2align 4; name:
#define END(name) .size name, . - name
#elif defined(__powerpc64__)
#define FUNC(name) .section ".opd", "aw"; .p2align 3; .globl name; .type name, @function; .hidden name; \
    name: .quad .L.name, .TOC.@tocbase, 0; .size name, 24; .text; .p2align 4; .L.name:
#define END(name)
#else
#define FUNC(name) .text; .globl name; .type name, @function; .hidden name; .p2align 2; name:
#define END(name) .size name, . - name
#endif

FUNC(rt_arch_clone)
#if defined(__powerpc64__)
    clrrdi 4, 4, 4
    std 8, -16(4)              // fn, at newsp + 112
    std 9, -8(4)               // arg, at newsp + 120
    li 0, 0
    stdu 0, -128(4)            // newsp = top - 128: a 112-byte frame, back chain 0
#else
    clrrwi 4, 4, 4
    stw 8, -8(4)               // fn, at newsp + 24
    stw 9, -4(4)               // arg, at newsp + 28
    li 0, 0
    stwu 0, -32(4)             // newsp = top - 32: a 16-byte frame, back chain 0
#endif
    li 0, RT_NR_clone
    sc
    bns+ 1f
    neg 3, 3
1:  cmpwi 0, 3, 0
    bnelr 0
    // The child, on its own stack.
    li 0, 0
    mtlr 0
#if defined(__powerpc64__) && _CALL_ELF == 2
    ld 12, 112(1)
    ld 3, 120(1)
    mtctr 12
#elif defined(__powerpc64__)
    ld 11, 112(1)
    ld 3, 120(1)
    ld 0, 0(11)
    ld 2, 8(11)
    mtctr 0
#else
    lwz 0, 24(1)
    lwz 3, 28(1)
    mtctr 0
#endif
    bctrl
    li 0, RT_NR_exit
    sc
    trap
END(rt_arch_clone)

// munmap(r3, r4), then exit(0), in registers only.
FUNC(rt_arch_unmap_and_exit)
    li 0, RT_NR_munmap
    sc
    li 3, 0
    li 0, RT_NR_exit
    sc
    trap
END(rt_arch_unmap_and_exit)
    .section .note.GNU-stack, "", @progbits
