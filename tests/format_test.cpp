// rt::print's output, byte for byte, on the target ABI (word sizes, byte order and the 64-bit
// division helpers all differ): formatted into a buffer, and through a pipe with fprint.
#include "harness/tap.h"
#include "rt/core/string_view.h"
#include "rt/exec/executor.h"
#include "rt/exec/pool.h"
#include "rt/sync/futex.h"
#include "rt/sys/fd.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"

using namespace rt;

namespace {
bool streq(const char* a, const char* b) { return StringView(a) == StringView(b); }
#define CHECK_FMT(expected, ...)                                                           \
    do {                                                                                   \
        char buf_[256];                                                                    \
        size_t n_ = format_to(buf_, sizeof buf_, __VA_ARGS__);                             \
        if (!streq(buf_, expected) || n_ != sizeof(expected) - 1) {                        \
            char msg_[400];                                                                \
            format_to(msg_, sizeof msg_, "format {} gave \"{}\", want \"{}\"", #__VA_ARGS__, buf_, expected); \
            test::note_failure(__FILE__, __LINE__, msg_);                                  \
        }                                                                                  \
    } while (0)
} // namespace

TEST("integers of every width, both signs") {
    CHECK_FMT("0 -1 127 -128", "{} {} {} {}", 0, -1, static_cast<signed char>(127), static_cast<signed char>(-128));
    CHECK_FMT("255 65535 -32768", "{} {} {}", static_cast<unsigned char>(255), static_cast<unsigned short>(65535),
              static_cast<short>(-32768));
    CHECK_FMT("2147483647 -2147483648 4294967295", "{} {} {}", 2147483647, static_cast<int>(-2147483647 - 1), 4294967295u);
    CHECK_FMT("9223372036854775807 -9223372036854775808", "{} {}", 9223372036854775807ll, -9223372036854775807ll - 1);
    CHECK_FMT("18446744073709551615", "{}", 18446744073709551615ull);
    CHECK_FMT("-42 42", "{} {}", -42l, 42ul);
}

TEST("the widest field width, 65535, pads to it") {
    // Wider ones do not compile (format_error_width_above_65535); they wrapped at 2^32.
    static char out[70000];
    size_t n = format_to(out, sizeof out, "{:65535}|", 7);
    CHECK_EQ(n, size_t{65536});
    CHECK(out[65533] == ' ' && out[65534] == '7' && out[65535] == '|');
}

TEST("hex, binary, octal, width and zero padding") {
    CHECK_FMT("ff FF 0xff", "{:x} {:X} {:#x}", 255, 255, 255);
    CHECK_FMT("deadbeefcafebabe", "{:x}", 0xdeadbeefcafebabeull);
    CHECK_FMT("101 0b101 17 0o17", "{:b} {:#b} {:o} {:#o}", 5, 5, 15, 15);
    CHECK_FMT("0000002a", "{:08x}", 42);
    CHECK_FMT("   42|42   |-0042", "{:5}|{:<5}|{:05}", 42, 42, -42);
    CHECK_FMT("ab   |   ab", "{:5}|{:>5}", "ab", "ab");
    // As std::format: a negative number keeps its sign in any base.
    CHECK_FMT("-1 ffffffff", "{:x} {:x}", -1, static_cast<unsigned>(-1));
}

TEST("bool, char, strings and null strings") {
    CHECK_FMT("true false 1", "{} {} {:d}", true, false, true);
    CHECK_FMT("x 120", "{} {:d}", 'x', 'x');
    const char* null = nullptr;
    CHECK_FMT("hello (null)", "{} {}", "hello", null);
    char arr[] = "mutable";
    CHECK_FMT("mutable", "{}", static_cast<char*>(arr));
}

TEST("string views print their bytes only: a substring, padded, empty") {
    StringView word = StringView("abcdef").substr(1, 3);
    CHECK_FMT("[bcd]", "[{}]", word);
    CHECK_FMT("[   bcd][bcd   ][bcd]", "[{:>6}][{:6}][{:s}]", word, word, word);
    CHECK_FMT("[]", "[{}]", StringView());
    CHECK_FMT("[x]", "[{}]", StringView("x\0y", 1));
    // A view ending inside a longer text, printed next to it.
    const char* text = "key=value";
    StringView entry(text);
    size_t eq = entry.find('=');
    CHECK_FMT("key | value", "{} | {}", entry.substr(0, eq), entry.substr(eq + 1));
}

TEST("pointers print as 0x-prefixed hex") {
    CHECK_FMT("0x0", "{}", nullptr);
    CHECK_FMT("0x1234", "{}", reinterpret_cast<void*>(0x1234));
    CHECK_FMT("0xabc", "{:p}", reinterpret_cast<const int*>(0xabc));
}

TEST("Errno prints by name; unknown values by number") {
    CHECK_FMT("ENOENT EBADF EAGAIN", "{} {} {}", Errno::NOENT, Errno::BADF, Errno::AGAIN);
    CHECK_FMT("E?(100000)", "{}", static_cast<Errno>(100000));
}

namespace user {
enum class Color { Red, Green };
constexpr const char* error_name(Color c) { return c == Color::Red ? "Red" : nullptr; }
struct Point {
    int x, y;
};
void format_value(fmt::Sink& s, const Point& p) { fmt::format_into(s, "({}, {})", p.x, p.y); }
struct Long {};
void format_value(fmt::Sink& s, const Long&) {
    for (int i = 0; i < 40; ++i) s.put("0123456789", 10);
}
} // namespace user

TEST("every bedrock error enum prints by name; SpawnError with the kernel's error") {
    CHECK_FMT("TimedOut", "{}", WaitError::TimedOut);
    CHECK_FMT("NameTooLong Unexpected", "{} {}", NameError::NameTooLong, NameError::Unexpected);
    CHECK_FMT("ConcurrencyUnavailable", "{}", ConcurrentError::ConcurrencyUnavailable);
    CHECK_FMT("OutOfMemory", "{}", PoolError::OutOfMemory);
    CHECK_FMT("ThreadQuotaExceeded|LockedMemoryLimitExceeded", "{}|{}", SpawnError::ThreadQuotaExceeded,
              SpawnError::LockedMemoryLimitExceeded);
    CHECK_FMT("ThreadQuotaExceeded (EAGAIN)", "{}", SpawnError(SpawnError::ThreadQuotaExceeded, Errno::AGAIN));
    CHECK_FMT("OutOfMemory", "{}", SpawnError(SpawnError::OutOfMemory));
    CHECK_FMT("[  TimedOut]", "[{:>10}]", WaitError::TimedOut);
    CHECK_FMT("[TimedOut  ]", "[{:10s}]", WaitError::TimedOut);
    CHECK(streq(error_name(Errno::NOENT), "ENOENT"));
}

TEST("a user's types print through error_name and format_value found by argument-dependent lookup") {
    CHECK_FMT("Red (unnamed)", "{} {}", user::Color::Red, user::Color::Green);
    CHECK_FMT("at (1, -2)!", "at {}!", user::Point{1, -2});
    CHECK_FMT("[    (3, 4)] [(3, 4)    ]", "[{:>10}] [{:<10}]", user::Point{3, 4}, user::Point{3, 4});
    // Unpadded output goes straight to the sink, however long; padded output is measured up to
    // 256 bytes (format_to's 256-byte buffer in CHECK_FMT keeps 255 of it).
    char buf[512];
    CHECK_EQ(format_to(buf, sizeof buf, "{}", user::Long{}), size_t{400});
    CHECK_EQ(format_to(buf, sizeof buf, "{:>300}", user::Long{}), size_t{300});
}

TEST("escaped braces and literal text") {
    CHECK_FMT("{} {x} }", "{{}} {{{}}} }}", 'x');
    CHECK_FMT("no placeholders", "no placeholders");
}

TEST("format_to truncates but reports the full length") {
    char buf[6];
    size_t n = format_to(buf, sizeof buf, "{}-{}", 12345, 678);
    CHECK_EQ(n, 9u);
    CHECK(streq(buf, "12345"));
    CHECK_EQ(format_to(buf, 0, "abc"), 3u);
}

TEST("fprint writes the exact bytes to a file descriptor, long output in pieces") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, 0));
    auto n = fprint(fds[1], "a={} b={:x} c={}\n", -5, 0xbeefu, "str");
    REQUIRE(n);
    const char want[] = "a=-5 b=beef c=str\n";
    CHECK_EQ(*n, sizeof want - 1);
    char buf[64] = {};
    auto r = sys::read(fds[0], buf, sizeof buf - 1);
    CHECK(r && *r == sizeof want - 1);
    CHECK(streq(buf, want));
    // 2000 characters: more than the formatting buffer holds, so several write(2) calls.
    static char big[2001];
    for (int i = 0; i < 2000; ++i) big[i] = static_cast<char>('a' + i % 26);
    n = fprint(fds[1], "{}", static_cast<const char*>(big));
    CHECK(n && *n == 2000);
    static char back[2001];
    size_t got = 0;
    while (got < 2000) {
        auto k = sys::read(fds[0], back + got, 2000 - got);
        if (!k || *k == 0) break;
        got += *k;
    }
    CHECK_EQ(got, 2000u);
    bool same = true;
    for (int i = 0; i < 2000; ++i) same &= back[i] == big[i];
    CHECK(same);
    (void)sys::close(fds[0]);
    (void)sys::close(fds[1]);
    CHECK_EQ(fprint(fds[1], "x").error(), Errno::BADF); // closed: the error comes back
}

// Without arguments a literal goes out as it is (no formatter); one with escaped braces still
// has them unescaped.
TEST("fprint to a negative fd fails with EBADF, formatted or plain") {
    // -1 is the formatter's internal "no file" (format_to's sink): it reported success and a
    // byte count and wrote nothing.
    auto a = fprint(-1, "{} {}\n", 1, "two");
    CHECK(!a && a.error() == Errno::BADF);
    auto b = fprint(-7, "{}", 3);
    CHECK(!b && b.error() == Errno::BADF);
    auto c = fprint(-1, "plain\n");
    CHECK(!c && c.error() == Errno::BADF);
}

TEST("fprint of a literal: plain text as is, escaped braces unescaped") {
    int fds[2];
    REQUIRE(sys::pipe2(fds, 0));
    auto n = fprint(fds[1], "plain text, no braces\n");
    CHECK(n && *n == 22);
    n = fprint(fds[1], "{{x}}\n");
    CHECK(n && *n == 4);
    char buf[64] = {};
    size_t got = 0;
    while (got < 26) {
        auto k = sys::read(fds[0], buf + got, sizeof buf - 1 - got);
        if (!k || *k == 0) break;
        got += *k;
    }
    CHECK_EQ(got, 26u);
    CHECK(streq(buf, "plain text, no braces\n{x}\n"));
    (void)sys::close(fds[0]);
    (void)sys::close(fds[1]);
}
