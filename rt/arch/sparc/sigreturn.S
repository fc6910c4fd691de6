// sparc / sparc64 signal return stubs, passed to rt_sigaction as its restorer argument minus 8:
// the kernel puts that value in the handler's %i7, and the handler's `ret; restore` returns
// to %i7 + 8, i.e. here, with %sp back at the signal frame. sparc64 tasks always get an rt
// frame (rt_sigreturn, trap 0x6d); 32-bit tasks get one only with SA_SIGINFO and the old frame
// otherwise (sigreturn, trap 0x10). Sources: arch/sparc/kernel/signal_64.c, signal_32.c,
// signal32.c (the stack trampolines they write when no restorer is given encode the same
// `mov __NR_..., %g1; t 0x10`).
#include "syscall_nr.h"
    .text
    .align 4
    .globl __rt_restore_rt
    .type __rt_restore_rt, #function
    .hidden __rt_restore_rt
__rt_restore_rt:
    mov RT_NR_rt_sigreturn, %g1
#ifdef __arch64__
    ta 0x6d
#else
    ta 0x10
#endif
    unimp 0
    .size __rt_restore_rt, . - __rt_restore_rt
#ifndef __arch64__
    .globl __rt_restore
    .type __rt_restore, #function
    .hidden __rt_restore
__rt_restore:
    mov RT_NR_sigreturn, %g1
    ta 0x10
    unimp 0
    .size __rt_restore, . - __rt_restore
#endif
    .section .note.GNU-stack, "", @progbits
