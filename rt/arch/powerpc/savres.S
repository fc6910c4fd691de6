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

#define ROUTINE(name) .globl name; .hidden name; .type name, @function; name:

    .text
    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_savegpr_\n)
    stw \n, -4*(32-\n)(11)
    .endr
    blr

    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_restgpr_\n)
    lwz \n, -4*(32-\n)(11)
    .endr
    blr

    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_restgpr_\n\()_x)
    lwz \n, -4*(32-\n)(11)
    .endr
    lwz 0, 4(11)
    mtlr 0
    mr 1, 11
    blr

    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_savefpr_\n)
    stfd \n, -8*(32-\n)(11)
    .endr
    blr

    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_restfpr_\n)
    lfd \n, -8*(32-\n)(11)
    .endr
    blr

    .p2align 2
    .irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
ROUTINE(_restfpr_\n\()_x)
    lfd \n, -8*(32-\n)(11)
    .endr
    lwz 0, 4(11)
    mtlr 0
    mr 1, 11
    blr

#endif

    .section .note.GNU-stack, "", @progbits
