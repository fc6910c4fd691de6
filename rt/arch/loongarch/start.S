// LoongArch64 process entry. The kernel starts _start with $sp pointing at argc, 16-byte
// aligned (psABI: $sp is 16-byte aligned at calls). $ra and $fp are cleared to end backtraces.
    .text
    .globl _start
    .type _start, @function
_start:
    move $ra, $zero
    move $fp, $zero
    move $a0, $sp
    bstrins.d $sp, $zero, 3, 0
    bl __bedrock_start
    break 0
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
