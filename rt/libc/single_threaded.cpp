// glibc's `char __libc_single_threaded` (<sys/single_threaded.h>, glibc 2.32+): whether the
// process has only ever had one thread. libstdc++'s headers read it when built against glibc's
// headers (ext/atomicity.h, __is_single_threaded) and then count std::shared_ptr references
// with plain instead of atomic instructions — correct only while no second thread exists.
// bedrock says 0, always: reference counts are atomic from the start. (glibc starts at 1 and
// clears it at the first pthread_create; doing that in rt::Thread would cost every threaded
// program code that only libstdc++ users gain from, and every raw clone(2) would have to know.)
// Its own object, so that every program that reads it (any user of std::shared_ptr) links it.
extern "C" {
char __libc_single_threaded = 0;
}
