// x86_64 thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments: rdi flags, rsi stack_top, rdx ptid, rcx tls, r8 ctid, r9 fn, 8(%rsp) arg.
// Kernel clone (kernel/fork.c, x86_64 is not CLONE_BACKWARDS for 64-bit tasks):
//   rax=56, rdi flags, rsi newsp, rdx parent_tid, r10 child_tid, r8 tls; rcx and r11 are
//   clobbered by `syscall`; errors come back as -errno in rax.
// The child starts after `syscall` with rsp = newsp and the parent's other registers: fn stays
// in r9 (which the syscall does not use), arg rides on the new stack. The child's rsp is 16-byte
// aligned before its `call` (psABI §3.2.2).
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, @function
    .hidden rt_arch_clone
rt_arch_clone:
    mov 8(%rsp), %rax          // arg
    and $-16, %rsi
    sub $16, %rsi
    mov %rax, 8(%rsi)          // arg at newsp+8, 16-byte aligned slot pair
    mov %rcx, %r10             // tls -> r10 for now (the kernel wants child_tid in r10)
    xchg %r8, %r10             // r8 = tls, r10 = ctid
    mov $RT_NR_clone, %eax
    syscall
    test %rax, %rax
    jnz 1f
    // Child: rsp = newsp (16-byte aligned). End backtraces here.
    xor %ebp, %ebp
    mov 8(%rsp), %rdi
    call *%r9
    mov %eax, %edi
    mov $RT_NR_exit, %eax
    syscall
    hlt
1:  ret
    .size rt_arch_clone, . - rt_arch_clone

// munmap(rdi, rsi), then exit(0); no memory is touched after the munmap.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, @function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    mov $RT_NR_munmap, %eax
    syscall
    xor %edi, %edi
    mov $RT_NR_exit, %eax
    syscall
    hlt
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
