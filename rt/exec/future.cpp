#include "rt/exec/future.h"

#include "rt/sync/spin.h"

namespace rt::detail {

void async_complete(ExecTask* task) {
    auto t = static_cast<AsyncTaskBase*>(task);
    // Acq_rel: the result is published to a select that registered, and we see its event.
    uintptr_t ev = t->select.exchange(SELECT_DONE, Order::AcqRel);
    if (ev != 0 && ev != SELECT_DONE) reinterpret_cast<ResetEvent*>(ev)->set();
    t->done.set(); // last touch: the future may free t at once
}

void async_wait(AsyncTaskBase* t) {
    if (t->done.is_set()) return;
    if (exec_spinning() && spin_until([t] { return t->done.is_set(); }, exec_spin())) return;
    if (t->done.wait_cancelable()) return;
    request_cancel(&t->cancel);
    t->done.wait();
}

} // namespace rt::detail
