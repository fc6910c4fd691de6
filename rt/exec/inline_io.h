// rt::InlineIo: the rt::Io without workers (rt/exec/io.h). async runs its task at once on the
// calling thread (the future is done when async returns), concurrent is always
// ConcurrencyUnavailable, a Group runs each task as it is added. No thread, signal handler or
// memory is set up: an InlineIo can be made anywhere, as a local, at no cost. The blocking
// calls are the same as on rt::Executor; outside an executor task they are not cancel points.
//
//   rt::InlineIo io;
//   auto f = io.async(compute, 21); // compute(21) has run
//   int v = f.await();
#pragma once

#include "rt/exec/io.h"

namespace rt {

class InlineIo final : public Io {
public:
    InlineIo() = default;

protected:
    bool saturated() override { return true; }
    bool submit(detail::ExecTask*, detail::Submit) override { return false; }
};

} // namespace rt
