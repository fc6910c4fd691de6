// RISC-V process entry (RV32 and RV64). The kernel starts _start with sp pointing at argc,
// 16-byte aligned (psABI: sp is 16-byte aligned at calls). gp must hold __global_pointer$
// before any code relaxed against it runs; it is loaded with relaxation off, or the linker
// would turn the load into a gp-relative one. ra and fp (s0) are cleared to end backtraces.
    .text
    .globl _start
    .type _start, %function
_start:
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    li ra, 0
    li s0, 0
    mv a0, sp
    andi sp, sp, -16
    call __bedrock_start
    unimp
    .size _start, . - _start
    .section .note.GNU-stack, "", %progbits
