#include "rt/sys/signal.h"

namespace rt::sys::detail {

Atomic<uint64_t> g_handler_set[HANDLER_SET_WORDS];

} // namespace rt::sys::detail
