// Fatal errors: a message on stderr, then SIGABRT. For broken invariants and misuse only;
// anything a caller can handle is reported through rt::Expected instead.
#pragma once

namespace rt {

[[noreturn, gnu::cold]] void panic(const char* msg);

// Kills the process with SIGABRT (default disposition forced), without printing.
[[noreturn, gnu::cold]] void abort();

} // namespace rt
