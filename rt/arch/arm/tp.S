// __aeabi_read_tp (RTABI §5.2): returns the thread pointer in r0 and preserves every other
// register, so compilers may call it without saving anything. Assembles in ARM and Thumb-2.
    .syntax unified
    .text
    .globl __aeabi_read_tp
    .type __aeabi_read_tp, %function
__aeabi_read_tp:
    mrc p15, 0, r0, c13, c0, 3
    bx lr
    .size __aeabi_read_tp, . - __aeabi_read_tp
    .section .note.GNU-stack, "", %progbits
