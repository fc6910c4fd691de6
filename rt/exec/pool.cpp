#include "rt/exec/pool.h"

#include "rt/core/checked.h"
#include "rt/thread/this_thread.h"

namespace rt {

namespace detail {

namespace {
// A node's entry: the node's pointer. Dropped in a fork child, the node is left alone: it is a
// copy of the parent's, whose task runs there.
void run_node(QueueEntry* e, EntryAction a, ExecWorker*) {
    PoolTask* t;
    __builtin_memcpy(&t, e->data, sizeof t);
    if (a == EntryAction::Run) t->run(t);
}
} // namespace

bool pool_push_node(ExecState* s, PoolTask* t) {
    QueueEntry e;
    e.fn = run_node;
    __builtin_memcpy(e.data, &t, sizeof t);
    return exec_push(s, e);
}

} // namespace detail

Expected<Pool, SpawnError> Pool::create(const Options& o) {
    unsigned n = o.workers.value_or(cpu_count());
    // Each worker takes an ExecWorker's memory (and a thread): a count whose memory cannot be
    // represented cannot be had.
    size_t bytes;
    if (!checked_mul(size_t{n}, sizeof(Thread) + 2 * sizeof(void*), &bytes))
        return unexpected(SpawnError(SpawnError::OutOfMemory, Errno::NOMEM));
    // One queue's idle count holds 16 bits (rt/exec/entry_queue.h).
    if (n > MAX_WORKERS) return unexpected(SpawnError(SpawnError::ThreadQuotaExceeded));
    auto s = static_cast<detail::ExecState*>(rt::alloc_aligned(sizeof(detail::ExecState), alignof(detail::ExecState)));
    if (!s) return unexpected(SpawnError(SpawnError::OutOfMemory, Errno::NOMEM));
    ::new (s, detail::PlacementTag{}) detail::ExecState();
    s->min_workers = n;
    s->restart.store(n == 0, Order::Relaxed); // no worker: every task runs on its spawner
    // Pool tasks never run inline and are not counted: the limits do not apply.
    detail::exec_init(s, ~0u, ~0u, o.stack_size);
    SpawnError error(SpawnError::OutOfMemory, Errno::NOMEM);
    if (!detail::exec_start_workers(s, &error)) {
        detail::exec_stop(s);
        s->~ExecState();
        rt::free(s);
        return unexpected(error);
    }
    return Pool(s);
}

Pool::~Pool() {
    if (!s_) return;
    detail::exec_stop(s_);
    s_->~ExecState();
    rt::free(s_);
}

unsigned Pool::workers() const { return s_ ? detail::exec_workers(s_) : 0; }

} // namespace rt
