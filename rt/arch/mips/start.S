// mips process entry, o32 / n32 / n64 (chosen with _MIPS_SIM). The kernel starts _start with
// $sp pointing at argc, 16-byte aligned (fs/binfmt_elf.c STACK_ROUND), and $ra, $2 ... zero
// (arch/mips/include/asm/elf.h ELF_PLAT_INIT). Code built for abicalls (GCC's and clang's mips
// default) expects $gp = _gp, and PIC callees compute it from $t9, their own address (o32
// psABI ch. 3 "Function Prologue"; n32/n64: MIPSpro N32 ABI Handbook, ".cpsetup"). So _start
// 1. finds its own address with `bal` and adds the link-time distance to _gp (what .cpload
//    does for o32 with _gp_disp, and .cpsetup for n32/n64 with %neg(%gp_rel(label))), which
//    works in non-PIE and PIE links alike;
// 2. clears $fp ($30) to end frame chains, passes the initial $sp in $a0, aligns the stack
//    (o32: 8 bytes, n32/n64: 16, the ABIs' call alignment) and, on o32, opens the caller's
//    16-byte argument save area that every o32 callee may write to;
// 3. calls __bedrock_start through $t9 ($25), its address loaded from the GOT.
#ifndef _ABIO32
#define _ABIO32 1
#endif
#ifndef _ABIN32
#define _ABIN32 2
#endif
#ifndef _ABI64
#define _ABI64 3
#endif

    .text
    .set noreorder
    .set nomacro
    .globl _start
    .type _start, @function
    .ent _start
_start:
    bal 1f
    move $fp, $zero                         // delay slot
1:
#if _MIPS_SIM == _ABIO32
    lui $gp, %hi(_gp_disp)                  // _gp_disp = _gp - (address of this lui)
    addiu $gp, $gp, %lo(_gp_disp)
    addu $gp, $gp, $ra
    move $a0, $sp
    li $t0, -8
    and $sp, $sp, $t0
    addiu $sp, $sp, -16                     // argument save area of __bedrock_start
    lw $t9, %call16(__bedrock_start)($gp)
#elif _MIPS_SIM == _ABIN32
    lui $gp, %hi(%neg(%gp_rel(1b)))         // _gp - 1b, added to 1b (in $ra)
    addu $gp, $gp, $ra
    addiu $gp, $gp, %lo(%neg(%gp_rel(1b)))
    move $a0, $sp
    li $t0, -16
    and $sp, $sp, $t0
    lw $t9, %call16(__bedrock_start)($gp)
#elif _MIPS_SIM == _ABI64
    lui $gp, %hi(%neg(%gp_rel(1b)))
    daddu $gp, $gp, $ra
    daddiu $gp, $gp, %lo(%neg(%gp_rel(1b)))
    move $a0, $sp
    li $t0, -16
    and $sp, $sp, $t0
    ld $t9, %call16(__bedrock_start)($gp)
#else
#error "unknown _MIPS_SIM"
#endif
    move $ra, $zero                         // no caller
    jalr $t9
    nop                                     // delay slot
    break                                   // __bedrock_start does not return
    .end _start
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
