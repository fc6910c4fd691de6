// The run-time helpers that clang and GCC call on armv7-a (no integer divide instruction in
// the base architecture; memory and 64-bit-shift helpers for struct copies and variable
// shifts; conversions between floating point and long long, which VFP has no instruction for;
// __aeabi_atexit for destructors of globals). Normally libgcc or compiler-rt provides them;
// bedrock links with -nostdlib. Names, register conventions and the registers each may corrupt
// are those of the Run-time ABI for the Arm Architecture (RTABI32, ARM-software/abi-aa
// rtabi32.rst): "The long long helper functions", "Integer (32/32 -> 32) division functions",
// "Division by zero", "Memory copying, clearing, and setting", "The floating-point helper
// functions"; __aeabi_atexit from the C++ ABI for the Arm Architecture (CPPABI32, "Static
// object destruction").
//
// The divisions are thin wrappers around the generic helpers of rt/builtins/int64.cpp, the
// conversions around those of rt/builtins/float_int.cpp; a zero divisor reaches
// __rt_divide_by_zero there (a panic, which RTABI allows the *div0 functions to do), and
// __aeabi_idiv0/__aeabi_ldiv0 panic the same way for code that calls them.
// Everything here assembles both as ARM and as Thumb-2 (no conditional execution, no
// register-shifted operands, sp never the destination of BIC/AND).
    .syntax unified
    .text

    .macro FUNC name
    .globl \name
    .type \name, %function
    .p2align 2
\name:
    .endm
    .macro END name
    .size \name, . - \name
    .endm

// --- 32-bit division: quotient in r0, remainder in r1 -------------------------------------
FUNC __aeabi_uidiv
    b __udivsi3
END __aeabi_uidiv

FUNC __aeabi_idiv
    b __divsi3
END __aeabi_idiv

// {r0, r1} = {n / d, n % d}: __udivmodsi4(n, d, &rem) with rem in the pushed slot.
FUNC __aeabi_uidivmod
    push {r0, lr}               // [sp]: remainder; 8 bytes keep sp 8-byte aligned
    mov r2, sp
    bl __udivmodsi4
    ldr r1, [sp]
    pop {r2, pc}
END __aeabi_uidivmod

// {r0, r1} = {n / d, n % d}, truncating: q = __divsi3(n, d), r = n - q * d (which also
// holds, modulo 2^32, for INT_MIN / -1).
FUNC __aeabi_idivmod
    push {r0, r1, r2, lr}       // n, d (r2 pads to 16 bytes)
    bl __divsi3
    ldr r1, [sp]
    ldr r2, [sp, #4]
    mul r3, r0, r2
    sub r1, r1, r3
    add sp, sp, #12
    pop {pc}
END __aeabi_idivmod

// --- 64-bit division: n in {r0, r1}, d in {r2, r3}; q in {r0, r1}, r in {r2, r3} ---------
// __udivmoddi4(n, d, &rem): the pointer is the fifth argument word, at [sp] at the call.
FUNC __aeabi_uldivmod
    push {r4, lr}
    sub sp, sp, #16             // [sp]: &rem argument, [sp + 8]: rem; 24 bytes in all
    add r4, sp, #8
    str r4, [sp]
    bl __udivmoddi4
    ldr r2, [sp, #8]
    ldr r3, [sp, #12]
    add sp, sp, #16
    pop {r4, pc}
END __aeabi_uldivmod

FUNC __aeabi_ldivmod
    push {r4, lr}
    sub sp, sp, #16
    add r4, sp, #8
    str r4, [sp]
    bl __divmoddi4
    ldr r2, [sp, #8]
    ldr r3, [sp, #12]
    add sp, sp, #16
    pop {r4, pc}
END __aeabi_ldivmod

// Division by zero: RTABI lets *div0 not return; bedrock panics.
FUNC __aeabi_idiv0
    b __rt_divide_by_zero
END __aeabi_idiv0

FUNC __aeabi_ldiv0
    b __rt_divide_by_zero
END __aeabi_ldiv0

// --- 64-bit shifts and multiply: value in {r0, r1} (low, high), count (0..63) in r2 -------
// Only r0-r3 are used (RTABI: these may corrupt only r0-r3, ip, lr). A register-specified
// LSL/LSR uses the count's low byte and gives 0 for 32..255, which the code relies on:
// n - 32 and 32 - n are then >= 224 (as a byte) exactly when that term must vanish.
FUNC __aeabi_llsl
    lsl r1, r1, r2              // hi << n
    sub r3, r2, #32
    lsl r3, r0, r3              // lo << (n - 32), 0 unless n >= 32
    orr r1, r1, r3
    rsb r3, r2, #32
    lsr r3, r0, r3              // lo >> (32 - n), 0 for n = 0 and n > 32
    orr r1, r1, r3
    lsl r0, r0, r2              // lo << n
    bx lr
END __aeabi_llsl

FUNC __aeabi_llsr
    lsr r0, r0, r2              // lo >> n
    sub r3, r2, #32
    lsr r3, r1, r3              // hi >> (n - 32), 0 unless n >= 32
    orr r0, r0, r3
    rsb r3, r2, #32
    lsl r3, r1, r3              // hi << (32 - n), 0 for n = 0 and n > 32
    orr r0, r0, r3
    lsr r1, r1, r2              // hi >> n
    bx lr
END __aeabi_llsr

// ASR by 32 or more fills with the sign instead of giving 0, hence the branch.
FUNC __aeabi_lasr
    subs r3, r2, #32
    bpl 1f
    lsr r0, r0, r2              // n < 32: lo = lo >> n | hi << (32 - n)
    rsb r3, r2, #32
    lsl r3, r1, r3
    orr r0, r0, r3
    asr r1, r1, r2
    bx lr
1:  asr r0, r1, r3              // n >= 32: lo = hi >> (n - 32), hi = sign
    asr r1, r1, #31
    bx lr
END __aeabi_lasr

// {r0, r1} * {r2, r3} mod 2^64 = lo*lo (64-bit) + ((lo1*hi2 + hi1*lo2) << 32).
FUNC __aeabi_lmul
    mul r3, r0, r3              // lo1 * hi2
    mla r1, r2, r1, r3          // + lo2 * hi1
    umull r0, r3, r0, r2        // lo1 * lo2
    add r1, r1, r3
    bx lr
END __aeabi_lmul

// --- Memory helpers: no result; the 4/8 variants may assume aligned pointers, which the
// generic routines (rt/libc/mem.cpp) do not need. They keep to AAPCS, so they corrupt at most
// r0-r3, ip, lr, as RTABI requires. ------------------------------------------------------------
FUNC __aeabi_memcpy8
FUNC __aeabi_memcpy4
FUNC __aeabi_memcpy
    b memcpy
END __aeabi_memcpy
END __aeabi_memcpy4
END __aeabi_memcpy8

FUNC __aeabi_memmove8
FUNC __aeabi_memmove4
FUNC __aeabi_memmove
    b memmove
END __aeabi_memmove
END __aeabi_memmove4
END __aeabi_memmove8

// __aeabi_memset(dest, n, c): memset's last two arguments swapped.
FUNC __aeabi_memset8
FUNC __aeabi_memset4
FUNC __aeabi_memset
    mov r3, r1
    mov r1, r2
    mov r2, r3
    b memset
END __aeabi_memset
END __aeabi_memset4
END __aeabi_memset8

FUNC __aeabi_memclr8
FUNC __aeabi_memclr4
FUNC __aeabi_memclr
    mov r2, r1
    mov r1, #0
    b memset
END __aeabi_memclr
END __aeabi_memclr4
END __aeabi_memclr8

// --- Conversions between floating point and (unsigned) long long: RTABI "Standard
// floating-point to integer conversions" (d2lz, d2ulz, f2lz, f2ulz: C casts, truncating toward
// zero) and "Standard integer to floating-point conversions" (l2d, ul2d, l2f, ul2f). RTABI "The
// floating-point helper functions": these use the base (soft-float) procedure call standard
// even in a hard-float program — a double argument or result in {r0, r1}, a float in r0 — and
// may corrupt r0-r3, ip, lr and the FP scratch and status registers. The generic helpers of
// rt/builtins/float_int.cpp they forward to follow the program's own variant, so under the VFP
// variant (__ARM_PCS_VFP: arm-linux-gnueabihf) the value moves between core and VFP registers
// here; under the base variant they are the same functions.
#ifdef __ARM_PCS_VFP
    .fpu vfpv3-d16
    .macro TO_INT name, target, single
FUNC \name
    .if \single
    vmov s0, r0
    .else
    vmov d0, r0, r1             // r0 = low word (little-endian memory order, AAPCS)
    .endif
    b \target                   // integer result in {r0, r1} in both variants
END \name
    .endm
    .macro TO_FP name, target, single
FUNC \name
    push {r4, lr}               // r4 pads to 8 bytes
    bl \target                  // {r0, r1} argument in both variants; result in s0 / d0
    .if \single
    vmov r0, s0
    .else
    vmov r0, r1, d0
    .endif
    pop {r4, pc}
END \name
    .endm
#else
    .macro TO_INT name, target, single
FUNC \name
    b \target
END \name
    .endm
    .macro TO_FP name, target, single
FUNC \name
    b \target
END \name
    .endm
#endif
    TO_INT __aeabi_d2lz, __fixdfdi, 0
    TO_INT __aeabi_d2ulz, __fixunsdfdi, 0
    TO_INT __aeabi_f2lz, __fixsfdi, 1
    TO_INT __aeabi_f2ulz, __fixunssfdi, 1
    TO_FP __aeabi_l2d, __floatdidf, 0
    TO_FP __aeabi_ul2d, __floatundidf, 0
    TO_FP __aeabi_l2f, __floatdisf, 1
    TO_FP __aeabi_ul2f, __floatundisf, 1

// --- C++: __aeabi_atexit(object, destructor, dso) is __cxa_atexit(destructor, object, dso);
// GCC registers destructors of globals through it on ARM EABI targets.
FUNC __aeabi_atexit
    mov r3, r0
    mov r0, r1
    mov r1, r3
    b __cxa_atexit
END __aeabi_atexit

    .section .note.GNU-stack, "", %progbits
