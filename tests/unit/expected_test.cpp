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
