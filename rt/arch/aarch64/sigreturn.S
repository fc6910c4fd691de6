// AArch64 signal return trampoline, installed as sa_restorer: the handler returns into it
// (through x30) with sp at the rt_sigframe, which rt_sigreturn unwinds.
#include "syscall_nr.h"
    .text
    .globl __rt_restore_rt
    .type __rt_restore_rt, %function
    .hidden __rt_restore_rt
__rt_restore_rt:
    mov x8, #RT_NR_rt_sigreturn
    svc #0
    brk #0
    .size __rt_restore_rt, . - __rt_restore_rt
    .section .note.GNU-stack, "", %progbits
