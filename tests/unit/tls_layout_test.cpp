// The TLS layout function with every ABI's constants, against the placement rules of "ELF
// Handling For Thread-Local Storage" (Drepper) and the psABIs, stated independently here:
//   variant II:  TP - block == round_up(memsz, align)                (x86, s390x, sparc)
//   variant I:   block - TP == round_up(tcb, align)   (arm 8, aarch64 16)
//                block - TP == -0x7000                (mips, powerpc: TP biased by 0x7000)
//                block - TP == 0                      (riscv, loongarch)
// for segments whose p_vaddr is aligned; with a misaligned p_vaddr the block start keeps
// p_vaddr's residue modulo p_align.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "rt/tls/layout.h"

using rt::tls::Abi;
using rt::tls::Image;

namespace {
struct Named {
    const char* name;
    Abi abi;
    long block_minus_tp_aligned; // the rule above, for align 1..; sentinel 1 = variant II rule
};

// TCB sizes as rt's arch Tcb structs have them (checked against the arch headers by
// static_asserts there); what matters here is that the layout keeps them clear of the block.
const Named ABIS[] = {
    {"x86_64", {2, 88, 8, 0, 0, 0}, 1},
    {"i386", {2, 44, 4, 0, 0, 0}, 1},
    {"s390x", {2, 80, 8, 0, 0, 0}, 1},
    {"sparc64", {2, 88, 8, 0, 0, 0}, 1},
    {"sparc", {2, 44, 4, 0, 0, 0}, 1},
    {"aarch64", {1, 32, 8, -32, 0, 16}, 16},
    {"arm", {1, 16, 4, -16, 0, 8}, 8},
    {"riscv64", {1, 32, 8, -32, 0, 0}, 0},
    {"riscv32", {1, 16, 4, -16, 0, 0}, 0},
    {"loongarch64", {1, 32, 8, -32, 0, 0}, 0},
    {"mips64", {1, 48, 8, -0x7000 - 48, 0x7000, 0}, -0x7000},
    {"mips", {1, 24, 4, -0x7000 - 24, 0x7000, 0}, -0x7000},
    {"ppc64", {1, 48, 8, -0x7000 - 48, 0x7000, 0}, -0x7000},
    {"ppc", {1, 24, 4, -0x7000 - 24, 0x7000, 0}, -0x7000},
};

size_t round_up(size_t v, size_t a) { return (v + a - 1) / a * a; }
} // namespace

TEST_CASE("TLS layout follows each ABI's placement rule for aligned segments") {
    for (const auto& n : ABIS) {
        for (size_t align : {1, 2, 4, 8, 16, 64, 256, 4096, 65536}) {
            for (size_t memsz : {0, 1, 7, 64, 100, 4096, 1 << 20}) {
                INFO(n.name << " align " << align << " memsz " << memsz);
                Image img{nullptr, 0, memsz, align, 0x1000 * 16};
                auto l = rt::tls::layout(img, n.abi);
                REQUIRE(l.has_value());
                long block_minus_tp = static_cast<long>(l->block) - static_cast<long>(l->tp);
                if (n.block_minus_tp_aligned == 1)
                    CHECK(-block_minus_tp == static_cast<long>(round_up(memsz, align)));
                else if (n.block_minus_tp_aligned > 0)
                    CHECK(block_minus_tp == static_cast<long>(round_up(n.block_minus_tp_aligned, align)));
                else
                    CHECK(block_minus_tp == n.block_minus_tp_aligned);
                // The allocation's alignment covers the segment's, and base = TP - bias is
                // aligned to it, so the block is too.
                CHECK(l->align >= align);
                CHECK((l->tp - n.abi.tp_bias) % l->align == 0);
                CHECK(l->block % align == 0);
                // Everything inside the allocation, TCB and block disjoint, TCB where TP says.
                CHECK(l->block + memsz <= l->size);
                CHECK(l->tcb + n.abi.tcb_size <= l->size);
                CHECK(static_cast<long>(l->tcb) - static_cast<long>(l->tp) == n.abi.tcb_tp_offset);
                CHECK((l->block + memsz <= l->tcb || l->tcb + n.abi.tcb_size <= l->block));
                CHECK(l->tcb % n.abi.tcb_align == 0);
            }
        }
    }
}

TEST_CASE("a misaligned p_vaddr keeps its residue modulo p_align") {
    for (const auto& n : ABIS) {
        for (size_t align : {16, 64, 4096}) {
            for (size_t residue : {1, 8, 12, 15}) {
                INFO(n.name << " align " << align << " residue " << residue);
                Image img{nullptr, 0, 40, align, 0x10000 + residue};
                auto l = rt::tls::layout(img, n.abi);
                REQUIRE(l.has_value());
                CHECK(l->block % align == residue);
                CHECK((l->tp - n.abi.tp_bias) % l->align == 0);
                CHECK(l->block + 40 <= l->size);
                CHECK((l->block + 40 <= l->tcb || l->tcb + n.abi.tcb_size <= l->block));
                if (n.abi.variant == 2) CHECK(l->block + 40 <= l->tp);
                else CHECK(static_cast<long>(l->block) - static_cast<long>(l->tp) >=
                           static_cast<long>(n.abi.gap) - static_cast<long>(n.abi.tp_bias));
            }
        }
    }
}

TEST_CASE("initialize copies .tdata and zeroes .tbss and the TCB") {
    const unsigned char tdata[5] = {1, 2, 3, 4, 5};
    Image img{tdata, sizeof tdata, 20, 8, 0};
    auto l = rt::tls::layout(img, ABIS[0].abi);
    REQUIRE(l.has_value());
    std::vector<unsigned char> area(l->size + 64, 0xee);
    rt::tls::initialize(area.data(), *l, img);
    CHECK(std::memcmp(area.data() + l->block, tdata, 5) == 0);
    for (size_t i = 5; i < 20; ++i) CHECK(area[l->block + i] == 0);
    for (size_t i = 0; i < ABIS[0].abi.tcb_size; ++i) CHECK(area[l->tcb + i] == 0);
    CHECK(area[l->size] == 0xee); // nothing written past the layout's size
}

TEST_CASE("bad PT_TLS values are named errors") {
    auto bad_align = rt::tls::layout(Image{nullptr, 0, 8, 3, 0}, ABIS[0].abi);
    REQUIRE_FALSE(bad_align.has_value());
    CHECK(bad_align.error() == rt::tls::Error::AlignNotPowerOfTwo);
    auto bad_size = rt::tls::layout(Image{nullptr, 9, 8, 8, 0}, ABIS[5].abi);
    REQUIRE_FALSE(bad_size.has_value());
    CHECK(bad_size.error() == rt::tls::Error::MemszBelowFilesz);
    auto huge = rt::tls::layout(Image{nullptr, 0, ~size_t{0} - 10, 8, 0}, ABIS[0].abi);
    REQUIRE_FALSE(huge.has_value());
    CHECK(huge.error() == rt::tls::Error::TooLarge);
    CHECK(std::strcmp(rt::tls::error_message(rt::tls::Error::AlignNotPowerOfTwo), "PT_TLS p_align is not a power of two") == 0);
    // p_align 0 means "no alignment", like 1.
    CHECK(rt::tls::layout(Image{nullptr, 0, 8, 0, 3}, ABIS[0].abi).has_value());
}
