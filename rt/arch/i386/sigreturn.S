// i386 signal return trampolines, installed as sa_restorer. The kernel builds an rt frame for
// SA_SIGINFO handlers (unwound by rt_sigreturn) and an old-style frame otherwise (unwound by
// sigreturn, after popping the signal number the handler was passed): two trampolines, as in
// the kernel's own vDSO (arch/x86/entry/vdso/vdso32/sigreturn.S).
#include "syscall_nr.h"
    .text
    .globl __rt_restore_rt
    .type __rt_restore_rt, @function
    .hidden __rt_restore_rt
__rt_restore_rt:
    mov $RT_NR_rt_sigreturn, %eax
    int $0x80
    hlt
    .size __rt_restore_rt, . - __rt_restore_rt

    .globl __rt_restore
    .type __rt_restore, @function
    .hidden __rt_restore
__rt_restore:
    pop %eax
    mov $RT_NR_sigreturn, %eax
    int $0x80
    hlt
    .size __rt_restore, . - __rt_restore
    .section .note.GNU-stack, "", @progbits
