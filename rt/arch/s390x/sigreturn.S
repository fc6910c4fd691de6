// s390x signal return stubs (SA_RESTORER): the handler returns through r14 to one of these
// with r15 at the signal frame. The kernel builds an old-style sigframe without SA_SIGINFO
// (unwound by sigreturn) and an rt_sigframe with it (rt_sigreturn); both numbers fit the
// `svc` immediate. Sources: arch/s390/kernel/signal.c (handle_signal, setup_frame,
// setup_rt_frame), arch/s390/kernel/vdso64/vdso_user_wrapper.S (the vDSO's equivalents).
#include "syscall_nr.h"
    .text
    .align 8
    .globl __rt_restore
    .type __rt_restore, @function
    .hidden __rt_restore
__rt_restore:
    svc RT_NR_sigreturn
    .short 0                        // illegal instruction: never reached
    .size __rt_restore, . - __rt_restore

    .align 8
    .globl __rt_restore_rt
    .type __rt_restore_rt, @function
    .hidden __rt_restore_rt
__rt_restore_rt:
    svc RT_NR_rt_sigreturn
    .short 0
    .size __rt_restore_rt, . - __rt_restore_rt
    .section .note.GNU-stack, "", @progbits
