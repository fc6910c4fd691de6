// The generated x86_64 errno table against the host libc's <errno.h> and strerror names.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>

#include "rt/core/errno.h"

#define SAME(name) \
    CHECK(static_cast<int>(rt::Errno::name) == E##name); \
    CHECK(std::strcmp(rt::errno_name(rt::Errno::name), "E" #name) == 0)

TEST_CASE("errno values and names agree with the host's <errno.h>") {
    SAME(PERM); SAME(NOENT); SAME(SRCH); SAME(INTR); SAME(IO); SAME(BADF); SAME(CHILD); SAME(AGAIN);
    SAME(NOMEM); SAME(ACCES); SAME(FAULT); SAME(BUSY); SAME(EXIST); SAME(NOTDIR); SAME(ISDIR);
    SAME(INVAL); SAME(MFILE); SAME(NOSPC); SAME(SPIPE); SAME(PIPE); SAME(RANGE); SAME(NOSYS);
    SAME(TIMEDOUT); SAME(CANCELED); SAME(OVERFLOW); SAME(OPNOTSUPP); SAME(HWPOISON);
    CHECK(static_cast<int>(rt::Errno::WOULDBLOCK) == EWOULDBLOCK);
}

TEST_CASE("every errno value from 1 to ERRNO_MAX the host names has a name") {
    for (int v = 1; v <= rt::detail::ERRNO_MAX; ++v) {
        const char* ours = rt::errno_name(static_cast<rt::Errno>(v));
        const char* host = strerrorname_np(v);
        INFO("errno " << v);
        if (host) {
            REQUIRE(ours != nullptr);
        }
    }
    CHECK(rt::errno_name(static_cast<rt::Errno>(0)) == nullptr);
    CHECK(rt::errno_name(static_cast<rt::Errno>(rt::detail::ERRNO_MAX + 1)) == nullptr);
}
