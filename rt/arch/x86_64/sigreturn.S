// x86_64 signal return trampoline: the kernel requires one (SA_RESTORER) and returns from the
// handler into it with rsp at the rt_sigframe, which rt_sigreturn unwinds.
#include "syscall_nr.h"
    .text
    .globl __rt_restore_rt
    .type __rt_restore_rt, @function
    .hidden __rt_restore_rt
__rt_restore_rt:
    mov $RT_NR_rt_sigreturn, %eax
    syscall
    hlt
    .size __rt_restore_rt, . - __rt_restore_rt
    .section .note.GNU-stack, "", @progbits
