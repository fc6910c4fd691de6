// Shared by init_priority_test.cpp and init_priority_other.cpp: the log both translation
// units' constructors and destructors write to. It is constant-initialized (.bss), so it is
// usable before any constructor runs.
#pragma once

namespace initprio {

constexpr int LOG_MAX = 64;
extern int g_log[LOG_MAX];
extern int g_log_n;
// Set in the child that exits to run the destructors: they then report on stderr.
extern bool g_report;

// Object constructors log their tag; their destructors DTOR + tag; destructor functions
// FINI + tag.
constexpr int DTOR = 10000;
constexpr int FINI = 20000;

void log(int tag);

struct Obj {
    int tag;
    explicit Obj(int t);
    ~Obj();
};

} // namespace initprio
