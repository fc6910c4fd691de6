// What the kernel handed the process at exec: arguments, environment, auxiliary vector.
// Filled by the start routine before any constructor runs.
#pragma once

#include <stddef.h>

namespace rt {

struct ProcessInfo {
    int argc;
    char** argv;
    char** envp;
    unsigned long* auxv; // pairs of (type, value), ended by type 0 (AT_NULL)
};

const ProcessInfo& process();

// The auxv entry of `type` (an rt::sys::auxv::* constant), or 0 when the kernel gave none.
unsigned long auxv(unsigned long type);

// The value of environment variable `name`, or nullptr.
const char* getenv(const char* name);

// Runs the atexit handlers and fini_array, then exits the whole process with `code`.
[[noreturn]] void exit(int code);

// Registers f to run at rt::exit or when main returns, in reverse order of registration.
// Returns false when the table (RT_OPT_ATEXIT_MAX entries) is full.
bool atexit(void (*f)());

} // namespace rt
