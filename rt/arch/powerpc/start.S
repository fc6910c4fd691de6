// powerpc process entry, one file for the three ABIs.
// The kernel starts _start with r1 pointing at argc (fs/binfmt_elf.c create_elf_tables;
// arch/powerpc/kernel/process.c start_thread sets gpr[1] = sp and zeroes the other GPRs, LR,
// CTR and CR, except:
// - ppc64 ELFv1 (big-endian default of GCC and clang): e_entry is the address of _start's
//   function descriptor {entry, TOC, env} in .opd; start_thread jumps to descriptor[0] with
//   r2 = descriptor[1] (the TOC pointer). So _start is the descriptor and .L._start its code.
// - ppc64 ELFv2 (ppc64le): e_entry is the code; start_thread sets r12 = entry (the ELFv2
//   global-entry convention) but r2 is computed here from the PC, independent of r12.
// - ppc (32-bit SysV): nothing else. r13 (_SDA_BASE_) is not set up: GCC's Linux default,
//   -msdata=data, puts small objects in .sdata/.sbss but addresses them absolutely (no
//   R_PPC_EMB_SDA21/R_PPC_SDAREL16 relocations), and clang emits none either.
// Each variant saves the initial sp as __bedrock_start's argument (r3), aligns r1 down to 16
// (the stack alignment of all three ABIs), and allocates the ABI's minimum frame with a null
// back chain and LR cleared, ending frame walks: 16 bytes on ppc (PowerPC SysV ABI
// supplement ch. 3 "The Stack Frame"; STACK_FRAME_OVERHEAD 16 in asm/ptrace.h), 112 on ELFv1
// (48-byte header + 64-byte parameter save area: 64-bit PowerPC ELF ABI 1.9 §3.2.2;
// STACK_FRAME_OVERHEAD 112), 32 on ELFv2 (header only; a prototyped callee taking all its
// arguments in registers needs no parameter save area: ELFv2 ABI §2.2.2 "The Stack Frame").
// On ppc64 the call is followed by the nop the linker may turn into a TOC restore
// (ld 2,40(1) on ELFv1, ld 2,24(1) on ELFv2).
#if defined(__powerpc64__) && _CALL_ELF == 2
    .abiversion 2
    .text
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    bcl 20, 31, 1f                 // LR = address of 1: (bcl 20,31 keeps the return predictor intact)
1:  mflr 12
    addis 2, 12, (.TOC. - 1b)@ha
    addi 2, 2, (.TOC. - 1b)@l
    mr 3, 1
    clrrdi 1, 1, 4
    li 0, 0
    stdu 1, -32(1)
    std 0, 0(1)
    mtlr 0
    bl __bedrock_start
    nop
    trap
    .size _start, . - _start

#elif defined(__powerpc64__)
    .section ".opd", "aw"
    .p2align 3
    .globl _start
    .type _start, @function
_start:
    .quad .L._start, .TOC.@tocbase, 0
    .size _start, 24
    .text
    .p2align 4
.L._start:
    mr 3, 1
    clrrdi 1, 1, 4
    li 0, 0
    stdu 1, -112(1)
    std 0, 0(1)
    mtlr 0
    bl __bedrock_start
    nop
    trap

#else
    .text
    .globl _start
    .type _start, @function
    .p2align 2
_start:
    mr 3, 1
    clrrwi 1, 1, 4
    li 0, 0
    stwu 1, -16(1)
    stw 0, 0(1)
    mtlr 0
    bl __bedrock_start
    trap
    .size _start, . - _start
#endif
    .section .note.GNU-stack, "", @progbits
