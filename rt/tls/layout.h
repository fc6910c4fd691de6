// The static TLS area of a thread: where the TLS block (the PT_TLS image: .tdata copied,
// .tbss zeroed) and the thread control block go relative to the thread pointer, for either
// TLS variant. A pure function, shared by the main thread's start-up and the thread layer, and
// tested on the host for every ABI's constants.
//
// Variant II (x86_64, i386, s390x, sparc): the TLS block ends at TP; the TCB starts at TP.
//     [ pad | TLS block ][ TCB ... ]
//                        ^ TP (aligned)
// Variant I (arm, aarch64, riscv, mips, powerpc, loongarch): the TLS block starts `gap` bytes
// above base = TP - tp_bias (gap: the ABI's own 2-word TCB on arm/aarch64; tp_bias: 0x7000 on
// mips and powerpc, so that signed 16-bit offsets reach 64 KiB of TLS); rt's TCB sits
// wherever the ABI's tcb_tp_offset says, usually just below base.
//     [ rt TCB ][ gap | pad | TLS block ]
//               ^ base (aligned), TP = base + tp_bias
// In both, the block's start is congruent to p_vaddr modulo p_align, as the linkers assume
// when p_vaddr is not aligned (lld, glibc and musl agree on this placement).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/arch/generic/tls_abi.h" // tls::Abi
#include "rt/core/expected.h"

namespace rt::tls {

struct Image {
    const void* init;  // .tdata contents (p_vaddr + load base)
    size_t filesz;     // bytes to copy
    size_t memsz;      // bytes of the block (the rest is .tbss, zeroed)
    size_t align;      // p_align (0 and 1 both mean unaligned)
    uintptr_t vaddr;   // p_vaddr: only its residue modulo align matters
};

struct Layout {
    size_t size;        // bytes to allocate
    size_t align;       // alignment of the allocation
    size_t tp;          // offset of TP in the allocation
    size_t tcb;         // offset of rt's TCB
    size_t block;       // offset of the TLS block
    size_t block_size;  // p_memsz
};

enum class Error { AlignNotPowerOfTwo, MemszBelowFilesz, TooLarge };

const char* error_message(Error e);

Expected<Layout, Error> layout(const Image& img, const Abi& abi);

// Fills an allocation laid out by `layout`: zeroes it, copies .tdata. The caller fills the TCB.
void initialize(void* area, const Layout& l, const Image& img);

} // namespace rt::tls
