// mips thread start and self-unmapping exit, o32 / n32 / n64 (chosen with _MIPS_SIM; prototypes:
// rt/thread/clone.h).
// C arguments: $4-$7 (a0-a3) flags, stack_top, ptid, tls. o32 passes the rest on the stack,
//   after the caller's 16-byte argument save area: 16($sp) ctid, 20($sp) fn, 24($sp) arg
//   (o32 psABI ch. 3 "Function Calling Sequence"). n32/n64 have eight argument registers:
//   $8 ctid, $9 fn, $10 arg (a4-a6; n32/n64 ABI, MIPSpro N32 ABI Handbook). Note that under
//   n32/n64 the assembler's $t0-$t3 are $12-$15, hence plain register numbers below.
// Kernel clone: mips selects CLONE_BACKWARDS (arch/mips/Kconfig:31, kernel/fork.c:2886), so
//   clone(flags, newsp, parent_tid, tls, child_tid): $4, $5, $6, $7 and the 5th argument, which
//   o32 reads from 16($sp) of the caller of `syscall` (arch/mips/kernel/scall32-o32.S:44-70,
//   load_a4) and n32/n64 take from $8. Our C arguments already sit exactly there (o32: ctid is
//   our own 16($sp)), so the parent needs no frame and no shuffling.
// Errors: $7 (a3) = 1 and $2 = the positive errno (scall32-o32.S:110-118, scall64-n32.S:60-66,
//   scall64-n64.S:69-75); normalized to -errno here, as syscall_arch.h does.
// Child: copy_thread (arch/mips/kernel/process.c:154-159) copies the parent's saved registers
//   and sets $2 = 0, $7 = 0, $29 = newsp; $28 ($gp) and the thread pointer (CLONE_SETTLS,
//   process.c:171) come with it. Only registers the syscall entry saves are reliable, so fn and
//   arg ride on the new stack, not in registers. The child's $sp is 16-byte aligned (o32 needs
//   8, n32/n64 16) with 16 bytes below the top: on o32 they are the argument save area fn may
//   write to (which is why fn and arg are loaded before the call); on n32/n64 just the two
//   slots. fn is called through $25 ($t9), as abicalls callees compute $gp from it.
#include "syscall_nr.h"

#ifndef _ABIO32
#define _ABIO32 1
#endif
#ifndef _ABIN32
#define _ABIN32 2
#endif
#ifndef _ABI64
#define _ABI64 3
#endif

// Pointer-sized load/store, pointer arithmetic and the `long` result's negation. n32 has 32-bit
// pointers and long, kept sign-extended in 64-bit registers as the 32-bit instructions leave them.
#if _MIPS_SIM == _ABI64
#define PTR_L ld
#define PTR_S sd
#define PTR_ADDIU daddiu
#define LONG_SUBU dsubu
#define PTR_SIZE 8
#elif _MIPS_SIM == _ABIN32 || _MIPS_SIM == _ABIO32
#define PTR_L lw
#define PTR_S sw
#define PTR_ADDIU addiu
#define LONG_SUBU subu
#define PTR_SIZE 4
#else
#error "unknown _MIPS_SIM"
#endif

    .text
    .set noreorder
    .set nomacro
    .globl rt_arch_clone
    .type rt_arch_clone, @function
    .hidden rt_arch_clone
    .ent rt_arch_clone
rt_arch_clone:
#if _MIPS_SIM == _ABIO32
    lw $9, 20($sp)                          // fn
    lw $10, 24($sp)                         // arg
#endif                                      // (n32/n64: fn already in $9, arg in $10)
    li $11, -16
    and $5, $5, $11                         // newsp: 16-byte aligned ...
    PTR_ADDIU $5, $5, -16                   // ... with fn and arg in the 16 bytes below
    PTR_S $9, 0($5)
    PTR_S $10, PTR_SIZE($5)
    li $2, RT_NR_clone                      // $4-$7 and the 5th argument are in place
    syscall
    bnez $7, 2f                             // error flag
    nop
    beqz $2, 1f                             // 0: the child
    nop
    jr $ra                                  // parent: the child's tid
    nop
2:  jr $ra
    LONG_SUBU $2, $0, $2                    // delay slot: -errno

1:  // Child: $sp = newsp. End frame chains and backtraces here.
    move $fp, $0
    PTR_L $25, 0($sp)                       // fn, in $t9 for its $gp setup
    PTR_L $4, PTR_SIZE($sp)                 // arg
    jalr $25
    nop                                     // delay slot ($ra is already set here: leave it)
    move $4, $2                             // fn's result
    li $2, RT_NR_exit                       // this thread only, not exit_group
    syscall
    break                                   // exit does not return
    .end rt_arch_clone
    .size rt_arch_clone, . - rt_arch_clone

// munmap($4, $5), then exit(0); no memory is touched after the munmap. (On o32 the kernel itself
// reads 16..28($sp) at every syscall entry; a fault there, our unmapped stack, just yields zero
// arguments: scall32-o32.S:156-170 bad_stack_a4..a7. exit takes one register argument.)
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, @function
    .hidden rt_arch_unmap_and_exit
    .ent rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    // $sp leaves the stack about to be unmapped for this function's own code, which stays
    // mapped and readable: the o32 syscall entry reads 16-28($sp) for every syscall
    // (scall32-o32.S load_a4..a7; it would survive a fault there, but need not take one).
    bal 1f
     nop
1:  move $29, $31
    li $2, RT_NR_munmap
    syscall
    move $4, $0
    li $2, RT_NR_exit
    syscall
    break
    .end rt_arch_unmap_and_exit
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
