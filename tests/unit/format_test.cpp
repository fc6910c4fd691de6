// rt's formatter against the host's snprintf, over many values and specs.
#include <catch2/catch.hpp>

#include <climits>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "rt/io/format.h"

// The truncation test truncates on purpose.
#pragma GCC diagnostic ignored "-Wformat-truncation"

template <class... A> static std::string fmt(rt::FormatString<A...> f, const A&... args) {
    char buf[512];
    size_t n = rt::format_to(buf, sizeof buf, f, args...);
    REQUIRE(n < sizeof buf);
    return std::string(buf, n);
}

TEST_CASE("decimal formatting matches snprintf for every integer width") {
    std::mt19937_64 rng(12345);
    for (int i = 0; i < 20000; ++i) {
        long long v = static_cast<long long>(rng()) >> (rng() % 64);
        unsigned long long u = rng() >> (rng() % 64);
        char want[160];
        snprintf(want, sizeof want, "%lld %llu %d %u %hd %hhu", v, u, static_cast<int>(v), static_cast<unsigned>(u),
                 static_cast<short>(v), static_cast<unsigned char>(u));
        REQUIRE(fmt("{} {} {} {} {} {}", v, u, static_cast<int>(v), static_cast<unsigned>(u), static_cast<short>(v),
                    static_cast<unsigned char>(u)) == want);
    }
    REQUIRE(fmt("{}", LLONG_MIN) == "-9223372036854775808");
    REQUIRE(fmt("{}", ULLONG_MAX) == "18446744073709551615");
}

TEST_CASE("hex, octal, width and padding match snprintf") {
    std::mt19937 rng(7);
    for (int i = 0; i < 5000; ++i) {
        unsigned v = rng() >> (rng() % 32);
        char want[128];
        snprintf(want, sizeof want, "%x|%X|%#x|%o|%08x|%8u|%-8u|", v, v, v, v, v, v, v);
        std::string w = want;
        if (v == 0) { // printf's "%#x" of 0 is "0"; rt, like std::format, prefixes it too
            size_t third = w.find('|', w.find('|') + 1) + 1;
            w.replace(third, 1, "0x0");
        }
        REQUIRE(fmt("{:x}|{:X}|{:#x}|{:o}|{:08x}|{:8}|{:<8}|", v, v, v, v, v, v, v) == w);
    }
}

TEST_CASE("strings, bools, chars, pointers and braces") {
    REQUIRE(fmt("{}|{:6}|{:>6}|", "abc", "abc", "abc") == "abc|abc   |   abc|");
    REQUIRE(fmt("{} {}", true, false) == "true false");
    REQUIRE(fmt("{}{}{}", 'a', 'b', 'c') == "abc");
    REQUIRE(fmt("{}", static_cast<const char*>(nullptr)) == "(null)");
    REQUIRE(fmt("{}", reinterpret_cast<void*>(0xdeadbeef)) == "0xdeadbeef");
    REQUIRE(fmt("{{{}}}", 1) == "{1}");
    REQUIRE(fmt("{:b}", 10) == "1010");
}

TEST_CASE("format_to truncates like snprintf and reports the full length") {
    char buf[8];
    size_t n = rt::format_to(buf, sizeof buf, "{}{}", 123456, 789);
    char want[8];
    int m = snprintf(want, sizeof want, "%d%d", 123456, 789);
    REQUIRE(n == static_cast<size_t>(m));
    REQUIRE(std::strcmp(buf, want) == 0);
}

TEST_CASE("Errno formats by name") {
    REQUIRE(fmt("{}", rt::Errno::NOENT) == "ENOENT");
    REQUIRE(fmt("{:>8}", rt::Errno::INTR) == "   EINTR");
    REQUIRE(fmt("{}", static_cast<rt::Errno>(99999)) == "E?(99999)");
}
