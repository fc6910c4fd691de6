#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "rt/core/errno.h"
#include "rt/core/expected.h"

using rt::Errno;
using rt::Expected;

static Expected<int, Errno> half(int v) {
    if (v % 2) return rt::unexpected(Errno::INVAL);
    return v / 2;
}

TEST_CASE("Expected holds a value or an error") {
    auto a = half(8);
    REQUIRE(a.has_value());
    REQUIRE(static_cast<bool>(a));
    REQUIRE(a.value() == 4);
    REQUIRE(*a == 4);
    auto b = half(3);
    REQUIRE_FALSE(b.has_value());
    REQUIRE(b.error() == Errno::INVAL);
    REQUIRE(b.value_or(-1) == -1);
}

TEST_CASE("Expected owns non-trivial values: copies, moves, destroys") {
    auto counter = std::make_shared<int>(0);
    {
        Expected<std::shared_ptr<int>, Errno> e(counter);
        REQUIRE(counter.use_count() == 2);
        auto copy = e;
        REQUIRE(counter.use_count() == 3);
        auto moved = std::move(copy);
        REQUIRE(counter.use_count() == 3);
        moved = Expected<std::shared_ptr<int>, Errno>(rt::unexpected(Errno::NOMEM));
        REQUIRE(counter.use_count() == 2);
        REQUIRE(moved.error() == Errno::NOMEM);
        REQUIRE(e->get() == counter.get());
    }
    REQUIRE(counter.use_count() == 1);
    Expected<std::string, Errno> s(std::string("text"));
    REQUIRE(s->size() == 4);
}

TEST_CASE("Expected<void> carries success or an error") {
    Expected<void, Errno> ok;
    REQUIRE(ok.has_value());
    Expected<void, Errno> bad = rt::unexpected(Errno::BADF);
    REQUIRE_FALSE(bad);
    REQUIRE(bad.error() == Errno::BADF);
}

// Trivially copyable whenever T and E are (so that an Expected<int, Errno> returned from an
// out-of-line function comes back in registers where the ABI returns small trivial structs so).
static_assert(__is_trivially_copyable(Expected<int, Errno>));
static_assert(__is_trivially_copyable(Expected<void, Errno>));
static_assert(__is_trivially_copyable(Expected<const char*, int>));
static_assert(!__is_trivially_copyable(Expected<std::string, Errno>));
static_assert(!__is_trivially_copyable(Expected<int, std::string>));
static_assert(sizeof(Expected<int, Errno>) == 2 * sizeof(int));

TEST_CASE("and_then, transform, or_else and transform_error chain values and errors") {
    auto quarter = half(8).and_then(half);
    REQUIRE(quarter == 2);
    REQUIRE(half(6).and_then(half).error() == Errno::INVAL);   // 3 is odd: the second step fails
    REQUIRE(half(7).and_then(half).error() == Errno::INVAL);   // the first fails: f is not called
    int calls = 0;
    auto r = half(5).and_then([&](int v) { ++calls; return half(v); });
    REQUIRE((!r && calls == 0));

    auto text = half(8).transform([](int v) { return v * 10; });
    static_assert(rt::is_same_v<decltype(text), Expected<int, Errno>>);
    REQUIRE(*text == 40);
    REQUIRE(half(1).transform([](int v) { return v * 10; }).error() == Errno::INVAL);
    auto side = half(4).transform([&](int) { ++calls; });
    static_assert(rt::is_same_v<decltype(side), Expected<void, Errno>>);
    REQUIRE((side && calls == 1));

    auto recovered = half(3).or_else([](Errno e) -> Expected<int, Errno> { return e == Errno::INVAL ? 0 : -1; });
    REQUIRE(recovered == 0);
    REQUIRE(half(4).or_else([](Errno) -> Expected<int, Errno> { return -1; }) == 2);
    auto code = half(3).transform_error([](Errno e) { return static_cast<int>(e) * 100; });
    static_assert(rt::is_same_v<decltype(code), Expected<int, int>>);
    REQUIRE(code.error() == static_cast<int>(Errno::INVAL) * 100);
    REQUIRE(half(2).transform_error([](Errno) { return 0; }) == 1);
    REQUIRE(half(3).error_or(Errno::PERM) == Errno::INVAL);
    REQUIRE(half(2).error_or(Errno::PERM) == Errno::PERM);

    Expected<void, Errno> ok;
    REQUIRE(ok.and_then([] { return half(4); }) == 2);
    Expected<void, Errno> bad = rt::unexpected(Errno::BADF);
    REQUIRE(bad.and_then([] { return half(4); }).error() == Errno::BADF);
    REQUIRE(bad.transform([] { return 1; }).error() == Errno::BADF);
    REQUIRE(bad.or_else([](Errno) { return Expected<void, Errno>(); }).has_value());
    REQUIRE(bad.transform_error([](Errno e) { return e == Errno::BADF; }).error());
}

TEST_CASE("Expected compares with values, errors and other Expecteds") {
    REQUIRE(half(4) == half(4));
    REQUIRE_FALSE(half(4) == half(6));
    REQUIRE(half(3) == half(5));   // both Errno::INVAL
    REQUIRE_FALSE(half(3) == half(4));
    REQUIRE(half(3) == rt::unexpected(Errno::INVAL));
    REQUIRE_FALSE(half(4) == rt::unexpected(Errno::INVAL));
    REQUIRE_FALSE(half(3) == 0);
    REQUIRE(Expected<void, Errno>() == Expected<void, Errno>());
}

namespace {
struct Code {
    explicit Code(int v) : v(v) {} // no default constructor
    int v;
};
} // namespace

TEST_CASE("Expected<void, E> with an E that has no default constructor, and non-trivial errors") {
    Expected<void, Code> ok;
    REQUIRE(ok.has_value());
    Expected<void, Code> bad = rt::unexpected(Code(7));
    REQUIRE(bad.error().v == 7);
    Expected<int, std::string> e = rt::unexpected(std::string(100, 'x')); // heap-allocated: ASan sees a leak or a double free
    auto copy = e;
    REQUIRE(copy.error().size() == 100);
    copy = Expected<int, std::string>(3);
    REQUIRE(copy == 3);
    Expected<void, std::string> v = rt::unexpected(std::string(100, 'y'));
    auto v2 = v;
    v2 = Expected<void, std::string>();
    REQUIRE((v2.has_value() && v.error()[99] == 'y'));
}
