// What main sees: arguments, environment, auxiliary vector, constructors run before it.
// meson runs this with the arguments "alpha" "beta gamma" and BEDROCK_TEST_ENV=hello.
#include "harness/child.h"
#include "harness/tap.h"
#include "rt/core/elf.h"
#include "rt/start/process.h"
#include "uapi.h"

using namespace rt;

namespace {
int g_ctor_order[3];
int g_ctor_count;
bool g_preinit_saw_args;

struct Global {
    int value;
    Global() : value(1234) { g_ctor_order[g_ctor_count++] = 2; }
};
Global g_global;
int g_init_priority_value = [] { g_ctor_order[g_ctor_count++] = 3; return 77; }();

void preinit(int argc, char** argv, char**) {
    g_ctor_order[g_ctor_count++] = 1;
    g_preinit_saw_args = argc >= 3 && argv[1] && argv[1][0] == 'a';
}
[[gnu::used, gnu::section(".preinit_array")]] void (*const g_preinit_entry)(int, char**, char**) = preinit;

bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}
} // namespace

TEST("argc and argv are passed to main") {
    REQUIRE_EQ(test::g_argc, 3);
    CHECK(test::g_argv[0] != nullptr);
    CHECK(streq(test::g_argv[1], "alpha"));
    CHECK(streq(test::g_argv[2], "beta gamma"));
    CHECK(test::g_argv[3] == nullptr);
    CHECK(process().argv == test::g_argv);
    CHECK_EQ(process().argc, 3);
}

TEST("envp follows argv and is NULL-terminated") {
    CHECK(test::g_envp == test::g_argv + test::g_argc + 1);
    CHECK(process().envp == test::g_envp);
    int n = 0;
    for (char** e = test::g_envp; *e; ++e) ++n;
    CHECK(n > 0);
}

TEST("getenv finds a variable and rejects prefixes") {
    const char* v = getenv("BEDROCK_TEST_ENV");
    REQUIRE(v != nullptr);
    CHECK(streq(v, "hello"));
    CHECK(getenv("BEDROCK_TEST_EN") == nullptr);
    CHECK(getenv("BEDROCK_TEST_ENV_NOT_SET") == nullptr);
    CHECK(getenv(nullptr) == nullptr);
    // A name with '=' or an empty one names no variable (BEDROCK_TEST_EQ=x=y is set: a
    // comparison up to the name's end matched "BEDROCK_TEST_EQ=x" and returned "y").
    const char* eq = getenv("BEDROCK_TEST_EQ");
    CHECK(eq != nullptr && streq(eq, "x=y"));
    CHECK(getenv("BEDROCK_TEST_EQ=x") == nullptr);
    CHECK(getenv("BEDROCK_TEST_ENV=") == nullptr);
    CHECK(getenv("") == nullptr);
    CHECK(getenv("=") == nullptr);
}

TEST("auxv follows the environment") {
    char** e = test::g_envp;
    while (*e) ++e;
    CHECK(reinterpret_cast<unsigned long*>(e + 1) == process().auxv);
}

TEST("auxv page size is a power of two of at least 4 KiB") {
    unsigned long ps = auxv(sys::auxv::PAGESZ);
    CHECK(ps >= 4096);
    CHECK((ps & (ps - 1)) == 0);
}

TEST("auxv AT_RANDOM points to 16 random bytes") {
    auto p = reinterpret_cast<const unsigned char*>(auxv(sys::auxv::RANDOM));
    REQUIRE(p != nullptr);
    int nonzero = 0;
    for (int i = 0; i < 16; ++i) nonzero += p[i] != 0;
    CHECK(nonzero > 0);
}

TEST("auxv has program headers and an entry point") {
    CHECK(auxv(sys::auxv::PHDR) != 0);
    CHECK(auxv(sys::auxv::PHNUM) > 0);
    CHECK(auxv(sys::auxv::ENTRY) != 0);
    CHECK_EQ(auxv(0xfffff), 0ul); // a type the kernel never sends
}

TEST("preinit_array then init_array ran before main, in order") {
    REQUIRE_EQ(g_ctor_count, 3);
    CHECK_EQ(g_ctor_order[0], 1);
    CHECK_EQ(g_ctor_order[1], 2);
    CHECK_EQ(g_ctor_order[2], 3);
    CHECK(g_preinit_saw_args);
    CHECK_EQ(g_global.value, 1234);
    CHECK_EQ(g_init_priority_value, 77);
}

// Every test program has RELRO data (its cases register from .init_array). Whatever whole
// pages PT_GNU_RELRO covers must be read-only once main runs: a write there faults.
extern "C" [[gnu::visibility("hidden")]] const char __ehdr_start[];
TEST("RELRO pages are read-only in main") {
    auto ph = reinterpret_cast<const elf::Phdr*>(auxv(sys::auxv::PHDR));
    size_t n = auxv(sys::auxv::PHNUM);
    REQUIRE(ph != nullptr);
    const elf::Phdr* relro = nullptr;
    uintptr_t bias = 0;
    bool have_bias = false;
    for (size_t i = 0; i < n; ++i) {
        if (ph[i].type == elf::PT_GNU_RELRO) relro = &ph[i];
        // The ELF header is at file offset 0, which the first PT_LOAD maps.
        if (ph[i].type == elf::PT_LOAD && !have_bias) {
            bias = reinterpret_cast<uintptr_t>(__ehdr_start) - (ph[i].vaddr - ph[i].offset);
            have_bias = true;
        }
    }
    REQUIRE(relro != nullptr);
    REQUIRE(have_bias);
    uintptr_t page = page_size();
    uintptr_t last = (bias + relro->vaddr + relro->memsz) & ~(page - 1); // end of the whole pages
    // Linkers end RELRO on a page boundary (GNU ld's DATA_SEGMENT_RELRO_END, lld's
    // .relro_padding), so the page holding its last byte is whole.
    CHECK_EQ((bias + relro->vaddr + relro->memsz) % page, uintptr_t{0});
    REQUIRE(last > (bias + relro->vaddr) - (bias + relro->vaddr) % page);
    auto target = reinterpret_cast<volatile char*>(last - 1);
    char before = *target; // readable
    auto st = test::in_child([&] {
        *target = static_cast<char>(before + 1);
        return 0;
    });
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::SEGV));
    CHECK_EQ(*target, before);
}
