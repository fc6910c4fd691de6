// sparc / sparc64 thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments: %o0 flags, %o1 stack_top, %o2 ptid, %o3 tls, %o4 ctid, %o5 fn; the 7th, arg, is
// in the caller's frame: [%sp + 92] on sparc32 (16-word save area, struct-return word, 6
// argument-dump words: SPARC psABI 3-35), [%sp + 2047 + 176] on sparc64 (biased %sp, 128-byte
// save area + 6 x 8 dump slots: SPARC V9 psABI 3-22). After our `save` the caller's %sp is
// our %fp, so arg is read at [%fp + 92] / [%fp + 2047 + 176].
// Kernel clone (arch/sparc/kernel/process.c sparc_clone): %g1 = nr, %o0 flags, %o1 newsp,
// %o2 parent_tid, %o3 tls, %o4 child_tid; `ta 0x10` (32-bit tasks) / `ta 0x6d` (64-bit).
// Results (process_{32,64}.c copy_thread): the child gets %o1 = 1, the parent %o1 = 0; on
// an error the carry flag is set (icc.C, and xcc.C on 64-bit) with a positive errno in %o0,
// and sparc_clone puts the caller's %o1 (newsp, non-zero) back: so the carry is tested
// before %o1, and the errno negated to the -errno form.
// The child's stack: newsp is a %sp value (biased by 2047 on sparc64). The kernel aligns it
// down to 16, copies the caller's current frame (%sp up to its saved %fp: our 96/176-byte
// `save` frame) below it and starts the child with %sp at that copy (clone_stackframe in
// process_{32,64}.c); qemu-user instead sets %sp = newsp and copies nothing. Passing
// newsp = align16(stack_top) - frame makes either result a valid frame: 16-byte aligned
// (8 required on sparc32, 16 on sparc64), with a register window save area above %sp for
// fn's `save` to spill into and the argument-dump words fn may store into, all inside the
// block. The child's %fp (the kernel's copy or qemu's stale parent value) and its locals and
// ins are not relied on; fn and arg ride in %g2/%g3, which both the kernel (pt_regs copied
// wholesale into the child) and qemu (the CPU state copied) hand over unchanged, and which
// the psABIs leave to the application (not preserved across calls: free to clobber).
// %g7, the thread pointer, is set from the tls argument by the kernel (CLONE_SETTLS).
#include "syscall_nr.h"
#ifdef __arch64__
    // GNU as (64-bit) insists that uses of %g2/%g3 be declared; clang's assembler ignores it.
    .register %g2, #scratch
    .register %g3, #scratch
#endif
    .text
    .align 4
    .globl rt_arch_clone
    .type rt_arch_clone, #function
    .hidden rt_arch_clone
rt_arch_clone:
#ifdef __arch64__
    save %sp, -176, %sp             // a minimal frame: this is what the kernel copies
    mov %i5, %g2                    // fn
    ldx [%fp + 2047 + 176], %g3     // arg
    and %i1, -16, %o1
    sub %o1, 176 + 2047, %o1        // newsp: a 176-byte frame below the top, biased
#else
    save %sp, -96, %sp
    mov %i5, %g2                    // fn
    ld [%fp + 92], %g3              // arg
    and %i1, -16, %o1
    sub %o1, 96, %o1                // newsp: a 96-byte frame below the top
#endif
    mov %i0, %o0                    // flags
    mov %i2, %o2                    // parent_tid
    mov %i3, %o3                    // tls
    mov %i4, %o4                    // child_tid
    mov RT_NR_clone, %g1
#ifdef __arch64__
    ta 0x6d
    bcs,a,pn %xcc, 2f
     sub %g0, %o0, %o0              // error: -errno (annulled unless the branch is taken)
    brnz,pn %o1, 1f                 // %o1 = 1: the child
     nop
#else
    ta 0x10
    bcs,a 2f
     sub %g0, %o0, %o0
    cmp %o1, 0
    bne 1f
     nop
#endif
    // Parent (or error): return %o0, the tid or -errno, restoring the caller's window.
2:  ret
     restore %o0, %g0, %o0
    // Child: %sp is a valid frame on the new stack. End backtraces here, call fn(arg), and
    // leave with exit (this thread only) and fn's return value, which is already in %o0.
1:  mov %g0, %fp
    mov %g0, %i7
    call %g2
     mov %g3, %o0
    mov RT_NR_exit, %g1
#ifdef __arch64__
    ta 0x6d
#else
    ta 0x10
#endif
    unimp 0
    .size rt_arch_clone, . - rt_arch_clone

// munmap(%o0, %o1), then exit(0). A leaf (no `save`): it runs in its caller's window, whose
// save area is on the stack being unmapped. So every register window is written out first,
// while that stack is still mapped (`ta 3`, ST_FLUSH_WINDOWS, on 32-bit; `flushw` on V9),
// and after the munmap only register moves and the exit trap follow: no window needs
// spilling or filling, no memory is touched.
    .align 4
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, #function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
#ifdef __arch64__
    flushw
    mov RT_NR_munmap, %g1
    ta 0x6d
    mov %g0, %o0
    mov RT_NR_exit, %g1
    ta 0x6d
#else
    ta 3
    mov RT_NR_munmap, %g1
    ta 0x10
    mov %g0, %o0
    mov RT_NR_exit, %g1
    ta 0x10
#endif
    unimp 0
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
