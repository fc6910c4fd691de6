// s390x Linux syscall convention: `svc 0` with the number in r1 (the kernel takes the number
// from the svc instruction's 8-bit immediate, and from r1 when that is 0; `svc 0` + r1 works
// for every number), arguments in r2-r7, the result in r2, where -4095..-1 is -errno already
// (the normalized form). The kernel saves r0-r15 on entry and reloads them all on exit except
// r2, which carries the result; the condition code is declared clobbered for safety.
// Sources: arch/s390/kernel/syscall.c (do_syscall: int_code & 0xffff, else gprs[1]),
// arch/s390/kernel/entry.S (system_call: stmg/lmg %r0-%r15), s390x ELF ABI supplement
// (r2-r6 argument registers for calls; r6 is callee-saved, which does not matter to `svc`).
#pragma once

namespace rt::arch {

using Word = long;

inline Word syscall0(Word n) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2");
    asm volatile("svc 0" : "=r"(r2) : "r"(r1) : "cc", "memory");
    return r2;
}
inline Word syscall1(Word n, Word a) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    asm volatile("svc 0" : "+r"(r2) : "r"(r1) : "cc", "memory");
    return r2;
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    register Word r3 asm("r3") = b;
    asm volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3) : "cc", "memory");
    return r2;
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    register Word r3 asm("r3") = b;
    register Word r4 asm("r4") = c;
    asm volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3), "r"(r4) : "cc", "memory");
    return r2;
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    register Word r3 asm("r3") = b;
    register Word r4 asm("r4") = c;
    register Word r5 asm("r5") = d;
    asm volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3), "r"(r4), "r"(r5) : "cc", "memory");
    return r2;
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    register Word r3 asm("r3") = b;
    register Word r4 asm("r4") = c;
    register Word r5 asm("r5") = d;
    register Word r6 asm("r6") = e;
    asm volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3), "r"(r4), "r"(r5), "r"(r6) : "cc", "memory");
    return r2;
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word r1 asm("r1") = n;
    register Word r2 asm("r2") = a;
    register Word r3 asm("r3") = b;
    register Word r4 asm("r4") = c;
    register Word r5 asm("r5") = d;
    register Word r6 asm("r6") = e;
    register Word r7 asm("r7") = f;
    asm volatile("svc 0"
                 : "+r"(r2)
                 : "r"(r1), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
                 : "cc", "memory");
    return r2;
}

} // namespace rt::arch
