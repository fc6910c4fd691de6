"""The Zig 0.11 reference programs (bench/ref/*.zig) for bench/suite.py and bench/exec_bench.py:
finding the compiler scripts/zig-fetch installs, and building a program without libc."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find(fetch):
    """(path to zig, None), or (None, why not). Downloads only when fetch is true."""
    r = subprocess.run([os.path.join(ROOT, "scripts", "zig-fetch")] + ([] if fetch else ["--cached"]),
                       capture_output=True, text=True)
    if r.returncode != 0:
        why = "Zig 0.11 not installed" + ("" if fetch else " (scripts/zig-fetch installs it)")
        return None, why + (": " + r.stderr.strip()[-200:] if r.stderr.strip() else "")
    return r.stdout.strip(), None


def build(zig, src, out_dir, out, mode):
    """Builds bench/ref/<src> as out_dir/<out> (-O<mode>, x86_64-linux-none; ReleaseSmall is
    also stripped); (path, None) or (None, the compiler's complaint)."""
    exe = os.path.join(out_dir, out)
    cmd = [zig, "build-exe", "-O" + mode, "-target", "x86_64-linux-none",
           "--cache-dir", os.path.join(out_dir, "zig-cache"), "--global-cache-dir", os.path.join(out_dir, "zig-global-cache"),
           "-femit-bin=" + exe, os.path.join(ROOT, "bench", "ref", src)]
    if mode == "ReleaseSmall":
        cmd.insert(3, "-fstrip")
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, "building %s failed: %s" % (src, r.stderr.strip()[-300:])
    return exe, None
