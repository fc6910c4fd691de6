// mips, all three Linux ABIs (o32, n32, n64), selected with the compiler's _MIPS_SIM.
// `syscall` with the number in $2 (v0) and arguments in $4-$7 (a0-a3); n32/n64 pass arguments
// 5 and 6 in $8/$9 (a4/a5), o32 reads them from 16($sp)/20($sp) of the caller's stack (the
// o32 16-byte argument save area comes first), so syscall5/6 open a 32-byte frame for them.
// The result comes back in $2 with $7 (a3) = 0 on success, or $7 = 1 and $2 = the positive
// errno (mips numbers, up to EMAXERRNO 1133): normalized here to -errno. $3 (v1) is a second
// result register; the kernel also clobbers $1, $8-$15 (o32; n32/n64: $10-$15), $24, $25, hi, lo.
// n32 has 32-bit `long` but 64-bit registers: Word is long long there.
// Sources: arch/mips/kernel/scall32-o32.S (load_a4/load_a5: 16(t0), 20(t0); error flag in
// PT_R7, negu v0), scall64-n32.S, scall64-n64.S (same flag convention), musl
// arch/mips{,n32,64}/syscall_arch.h (clobber lists), MIPS o32 psABI (argument save area).
#pragma once

#ifndef _ABIO32
#define _ABIO32 1
#endif
#ifndef _ABIN32
#define _ABIN32 2
#endif
#ifndef _ABI64
#define _ABI64 3
#endif

namespace rt::arch {

#if _MIPS_SIM == _ABIN32
using Word = long long;
#else
using Word = long;
#endif

#if _MIPS_SIM == _ABIO32
#define RT_MIPS_CLOBBERS "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory"
#else
#define RT_MIPS_CLOBBERS "$1", "$3", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory"
#endif

inline Word syscall_result(Word r2, Word r7) { return r7 ? -r2 : r2; }

inline Word syscall0(Word n) {
    register Word r2 asm("$2") = n;
    register Word r7 asm("$7");
    asm volatile("syscall" : "+r"(r2), "=r"(r7) : : RT_MIPS_CLOBBERS);
    return syscall_result(r2, r7);
}
inline Word syscall1(Word n, Word a) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r7 asm("$7");
    asm volatile("syscall" : "+r"(r2), "=r"(r7) : "r"(r4) : RT_MIPS_CLOBBERS);
    return syscall_result(r2, r7);
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r5 asm("$5") = b;
    register Word r7 asm("$7");
    asm volatile("syscall" : "+r"(r2), "=r"(r7) : "r"(r4), "r"(r5) : RT_MIPS_CLOBBERS);
    return syscall_result(r2, r7);
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r5 asm("$5") = b;
    register Word r6 asm("$6") = c;
    register Word r7 asm("$7");
    asm volatile("syscall" : "+r"(r2), "=r"(r7) : "r"(r4), "r"(r5), "r"(r6) : RT_MIPS_CLOBBERS);
    return syscall_result(r2, r7);
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r5 asm("$5") = b;
    register Word r6 asm("$6") = c;
    register Word r7 asm("$7") = d;
    asm volatile("syscall" : "+r"(r2), "+r"(r7) : "r"(r4), "r"(r5), "r"(r6) : RT_MIPS_CLOBBERS);
    return syscall_result(r2, r7);
}

#if _MIPS_SIM == _ABIO32
// $8/$9 carry arguments 5 and 6 into the asm, which stores them in the new frame's slots
// 16($sp)/20($sp); the kernel may clobber both, hence "+r".
#define RT_MIPS_SYSCALL56                                                                                  \
    "addiu $sp, $sp, -32\n\t"                                                                              \
    "sw $8, 16($sp)\n\t"                                                                                   \
    "sw $9, 20($sp)\n\t"                                                                                   \
    "syscall\n\t"                                                                                          \
    "addiu $sp, $sp, 32"
#define RT_MIPS_CLOBBERS56 "$1", "$3", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo", "memory"
#else
#define RT_MIPS_SYSCALL56 "syscall"
#define RT_MIPS_CLOBBERS56 RT_MIPS_CLOBBERS
#endif

inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r5 asm("$5") = b;
    register Word r6 asm("$6") = c;
    register Word r7 asm("$7") = d;
    register Word r8 asm("$8") = e;
    register Word r9 asm("$9") = 0;
    asm volatile(RT_MIPS_SYSCALL56
                 : "+r"(r2), "+r"(r7), "+r"(r8), "+r"(r9)
                 : "r"(r4), "r"(r5), "r"(r6)
                 : RT_MIPS_CLOBBERS56);
    return syscall_result(r2, r7);
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word r2 asm("$2") = n;
    register Word r4 asm("$4") = a;
    register Word r5 asm("$5") = b;
    register Word r6 asm("$6") = c;
    register Word r7 asm("$7") = d;
    register Word r8 asm("$8") = e;
    register Word r9 asm("$9") = f;
    asm volatile(RT_MIPS_SYSCALL56
                 : "+r"(r2), "+r"(r7), "+r"(r8), "+r"(r9)
                 : "r"(r4), "r"(r5), "r"(r6)
                 : RT_MIPS_CLOBBERS56);
    return syscall_result(r2, r7);
}

#undef RT_MIPS_SYSCALL56
#undef RT_MIPS_CLOBBERS56
#undef RT_MIPS_CLOBBERS

} // namespace rt::arch
