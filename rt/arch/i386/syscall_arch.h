// i386 (System V i386 psABI, Linux): `int $0x80` with the number in eax and arguments in ebx,
// ecx, edx, esi, edi, ebp; the result in eax, -4095..-1 meaning -errno (already normalized).
// ebp is the frame pointer, so the sixth argument is pushed first and moved into ebp around the
// trap (the "g" operand is addressed before esp moves). Sources: arch/x86/entry/entry_32.S,
// arch/x86/include/asm/syscall.h.
#pragma once

namespace rt::arch {

using Word = long;

inline Word syscall0(Word n) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
    return r;
}
inline Word syscall1(Word n, Word a) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory");
    return r;
}
inline Word syscall2(Word n, Word a, Word b) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory");
    return r;
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
    return r;
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    Word r;
    asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
    return r;
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    Word r;
    asm volatile("pushl %7\n\t"
                 "push %%ebp\n\t"
                 "mov 4(%%esp), %%ebp\n\t"
                 "int $0x80\n\t"
                 "pop %%ebp\n\t"
                 "add $4, %%esp"
                 : "=a"(r)
                 : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f)
                 : "memory");
    return r;
}

} // namespace rt::arch
