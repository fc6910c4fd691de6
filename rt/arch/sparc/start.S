// sparc / sparc64 process entry. The kernel starts _start with %sp one register-window save
// area below argc: argc is at %sp + 64 on sparc32 (16 words of 4 bytes), and on sparc64 at
// %sp + 2047 + 128, because the 64-bit ABI biases %sp by STACK_BIAS (2047) and a save area
// is 16 x 8 bytes; argc's address is 16-byte aligned (STACK_ROUND). %g1 may hold a function
// for atexit (0 for static executables; ignored). A call needs a frame of its own below the
// save area the kernel left: 96 bytes on sparc32 (16-word save area, hidden struct-return
// word, 6 argument-dump words; 8-byte aligned, SPARC psABI 3-35), 176 bytes on sparc64
// (128-byte save area + 6 x 8 argument slots; 16-byte aligned, %sp kept biased; SPARC V9
// psABI 3-22). %fp and %i7 are cleared to end backtraces.
// Sources: arch/sparc/include/asm/processor_{32,64}.h (start_thread, start_thread32),
// fs/binfmt_elf.c (create_elf_tables, STACK_ROUND).
    .text
    .align 4
    .globl _start
    .type _start, #function
_start:
    mov %g0, %fp
    mov %g0, %i7
#if defined(__clang__)
    // clang's SPARC backend reaches every global through a GOT load (R_SPARC_GOT22/GOT10,
    // which GNU ld does not relax), hidden ones included. In a static PIE the GOT is not
    // relocated until __bedrock_start has found the load base from __ehdr_start, which it
    // would read from its (still link-time) GOT slot. So store __ehdr_start's run-time address,
    // computed PC-relatively, into that slot first; self-relocation later writes the same
    // value there (RELA: base + addend). In a non-PIE executable the slot already holds it.
    call 1f                         // %o7 = the address of this call
     nop
1:  sethi %pc22(_GLOBAL_OFFSET_TABLE_ + 8), %g2     // GOT - %o7 (positive: .got follows .text)
    or %g2, %pc10(_GLOBAL_OFFSET_TABLE_ + 12), %g2
    add %g2, %o7, %g2               // %g2 = the GOT
    sethi %pc22(__ehdr_start + 20), %g3             // __ehdr_start - %o7 (negative)
    or %g3, %pc10(__ehdr_start + 24), %g3
#ifdef __arch64__
    sra %g3, 0, %g3                 // sign-extend the 32-bit difference
#endif
    add %g3, %o7, %g3               // %g3 = __ehdr_start
    sethi %got22(__ehdr_start), %g4
    or %g4, %got10(__ehdr_start), %g4
#ifdef __arch64__
    stx %g3, [%g2 + %g4]
#else
    st %g3, [%g2 + %g4]
#endif
#endif
#ifdef __arch64__
    add %sp, 2047 + 128, %o0        // long* sp: the address of argc
    add %sp, 2047, %o1              // unbiased stack pointer
    sub %o1, 176, %o1
    and %o1, -16, %o1
    sub %o1, 2047, %sp
#else
    add %sp, 64, %o0
    sub %sp, 96, %sp
    and %sp, -8, %sp
#endif
    call __bedrock_start
     nop
    unimp 0
    // A GOT in every program, whichever compiler built this file (docs/abi/sparc.md, "The GOT
    // and GNU ld's TLS relaxation"). GCC's general- and local-dynamic sequences name
    // _GLOBAL_OFFSET_TABLE_ (R_SPARC_HI22/LO10, or PC22/PC10 with -fpic), and GNU ld, which
    // relaxes them to local-exec in an executable, defines that symbol only when it creates
    // .got, which it does only for a relocation that uses the GOT — after relaxation such a
    // program may have none ("undefined reference to _GLOBAL_OFFSET_TABLE_"). This word never
    // runs (it follows the unimp) and carries such a relocation: R_SPARC_GOTDATA_OP_HIX22
    // against a local label, for which GNU ld allocates no GOT entry (the GOT is just its one
    // reserved word) and which it resolves as a GOT-relative offset, with no dynamic relocation
    // in a static PIE. `.reloc` because clang's assembler writes %gdop_hix22 as GOTDATA_HIX22.
1:  .reloc ., R_SPARC_GOTDATA_OP_HIX22, 1b
    sethi 0, %g0
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
