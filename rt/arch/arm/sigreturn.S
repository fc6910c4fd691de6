// arm/thumb2 signal-return trampolines, installed with SA_RESTORER. The kernel builds an
// rt_sigframe only for SA_SIGINFO handlers and a plain sigframe otherwise (arch/arm/kernel/
// signal.c, handle_signal), and each needs its own syscall: rt_sigreturn (173) or sigreturn
// (119); arch_abi.h picks the trampoline by the flags, as musl does. The kernel sets lr to the
// restorer before entering the handler (setup_return: regs->ARM_lr = sa_restorer), so the
// handler's return lands here with sp at the frame. Assembled in whichever mode the build
// uses: lr keeps the symbol's Thumb bit, and an EABI kernel takes the number from r7 in either
// mode (entry-common.S), as its own sigpage copies `mov r7, #NR; svc 0` do for both
// (arch/arm/kernel/sigreturn_codes.S).
#include "syscall_nr.h"
    .syntax unified
    .text

    .globl __rt_restore_rt
    .type __rt_restore_rt, %function
    .hidden __rt_restore_rt
__rt_restore_rt:
    mov r7, #RT_NR_rt_sigreturn
    svc 0
    udf #0
    .size __rt_restore_rt, . - __rt_restore_rt

    .globl __rt_restore
    .type __rt_restore, %function
    .hidden __rt_restore
__rt_restore:
    mov r7, #RT_NR_sigreturn
    svc 0
    udf #0
    .size __rt_restore, . - __rt_restore

    .section .note.GNU-stack, "", %progbits
