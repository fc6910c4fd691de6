// rt::IoError: the error of every file, directory, descriptor and process operation of rt::Io
// (rt/exec/io.h) and of the handles built on it (rt/fs, rt/proc). A kind to branch on and the kernel's
// errno that caused it, printed together ("NotFound (ENOENT)"); errors bedrock finds itself
// (a NUL inside a path, a path too long to pass) carry the errno the kernel would have given.
//
//   auto f = rt::Dir::cwd().open_file(io, "config.txt");
//   if (!f && f.error() == rt::IoError::NotFound) use_defaults();
//   if (!f && f.error() == rt::Errno::CANCELED) return; // the one cancellation error
#pragma once

#include <stdint.h>

#include "rt/core/errno.h"

namespace rt {

struct IoError {
    // Each kind, with the errno values that produce it.
    enum Kind : uint8_t {
        NotFound,         // ENOENT: a component of the path does not exist (or the path is "")
        AlreadyExists,    // EEXIST: the name exists (create exclusive, make_dir, rename no-replace)
        AccessDenied,     // EACCES: the permission bits refuse it (search, read, write)
        PermissionDenied, // EPERM: refused for another reason (a sticky directory, an immutable
                          // file, unlinking a directory, a seccomp filter)
        NotDir,           // ENOTDIR: a component, or the file a directory call names, is not a directory
        IsDir,            // EISDIR: a directory where a file is needed (write access, delete_file)
        NameTooLong,      // ENAMETOOLONG: from the kernel, or a path of PATH_MAX (4096) bytes or
                          // more, refused before any syscall
        InvalidPath,      // EINVAL: a NUL byte inside the path, refused before any syscall
        SymlinkLoop,      // ELOOP: too many symlinks, a symlink where no-follow was asked, or a
                          // /proc magic link under open_beneath
        DirNotEmpty,      // ENOTEMPTY: delete_dir or rename onto a directory with entries
        NoSpace,          // ENOSPC, EDQUOT: the file system or the user's quota is full
        ReadOnly,         // EROFS: a read-only file system
        Busy,             // EBUSY, ETXTBSY: a mount point, or an executable that is running
        CrossDevice,      // EXDEV: rename or hard_link across file systems
        PathEscapes,      // EXDEV from open_beneath: "..", an absolute path or a symlink leaves the directory
        Unsupported,      // ENOSYS, EOPNOTSUPP: the kernel (or emulator) lacks the call or the
                          // file system the operation (open_beneath before Linux 5.6; rename's
                          // exchange on a file system without it is EINVAL, InvalidArgument)
        ProcessFdQuota,   // EMFILE: the process has RLIMIT_NOFILE descriptors open
        SystemFdQuota,    // ENFILE: the system's file table is full
        SystemResources,  // ENOMEM, ENOBUFS: the kernel could not allocate
        FileTooBig,       // EFBIG, EOVERFLOW: a length or offset past what the file system or ABI carries
        InvalidArgument,  // EINVAL: a flag or value the kernel refuses (an offset < 0, a flag the
                          // file system does not support)
        WouldBlock,       // EAGAIN: a non-blocking descriptor has nothing to transfer
        BrokenPipe,       // EPIPE: writing to a pipe without readers (with SIGPIPE ignored)
        NotSeekable,      // ESPIPE: seeking or a positional transfer on a pipe, socket or FIFO
        InputOutput,      // EIO: the device failed
        BadDescriptor,    // EBADF: the handle is closed, or not open for this kind of access
        TooManyLinks,     // EMLINK: the file's link count, or a directory's subdirectories, at the maximum
        InvalidExecutable,   // ENOEXEC: spawn of a file the kernel cannot execute (no ELF, no #!)
        ArgumentListTooLong, // E2BIG: spawn's arguments and environment exceed the kernel's limit
        ProcessQuota,        // EAGAIN from spawn's clone: RLIMIT_NPROC, threads-max or pid_max reached
        TimedOut,            // ETIMEDOUT: Child::wait_for's time passed before the child ended
        Canceled,         // ECANCELED: the executor task was canceled (docs/conventions.md)
        Unexpected,       // anything else; `err` says what
    };
    Kind kind;
    Errno err;

    constexpr IoError(Kind k, Errno e) : kind(k), err(e) {}
    friend constexpr bool operator==(IoError a, Kind k) { return a.kind == k; }
    // Cancellation is tested as everywhere: e == Errno::CANCELED.
    friend constexpr bool operator==(IoError a, Errno e) { return a.err == e; }
};

// The kind the kernel's `e` maps to (the table above).
IoError io_error(Errno e);

constexpr const char* error_name(IoError::Kind k) {
    switch (k) {
    case IoError::NotFound: return "NotFound";
    case IoError::AlreadyExists: return "AlreadyExists";
    case IoError::AccessDenied: return "AccessDenied";
    case IoError::PermissionDenied: return "PermissionDenied";
    case IoError::NotDir: return "NotDir";
    case IoError::IsDir: return "IsDir";
    case IoError::NameTooLong: return "NameTooLong";
    case IoError::InvalidPath: return "InvalidPath";
    case IoError::SymlinkLoop: return "SymlinkLoop";
    case IoError::DirNotEmpty: return "DirNotEmpty";
    case IoError::NoSpace: return "NoSpace";
    case IoError::ReadOnly: return "ReadOnly";
    case IoError::Busy: return "Busy";
    case IoError::CrossDevice: return "CrossDevice";
    case IoError::PathEscapes: return "PathEscapes";
    case IoError::Unsupported: return "Unsupported";
    case IoError::ProcessFdQuota: return "ProcessFdQuota";
    case IoError::SystemFdQuota: return "SystemFdQuota";
    case IoError::SystemResources: return "SystemResources";
    case IoError::FileTooBig: return "FileTooBig";
    case IoError::InvalidArgument: return "InvalidArgument";
    case IoError::WouldBlock: return "WouldBlock";
    case IoError::BrokenPipe: return "BrokenPipe";
    case IoError::NotSeekable: return "NotSeekable";
    case IoError::InputOutput: return "InputOutput";
    case IoError::BadDescriptor: return "BadDescriptor";
    case IoError::TooManyLinks: return "TooManyLinks";
    case IoError::InvalidExecutable: return "InvalidExecutable";
    case IoError::ArgumentListTooLong: return "ArgumentListTooLong";
    case IoError::ProcessQuota: return "ProcessQuota";
    case IoError::TimedOut: return "TimedOut";
    case IoError::Canceled: return "Canceled";
    case IoError::Unexpected: return "Unexpected";
    }
    return nullptr;
}
namespace fmt {
struct Sink;
}
// "NotFound (ENOENT)".
void format_value(fmt::Sink& s, const IoError& e);

} // namespace rt
