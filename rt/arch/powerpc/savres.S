// Out-of-line save and restore of callee-saved registers, which GCC calls from prologues and
// epilogues of code optimized for size (-Os) instead of storing each register inline. libgcc
// provides them (crtsavres); bedrock programs link without libgcc, so they are here.
//
// ppc (32-bit SysV), the names GCC builds (gcc/config/rs6000/rs6000-logue.cc,
// rs6000_savres_routine_name, ABI_V4): r11 points at the top of the frame (the caller's stack
// pointer); GPR N is saved at -4*(32-N)(r11), FPR N at -8*(32-N)(r11). Entry N handles N..31
// (each entry falls through to the next).
//   _savegpr_N, _savefpr_N    store, return
//   _restgpr_N, _restfpr_N    load, return
//   _restgpr_N_x, _restfpr_N_x   load, then return for the function: LR from 4(r11) (the
//                             LR save word of the frame above), r1 = r11.
// AltiVec routines (_savevr_M) are not provided: ppc here is built without AltiVec.
//
// ppc64 (ELFv1 and ELFv2): nothing here. GNU ld provides _savegpr0_N, _restgpr0_N,
// _savegpr1_N, ... itself in a final link (--save-restore-funcs, its default), and clang
// does not call such routines.
#if !defined(__powerpc64__)

// One series: entries \name\()N\suffix for N = \n ... 31, each storing or loading register N
// at -\width*(32-N)(r11) and falling through to the next; `exit` = 1 ends with the function
// return. (Recursive: GAS's .irp inside a macro cannot paste a suffix after its counter.)
.macro SERIES name, suffix, insn, width, exit, n=14
    .if \n == 14
    .p2align 2
    .endif
    .globl \name\n\suffix
    .hidden \name\n\suffix
    .type \name\n\suffix, @function
\name\n\suffix:
    \insn \n, -\width*(32-\n)(11)
    .if \n < 31
    SERIES \name, \suffix, \insn, \width, \exit, %(\n+1)
    .else
    .if \exit
    lwz 0, 4(11)
    mtlr 0
    mr 1, 11
    .endif
    blr
    .endif
.endm

    .altmacro
    .text
    SERIES _savegpr_, , stw, 4, 0
    SERIES _restgpr_, , lwz, 4, 0
    SERIES _restgpr_, _x, lwz, 4, 1
    SERIES _savefpr_, , stfd, 8, 0
    SERIES _restfpr_, , lfd, 8, 0
    SERIES _restfpr_, _x, lfd, 8, 1
    .noaltmacro

#endif

    .section .note.GNU-stack, "", @progbits
