// pthread_self as glibc declares it (<pthread.h>: pthread_t, an unsigned long), which
// libstdc++'s std::this_thread::get_id calls (bits/std_thread.h), and through it std::barrier
// (which thread arrives where in its tree) and std::stop_source (which thread runs the stop
// callbacks). bedrock has no pthreads; what those callers need is an id that is unique among the
// live threads and never 0 (std::thread::id's "no thread"): the address of a thread-local byte,
// which lies in the calling thread's own TLS block.
namespace {
thread_local char t_self;
} // namespace

extern "C" unsigned long pthread_self() { return reinterpret_cast<unsigned long>(&t_self); }
