// rt's vDSO parser (rt/time/vdso.cpp) on a real vDSO: the one the host kernel maps into this
// (glibc) process. The expected answers come from an independent reading of the same image —
// its section headers (SHT_DYNSYM, its string table, SHT_GNU_versym and SHT_GNU_verdef), which
// rt's parser does not use (it goes through the dynamic section and DT_HASH / DT_GNU_HASH) —
// and from calling what it finds.
#include <catch2/catch.hpp>

#include <elf.h>
#include <sys/auxv.h>
#include <time.h>

#include <cstring>

#include "rt/time/clock.h"

namespace {

const unsigned char* host_vdso() { return reinterpret_cast<const unsigned char*>(getauxval(AT_SYSINFO_EHDR)); }

// The address of `name`@`version` by the section headers, or null.
void* by_sections(const unsigned char* base, const char* name, const char* version) {
    auto eh = reinterpret_cast<const Elf64_Ehdr*>(base);
    auto sh = reinterpret_cast<const Elf64_Shdr*>(base + eh->e_shoff);
    const Elf64_Shdr *dynsym = nullptr, *versym = nullptr, *verdef = nullptr;
    for (int i = 0; i < eh->e_shnum; ++i) {
        if (sh[i].sh_type == SHT_DYNSYM) dynsym = &sh[i];
        if (sh[i].sh_type == SHT_GNU_versym) versym = &sh[i];
        if (sh[i].sh_type == SHT_GNU_verdef) verdef = &sh[i];
    }
    if (!dynsym) return nullptr;
    auto strtab = reinterpret_cast<const char*>(base + sh[dynsym->sh_link].sh_offset);
    auto syms = reinterpret_cast<const Elf64_Sym*>(base + dynsym->sh_offset);
    size_t n = dynsym->sh_size / sizeof(Elf64_Sym);
    // The vDSO is linked at address 0 (its first PT_LOAD's p_vaddr is 0 on x86_64): a symbol's
    // value is its offset from the image.
    uintptr_t vaddr0 = 0;
    auto ph = reinterpret_cast<const Elf64_Phdr*>(base + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; ++i)
        if (ph[i].p_type == PT_LOAD) { vaddr0 = ph[i].p_vaddr - ph[i].p_offset; break; }
    for (size_t i = 0; i < n; ++i) {
        if (std::strcmp(strtab + syms[i].st_name, name) != 0 || syms[i].st_shndx == SHN_UNDEF) continue;
        if (versym && verdef) {
            auto vs = reinterpret_cast<const Elf64_Half*>(base + versym->sh_offset)[i] & 0x7fff;
            auto vstr = reinterpret_cast<const char*>(base + sh[verdef->sh_link].sh_offset);
            bool match = false;
            for (auto d = reinterpret_cast<const Elf64_Verdef*>(base + verdef->sh_offset);;
                 d = reinterpret_cast<const Elf64_Verdef*>(reinterpret_cast<const unsigned char*>(d) + d->vd_next)) {
                auto aux = reinterpret_cast<const Elf64_Verdaux*>(reinterpret_cast<const unsigned char*>(d) + d->vd_aux);
                if (d->vd_ndx == vs && std::strcmp(vstr + aux->vda_name, version) == 0) match = true;
                if (!d->vd_next) break;
            }
            if (!match) continue;
        }
        return const_cast<unsigned char*>(base) + (syms[i].st_value - vaddr0);
    }
    return nullptr;
}

} // namespace

TEST_CASE("the vDSO parser finds the host vDSO's symbols where its section headers say they are") {
    const unsigned char* base = host_vdso();
    REQUIRE(base != nullptr); // x86_64 kernels map one unless booted with vdso=0
    unsigned long ehdr = reinterpret_cast<unsigned long>(base);
    for (const char* sym : {"__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time", "__vdso_getcpu",
                            "__vdso_clock_getres"}) {
        INFO(sym);
        void* want = by_sections(base, sym, "LINUX_2.6");
        REQUIRE(want != nullptr);
        CHECK(rt::detail::vdso_lookup(ehdr, sym, "LINUX_2.6") == want);
    }
    // Absent names and wrong versions are not found.
    CHECK(rt::detail::vdso_lookup(ehdr, "__vdso_no_such_symbol", "LINUX_2.6") == nullptr);
    CHECK(rt::detail::vdso_lookup(ehdr, "__vdso_clock_gettime", "LINUX_9.9") == nullptr);
    CHECK(rt::detail::vdso_lookup(0, "__vdso_clock_gettime", "LINUX_2.6") == nullptr);
}

TEST_CASE("the clock_gettime the parser finds in the host vDSO tells the time") {
    const unsigned char* base = host_vdso();
    REQUIRE(base != nullptr); // x86_64 kernels map one unless booted with vdso=0
    using Fn = int (*)(clockid_t, struct timespec*);
    auto f = reinterpret_cast<Fn>(rt::detail::vdso_lookup(reinterpret_cast<unsigned long>(base), "__vdso_clock_gettime",
                                                          "LINUX_2.6"));
    REQUIRE(f != nullptr);
    struct timespec a {}, v {}, b {};
    REQUIRE(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    REQUIRE(f(CLOCK_MONOTONIC, &v) == 0);
    REQUIRE(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    auto ns = [](const timespec& t) { return t.tv_sec * 1'000'000'000LL + t.tv_nsec; };
    CHECK(ns(a) <= ns(v));
    CHECK(ns(v) <= ns(b));
}

namespace {

// A minimal vDSO-shaped image built by the gABI's layout with glibc's <elf.h> types: one
// PT_LOAD linked at 0x1000, a dynamic section with DT_HASH, DT_SYMTAB and DT_STRTAB, four
// symbols, and a DT_HASH table whose entries are `word` bytes — 4 as on most ABIs, 8 as
// s390x's linker writes them (s390x-linux-gnu-readelf -S: .hash ES 08).
struct alignas(16) HashImage {
    unsigned char bytes[1024] = {};
    static constexpr uint64_t LINK = 0x1000;

    explicit HashImage(size_t word) {
        constexpr size_t PH = 64, DYN = PH + 2 * sizeof(Elf64_Phdr), STR = DYN + 4 * sizeof(Elf64_Dyn), SYM = 512,
                         HASH = 768;
        auto eh = reinterpret_cast<Elf64_Ehdr*>(bytes);
        std::memcpy(eh->e_ident, ELFMAG, SELFMAG);
        eh->e_ident[EI_CLASS] = ELFCLASS64;
        eh->e_ident[EI_DATA] = ELFDATA2LSB;
        eh->e_type = ET_DYN;
        eh->e_phoff = PH;
        eh->e_phentsize = sizeof(Elf64_Phdr);
        eh->e_phnum = 2;
        auto ph = reinterpret_cast<Elf64_Phdr*>(bytes + PH);
        ph[0] = Elf64_Phdr{PT_LOAD, PF_R | PF_X, 0, LINK, LINK, sizeof bytes, sizeof bytes, 4096};
        ph[1] = Elf64_Phdr{PT_DYNAMIC, PF_R, DYN, LINK + DYN, LINK + DYN, 4 * sizeof(Elf64_Dyn), 4 * sizeof(Elf64_Dyn), 8};
        auto dyn = reinterpret_cast<Elf64_Dyn*>(bytes + DYN);
        dyn[0].d_tag = DT_HASH, dyn[0].d_un.d_ptr = LINK + HASH;
        dyn[1].d_tag = DT_SYMTAB, dyn[1].d_un.d_ptr = LINK + SYM;
        dyn[2].d_tag = DT_STRTAB, dyn[2].d_un.d_ptr = LINK + STR;
        dyn[3].d_tag = DT_NULL;
        const char names[] = "\0alpha\0beta\0target";
        std::memcpy(bytes + STR, names, sizeof names);
        auto sym = reinterpret_cast<Elf64_Sym*>(bytes + SYM);
        const uint32_t name_at[] = {0, 1, 7, 12};
        for (int i = 1; i < 4; ++i) {
            sym[i].st_name = name_at[i];
            sym[i].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
            sym[i].st_shndx = 1;
            sym[i].st_value = LINK + 0x100 * i;
        }
        // nbucket 1, nchain 4 (one per symbol), bucket[0] = 3, chains 3 -> 2 -> 1 -> 0.
        const uint64_t table[] = {1, 4, 3, 0, 0, 1, 2};
        for (size_t i = 0; i < 7; ++i) {
            if (word == 8) std::memcpy(bytes + HASH + 8 * i, &table[i], 8);
            else {
                auto v = static_cast<uint32_t>(table[i]);
                std::memcpy(bytes + HASH + 4 * i, &v, 4);
            }
        }
    }
    unsigned long addr() const { return reinterpret_cast<unsigned long>(bytes); }
    // Where a symbol at link address `value` is in this copy.
    void* at(uint64_t value) const { return const_cast<unsigned char*>(bytes) + (value - LINK); }
};

} // namespace

TEST_CASE("vdso_lookup_hash: DT_HASH tables of 32-bit words and of s390x's 64-bit words") {
    HashImage narrow(4), wide(8);
    CHECK(rt::detail::vdso_lookup_hash(narrow.addr(), "target", "LINUX_2.6", 4) == narrow.at(HashImage::LINK + 0x300));
    CHECK(rt::detail::vdso_lookup_hash(narrow.addr(), "alpha", nullptr, 4) == narrow.at(HashImage::LINK + 0x100));
    CHECK(rt::detail::vdso_lookup_hash(wide.addr(), "target", "LINUX_2.6", 8) == wide.at(HashImage::LINK + 0x300));
    CHECK(rt::detail::vdso_lookup_hash(wide.addr(), "beta", nullptr, 8) == wide.at(HashImage::LINK + 0x200));
    CHECK(rt::detail::vdso_lookup_hash(wide.addr(), "gamma", nullptr, 8) == nullptr);
    // s390x's table read as 32-bit words gives a wrong symbol count (0 here: nbucket's high
    // half; on big-endian s390x nbucket's low half): the lookup found nothing on a real s390x
    // kernel (issue 16).
    CHECK(rt::detail::vdso_lookup_hash(wide.addr(), "target", nullptr, 4) == nullptr);
    CHECK(rt::detail::vdso_lookup_hash(wide.addr(), "target", nullptr, 3) == nullptr);
}
