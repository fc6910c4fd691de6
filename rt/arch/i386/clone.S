// i386 thread start and self-unmapping exit (prototypes: rt/thread/clone.h).
// C arguments (cdecl, i386 psABI): all on the stack, 4(%esp) flags, 8 stack_top, 12 ptid,
// 16 tls (a struct user_desc*, see tls_arch.h CloneTls), 20 ctid, 24 fn, 28 arg; ebx, esi, edi
// and ebp are callee-saved.
// Kernel clone (arch/x86/Kconfig selects CLONE_BACKWARDS for 32-bit; kernel/fork.c), through
//   `int $0x80`: eax = number, ebx flags, ecx newsp, edx parent_tid, esi tls, edi child_tid.
//   Result in eax, -errno on failure. The child starts after `int $0x80` with esp = newsp and
//   the parent's other registers (arch/x86/kernel/process.c copy_thread), so fn rides in ebp
//   and arg on the new stack.
// The child calls fn with esp 16-byte aligned (the i386 psABI as GCC and clang assume it:
// 16 bytes at a call) and ebp cleared so that backtraces end there.
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, @function
    .hidden rt_arch_clone
rt_arch_clone:
    push %ebp
    push %ebx
    push %esi
    push %edi
    // After 4 pushes: 20(%esp) flags, 24 stack_top, 28 ptid, 32 tls, 36 ctid, 40 fn, 44 arg.
    mov 24(%esp), %ecx
    and $-16, %ecx
    sub $16, %ecx
    mov 44(%esp), %eax
    mov %eax, (%ecx)           // fn's argument, at the child's esp
    mov 40(%esp), %ebp
    mov 20(%esp), %ebx
    mov 28(%esp), %edx
    mov 32(%esp), %esi
    mov 36(%esp), %edi
    mov $RT_NR_clone, %eax
    int $0x80
    test %eax, %eax
    jnz 1f
    mov %ebp, %eax
    xor %ebp, %ebp
    call *%eax
    mov %eax, %ebx
    mov $RT_NR_exit, %eax
    int $0x80
    hlt
1:  pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret
    .size rt_arch_clone, . - rt_arch_clone

// munmap(4(%esp), 8(%esp)), then exit(0), in registers only.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, @function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    mov 4(%esp), %ebx
    mov 8(%esp), %ecx
    mov $RT_NR_munmap, %eax
    int $0x80
    xor %ebx, %ebx
    mov $RT_NR_exit, %eax
    int $0x80
    hlt
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", @progbits
