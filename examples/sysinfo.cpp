// What a bedrock program learns from the kernel at start-up, without any libc: its arguments,
// environment, the auxiliary vector, and its own size on disk.
#include "rt/io/print.h"
#include "rt/start/process.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "uapi.h"

using namespace rt;
namespace aux = rt::sys::auxv;

int main(int argc, char** argv, char** envp) {
    print("bedrock sysinfo\n");
    print("  argc            {}\n", argc);
    for (int i = 0; i < argc; ++i) print("  argv[{}]         {}\n", i, argv[i]);

    size_t env_count = 0, env_bytes = 0;
    for (char** e = envp; *e; ++e) {
        ++env_count;
        for (const char* c = *e; *c; ++c) ++env_bytes;
        ++env_bytes; // the terminating NUL
    }
    print("  environment     {} variables, {} bytes\n", env_count, env_bytes);

    sys::Utsname u{};
    if (sys::uname(&u)) print("  kernel          {} {} on {}\n", static_cast<const char*>(u.sysname),
                              static_cast<const char*>(u.release), static_cast<const char*>(u.machine));
    print("  pid / tid       {} / {}\n", sys::getpid(), sys::gettid());
    print("  page size       {} bytes (AT_PAGESZ)\n", auxv(aux::PAGESZ));
    print("  hwcap           {:#x}\n", auxv(aux::HWCAP));
    print("  hwcap2          {:#x}\n", auxv(aux::HWCAP2));
    auto platform = reinterpret_cast<const char*>(auxv(aux::PLATFORM));
    print("  platform        {}\n", platform ? platform : "(not given)");
    auto execfn = reinterpret_cast<const char*>(auxv(aux::EXECFN));
    print("  executable      {}\n", execfn ? execfn : "(not given)");
    print("  random bytes    ");
    auto rnd = reinterpret_cast<const unsigned char*>(auxv(aux::RANDOM));
    for (int i = 0; rnd && i < 16; ++i) print("{:02x}", rnd[i]);
    print(" (AT_RANDOM)\n");
    print("  clock ticks     {} per second\n", auxv(aux::CLKTCK));
    print("  secure mode     {}\n", auxv(aux::SECURE) != 0);

    // The binary's own size: lseek to the end of the file named by AT_EXECFN.
    if (execfn) {
        auto fd = sys::openat(sys::at::FDCWD, execfn, sys::o::RDONLY | sys::o::CLOEXEC);
        if (fd) {
            auto size = sys::lseek(*fd, 0, sys::seek::END);
            if (size) print("  binary size     {} bytes\n", *size);
            (void)sys::close(*fd);
        } else {
            print("  binary size     unknown ({})\n", fd.error());
        }
    }
    return 0;
}
