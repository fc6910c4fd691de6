// Code built with the compilers' default C++ flags (-frtti -fexceptions, thread-safe statics,
// sized deallocation) links against bedrock and runs: polymorphic classes with type_info,
// destructors with cleanups, function-local statics.
#include "harness/tap.h"

namespace {
int g_destroyed;
struct Shape {
    virtual ~Shape() { ++g_destroyed; }
    virtual int sides() const = 0;
};
struct Square : Shape {
    int sides() const override { return 4; }
};
struct Triangle final : Shape {
    int sides() const override { return 3; }
};
struct Guarded {
    int v;
    ~Guarded() { ++g_destroyed; }
};
[[gnu::noinline]] int use(const Shape& s) { return s.sides(); }
int total() {
    Guarded g{1}; // a cleanup around calls that may throw, as far as the compiler knows
    Square sq;
    Triangle tr;
    return use(sq) + use(tr) + g.v;
}
int& lazy() {
    static int value = total();
    return value;
}
} // namespace

TEST("polymorphic classes, cleanups and statics built with default flags work") {
    g_destroyed = 0;
    CHECK_EQ(lazy(), 8);
    CHECK_EQ(lazy(), 8);
    CHECK_EQ(g_destroyed, 3);
    Shape* s = new Square;
    CHECK_EQ(s->sides(), 4);
    delete s;
    CHECK_EQ(g_destroyed, 4);
}
