// Symbol lookup in the vDSO, the small shared object the kernel maps into every process
// (AT_SYSINFO_EHDR). It is fully linked and its dynamic section holds addresses relative to
// its load address; symbols are found through DT_HASH (or DT_GNU_HASH, which some kernels
// ship alone) and checked against their version (DT_VERSYM/DT_VERDEF), as the kernel's own
// reference parser does (tools/testing/selftests/vDSO/parse_vdso.c). DT_HASH's entries are
// 32-bit words on every ABI but s390x, whose are 64-bit (arch::ElfHashWord; docs/abi/s390x.md).
#include "arch_abi.h"
#include "rt/core/elf.h"
#include "rt/core/string_view.h"
#include "rt/time/clock.h"

namespace rt::detail {

void* vdso_lookup(unsigned long ehdr, const char* name, const char* version) {
    return vdso_lookup_hash(ehdr, name, version, sizeof(arch::ElfHashWord));
}

void* vdso_lookup_hash(unsigned long ehdr_addr, const char* name, const char* version, size_t hash_word) {
    if (!ehdr_addr || !name || (hash_word != 4 && hash_word != 8)) return nullptr;
    auto base_ptr = reinterpret_cast<const unsigned char*>(ehdr_addr);
    auto eh = reinterpret_cast<const elf::Ehdr*>(base_ptr);
    if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' || eh->ident[2] != 'L' || eh->ident[3] != 'F') return nullptr;
    if (eh->ident[4] != (elf::IS64 ? 2 : 1)) return nullptr; // ELFCLASS of our word size
    auto ph = reinterpret_cast<const elf::Phdr*>(base_ptr + eh->phoff);
    uintptr_t load_offset = 0;
    bool have_load = false;
    const elf::Dyn* dyn = nullptr;
    for (unsigned i = 0; i < eh->phnum; ++i) {
        if (ph[i].type == elf::PT_LOAD && !have_load) {
            load_offset = ehdr_addr + ph[i].offset - ph[i].vaddr;
            have_load = true;
        } else if (ph[i].type == elf::PT_DYNAMIC) {
            dyn = reinterpret_cast<const elf::Dyn*>(base_ptr + ph[i].offset);
        }
    }
    if (!have_load || !dyn) return nullptr;

    const char* strtab = nullptr;
    const elf::Sym* symtab = nullptr;
    const unsigned char* hash = nullptr;
    const uint32_t* gnu_hash = nullptr;
    const uint16_t* versym = nullptr;
    const elf::Verdef* verdef = nullptr;
    for (; dyn->tag != elf::DT_NULL; ++dyn) {
        auto p = dyn->val + load_offset;
        switch (dyn->tag) {
        case elf::DT_STRTAB: strtab = reinterpret_cast<const char*>(p); break;
        case elf::DT_SYMTAB: symtab = reinterpret_cast<const elf::Sym*>(p); break;
        case elf::DT_HASH: hash = reinterpret_cast<const unsigned char*>(p); break;
        case elf::DT_GNU_HASH: gnu_hash = reinterpret_cast<const uint32_t*>(p); break;
        case elf::DT_VERSYM: versym = reinterpret_cast<const uint16_t*>(p); break;
        case elf::DT_VERDEF: verdef = reinterpret_cast<const elf::Verdef*>(p); break;
        default: break;
        }
    }
    if (!strtab || !symtab || (!hash && !gnu_hash)) return nullptr;

    // Number of symbols: DT_HASH says it (nchain, its second entry); with DT_GNU_HASH alone
    // (32-bit words on every ABI), walk the last chain.
    size_t nsyms = 0;
    if (hash) {
        if (hash_word == 8) nsyms = static_cast<size_t>(reinterpret_cast<const uint64_t*>(hash)[1]);
        else nsyms = reinterpret_cast<const uint32_t*>(hash)[1];
    } else {
        uint32_t nbuckets = gnu_hash[0], symoffset = gnu_hash[1], bloom_size = gnu_hash[2];
        auto buckets = gnu_hash + 4 + bloom_size * (sizeof(uintptr_t) / 4);
        auto chain = buckets + nbuckets;
        uint32_t last = 0;
        for (uint32_t b = 0; b < nbuckets; ++b)
            if (buckets[b] > last) last = buckets[b];
        if (last >= symoffset) {
            while (!(chain[last - symoffset] & 1)) ++last;
            nsyms = last + 1;
        } else {
            nsyms = symoffset;
        }
    }

    const StringView want_name(name), want_version(version);
    for (size_t i = 0; i < nsyms; ++i) {
        const elf::Sym& s = symtab[i];
        unsigned type = s.info & 0xf, bind = s.info >> 4;
        if ((type != 2 /* STT_FUNC */ && type != 0 /* STT_NOTYPE */) || (bind != 1 && bind != 2)) continue;
        if (s.shndx == 0 /* SHN_UNDEF */) continue;
        if (want_name != strtab + s.name) continue;
        if (version && versym && verdef) {
            uint16_t want = versym[i] & 0x7fff;
            const elf::Verdef* d = verdef;
            bool match = false;
            for (;;) {
                if (!(d->flags & 1 /* VER_FLG_BASE */) && (d->ndx & 0x7fff) == want) {
                    auto aux = reinterpret_cast<const elf::Verdaux*>(reinterpret_cast<const char*>(d) + d->aux);
                    match = want_version == strtab + aux->name;
                    break;
                }
                if (!d->next) break;
                d = reinterpret_cast<const elf::Verdef*>(reinterpret_cast<const char*>(d) + d->next);
            }
            if (!match) continue;
        }
        return reinterpret_cast<void*>(load_offset + s.value);
    }
    return nullptr;
}

} // namespace rt::detail
