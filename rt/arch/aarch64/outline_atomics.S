// AArch64 "outline atomics": GCC (10+, -moutline-atomics by default on Linux) and clang turn
// atomic read-modify-writes into calls to these helpers, which libgcc normally provides
// (libgcc/config/aarch64/lse.S) so that one binary can use LSE instructions where the CPU has
// them. bedrock links without libgcc; these are the same entry points with the same register
// interface, implemented with exclusive load/store pairs, which every ARMv8.0 CPU has:
//   __aarch64_casN_M(expected: w0/x0, desired: w1/x1, ptr: x2) -> old value in w0/x0
//   __aarch64_swpN_M / ldaddN_M / ldclrN_M / ldeorN_M / ldsetN_M(value: w0/x0, ptr: x1) -> old
//   __aarch64_cas16_M(expected: x0:x1, desired: x2:x3, ptr: x4) -> old in x0:x1
// N is the size in bytes (1, 2, 4, 8), M the ordering: relax, acq (load-acquire), rel
// (store-release), acq_rel (both), or sync: what GCC calls for the legacy __sync_* builtins,
// which are full barriers (GCC manual, "Legacy __sync Built-in Functions"). The sync forms are
// the code GCC 12 itself emits inline for __sync_* with -mno-outline-atomics
// (aarch64-linux-gnu-gcc -O2 -S): a plain exclusive load, a store-release exclusive, and
// `dmb ish` after the loop on every way out (a failed compare-and-swap included), except
// swp_sync (__sync_lock_test_and_set, documented as an acquire barrier only), whose store is
// a plain exclusive one, also followed by `dmb ish`. docs/abi/aarch64.md.

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

// Loads/stores per size and ordering.
#define LDX_1_0 ldxrb
#define LDX_1_1 ldaxrb
#define STX_1_0 stxrb
#define STX_1_1 stlxrb
#define LDX_2_0 ldxrh
#define LDX_2_1 ldaxrh
#define STX_2_0 stxrh
#define STX_2_1 stlxrh
#define LDX_4_0 ldxr
#define LDX_4_1 ldaxr
#define STX_4_0 stxr
#define STX_4_1 stlxr
#define LDX_8_0 ldxr
#define LDX_8_1 ldaxr
#define STX_8_0 stxr
#define STX_8_1 stlxr
// Register names per size: s(ource) registers are w for 1, 2, 4 and x for 8.
#define R0_1 w0
#define R0_2 w0
#define R0_4 w0
#define R0_8 x0
#define R1_1 w1
#define R1_2 w1
#define R1_4 w1
#define R1_8 x1
#define R16_1 w16
#define R16_2 w16
#define R16_4 w16
#define R16_8 x16
#define R17_1 w17
#define R17_2 w17
#define R17_4 w17
#define R17_8 x17
// The barrier after the operation: none, or the sync forms' full barrier.
#define BAR_0
#define BAR_1 dmb ish
// Zero-extension of the expected value for the narrow compare-and-swaps.
#define EXT_1 uxtb w0, w0
#define EXT_2 uxth w0, w0
#define EXT_4
#define EXT_8

#define FUNC(name)            \
    .globl name;              \
    .type name, %function;    \
    .hidden name;             \
    name:
#define END(name) .size name, . - name;

// CAS(N, suffix, acquire, release, barrier)
#define CAS(N, M, A, L, B)                               \
    FUNC(__aarch64_cas##N##_##M)                         \
    EXT_##N;                                             \
    mov R16_##N, R0_##N;                                 \
0:  CAT(LDX_##N##_, A) R0_##N, [x2];                     \
    cmp R0_##N, R16_##N;                                 \
    bne 1f;                                              \
    CAT(STX_##N##_, L) w17, R1_##N, [x2];                \
    cbnz w17, 0b;                                        \
1:  BAR_##B;                                             \
    ret;                                                 \
    END(__aarch64_cas##N##_##M)

// RMW(op name, N, suffix, acquire, release, barrier): INSN_<op>(N) computes w/x17 from the old value
// (w/x0) and the operand (w/x16). These are ordinary calls for the compilers, which assume
// every caller-saved register clobbered; x15 holds the store-exclusive status, as in libgcc.
#define INSN_swp(N) mov R17_##N, R16_##N
#define INSN_ldadd(N) add R17_##N, R0_##N, R16_##N
#define INSN_ldclr(N) bic R17_##N, R0_##N, R16_##N
#define INSN_ldeor(N) eor R17_##N, R0_##N, R16_##N
#define INSN_ldset(N) orr R17_##N, R0_##N, R16_##N
#define RMW(OP, N, M, A, L, B)                           \
    FUNC(__aarch64_##OP##N##_##M)                        \
    mov R16_##N, R0_##N;                                 \
0:  CAT(LDX_##N##_, A) R0_##N, [x1];                     \
    INSN_##OP(N);                                        \
    CAT(STX_##N##_, L) w15, R17_##N, [x1];               \
    cbnz w15, 0b;                                        \
    BAR_##B;                                             \
    ret;                                                 \
    END(__aarch64_##OP##N##_##M)

// SL: whether the sync form's exclusive store is a store-release (every operation but swp).
#define ALL_ORDERS(MACRO, N, SL)       \
    MACRO(N, relax, 0, 0, 0)           \
    MACRO(N, acq, 1, 0, 0)             \
    MACRO(N, rel, 0, 1, 0)             \
    MACRO(N, acq_rel, 1, 1, 0)         \
    MACRO(N, sync, 0, SL, 1)

#define CAS_N(N, M, A, L, B) CAS(N, M, A, L, B)
#define SWP_N(N, M, A, L, B) RMW(swp, N, M, A, L, B)
#define ADD_N(N, M, A, L, B) RMW(ldadd, N, M, A, L, B)
#define CLR_N(N, M, A, L, B) RMW(ldclr, N, M, A, L, B)
#define EOR_N(N, M, A, L, B) RMW(ldeor, N, M, A, L, B)
#define SET_N(N, M, A, L, B) RMW(ldset, N, M, A, L, B)

#define ALL_SIZES(MACRO, SL)  \
    ALL_ORDERS(MACRO, 1, SL)  \
    ALL_ORDERS(MACRO, 2, SL)  \
    ALL_ORDERS(MACRO, 4, SL)  \
    ALL_ORDERS(MACRO, 8, SL)

    .text
    .p2align 2
ALL_SIZES(CAS_N, 1)
ALL_SIZES(SWP_N, 0)
ALL_SIZES(ADD_N, 1)
ALL_SIZES(CLR_N, 1)
ALL_SIZES(EOR_N, 1)
ALL_SIZES(SET_N, 1)

// 16-byte compare-and-swap with exclusive pairs. A pair load is single-copy atomic only when
// its store-exclusive succeeds, so a mismatch stores the old value back.
#define CAS16(M, A, L, B)                                \
    FUNC(__aarch64_cas16_##M)                            \
    mov x16, x0;                                         \
    mov x17, x1;                                         \
0:  CAT(LDXP_, A) x0, x1, [x4];                          \
    cmp x0, x16;                                         \
    ccmp x1, x17, #0, eq;                                \
    bne 1f;                                              \
    CAT(STXP_, L) w15, x2, x3, [x4];                     \
    cbnz w15, 0b;                                        \
    BAR_##B;                                             \
    ret;                                                 \
1:  CAT(STXP_, L) w15, x0, x1, [x4];                     \
    cbnz w15, 0b;                                        \
    BAR_##B;                                             \
    ret;                                                 \
    END(__aarch64_cas16_##M)
#define LDXP_0 ldxp
#define LDXP_1 ldaxp
#define STXP_0 stxp
#define STXP_1 stlxp
CAS16(relax, 0, 0, 0)
CAS16(acq, 1, 0, 0)
CAS16(rel, 0, 1, 0)
CAS16(acq_rel, 1, 1, 0)
CAS16(sync, 0, 1, 1)

    .section .note.GNU-stack, "", %progbits
