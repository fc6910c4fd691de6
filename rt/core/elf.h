// The few ELF structures the runtime reads (its own program headers, dynamic section and
// relocations, the vDSO), in the word size of the ABI. Source: the System V gABI, ELF chapter.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rt::elf {

inline constexpr bool IS64 = sizeof(void*) == 8;

using Addr = uintptr_t;
using Sword = intptr_t;

struct Ehdr {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version;
    Addr entry;
    Addr phoff, shoff; // file offsets, word-sized in both classes
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct Phdr64 {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
struct Phdr32 {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct Sym64 {
    uint32_t name;
    unsigned char info, other;
    uint16_t shndx;
    uint64_t value, size;
};
struct Sym32 {
    uint32_t name, value, size;
    unsigned char info, other;
    uint16_t shndx;
};

template <bool B, class T, class F> struct Pick { using Type = T; };
template <class T, class F> struct Pick<false, T, F> { using Type = F; };
using Phdr = Pick<IS64, Phdr64, Phdr32>::Type;
using Sym = Pick<IS64, Sym64, Sym32>::Type;

struct Dyn {
    Sword tag;
    Addr val;
};
struct Rel {
    Addr offset, info;
};
struct Rela {
    Addr offset, info;
    Sword addend;
};
constexpr unsigned long rel_type(Addr info) { return IS64 ? info & 0xffffffffu : info & 0xffu; }
constexpr unsigned long rel_sym(Addr info) { return IS64 ? static_cast<uint64_t>(info) >> 32 : info >> 8; }

struct Verdef {
    uint16_t version, flags, ndx, cnt;
    uint32_t hash, aux, next;
};
struct Verdaux {
    uint32_t name, next;
};

inline constexpr uint32_t PT_LOAD = 1, PT_DYNAMIC = 2, PT_PHDR = 6, PT_TLS = 7;
// The range to make read-only once relocated (LSB Core specification, "Program Header";
// binutils include/elf/common.h).
inline constexpr uint32_t PT_GNU_RELRO = 0x6474e552;
inline constexpr Sword DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_RELA = 7, DT_RELASZ = 8,
                       DT_RELAENT = 9, DT_REL = 17, DT_RELSZ = 18, DT_RELENT = 19, DT_RELRSZ = 35, DT_RELR = 36,
                       DT_RELRENT = 37, DT_GNU_HASH = 0x6ffffef5, DT_VERSYM = 0x6ffffff0, DT_VERDEF = 0x6ffffffc;

} // namespace rt::elf
