// The process as a whole: its facts (rt/sys/process_info.h: arguments, environment, auxv, page
// size) and its end (exit, atexit), which start-up owns.
#pragma once

#include "rt/sys/process_info.h"

namespace rt {

// Runs the atexit handlers and fini_array, then exits the whole process with `code`.
[[noreturn]] void exit(int code);

// Registers f to run at rt::exit or when main returns, in reverse order of registration.
// Returns false when the table (RT_OPT_ATEXIT_MAX entries) is full.
bool atexit(void (*f)());

} // namespace rt
