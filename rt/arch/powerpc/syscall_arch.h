// powerpc (ppc, ppc64 ELFv1, ppc64le ELFv2) Linux syscall convention: `sc` with the number in
// r0 and arguments in r3..r8; the result comes back in r3. On failure the kernel sets CR0.SO
// and r3 holds the positive errno, which is negated here (`bns+ 1f; neg 3,3`) into the Linux
// form -4095..-1. The kernel returns r0 and r4..r12 zeroed or restored from the saved frame
// (ppc64) or garbage (ppc32), and ctr and xer zeroed, and changes cr0: all are clobbers.
// Sources: arch/powerpc/kernel/interrupt.c syscall_exit_prepare ("r3 = -r3; regs->ccr |=
// 0x10000000; /* Set SO bit in CR */"), arch/powerpc/kernel/interrupt_64.S system_call_common
// (ZEROIZE_GPR(0), ZEROIZE_GPRS(4, 12), mtctr/mtspr XER), arch/powerpc/kernel/entry_32.S
// ret_from_syscall. musl (arch/powerpc{,64}/syscall_arch.h) clobbers the same GPRs and cr0;
// ctr and xer are added because the 64-bit kernel zeroes them.
#pragma once

namespace rt::arch {

using Word = long; // 32 bits on ppc, 64 on ppc64/ppc64le: the register size

// r0 and r3 (and the argument registers in use) are in/out operands; the rest are clobbers.
#define RT_PPC_SC "sc\n\tbns+ 1f\n\tneg %1, %1\n1:"
#define RT_PPC_CLOBBERS "memory", "cr0", "ctr", "xer", "r9", "r10", "r11", "r12"

inline Word syscall0(Word n) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3");
    asm volatile(RT_PPC_SC : "+r"(r0), "=r"(r3) : : "r4", "r5", "r6", "r7", "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall1(Word n, Word a) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3) : : "r4", "r5", "r6", "r7", "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    register Word r4 asm("r4") = b;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3), "+r"(r4) : : "r5", "r6", "r7", "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    register Word r4 asm("r4") = b;
    register Word r5 asm("r5") = c;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5) : : "r6", "r7", "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    register Word r4 asm("r4") = b;
    register Word r5 asm("r5") = c;
    register Word r6 asm("r6") = d;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6) : : "r7", "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    register Word r4 asm("r4") = b;
    register Word r5 asm("r5") = c;
    register Word r6 asm("r6") = d;
    register Word r7 asm("r7") = e;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7) : : "r8", RT_PPC_CLOBBERS);
    return r3;
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word r0 asm("r0") = n;
    register Word r3 asm("r3") = a;
    register Word r4 asm("r4") = b;
    register Word r5 asm("r5") = c;
    register Word r6 asm("r6") = d;
    register Word r7 asm("r7") = e;
    register Word r8 asm("r8") = f;
    asm volatile(RT_PPC_SC : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8) : : RT_PPC_CLOBBERS);
    return r3;
}

#undef RT_PPC_SC
#undef RT_PPC_CLOBBERS

} // namespace rt::arch
