#!/usr/bin/env python3
"""bedrock against glibc, musl and Zig 0.11: one command, one table (docs/benchmarks.md).

usage: suite.py BUILD_DIR [--quick] [--no-zig]

BUILD_DIR is a native build (scripts/bench makes build/bench with -Dbuildtype=release). The
references are bench/ref/*.c built static with glibc and with musl-gcc (by meson), and
bench/ref/*.zig built here without libc by the Zig 0.11 compiler that scripts/zig-fetch
installs. A reference that cannot be had is reported as missing.

Timed rows run each pair interleaved (rt, ref, rt, ref, ...) for ROUNDS pairs after a warm-up
pair; the ratio column is the median of the per-pair ratios rt/ref, the spread their range.
Lower is better for every ratio (time, bytes). The sync and executor rows come from their own
side-by-side programs (bench/sync_bench.cpp, bench/exec_bench.py), which alternate internally.
"""
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import zigref

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
quick = "--quick" in args
use_zig = "--no-zig" not in args
bd = os.path.abspath([a for a in args if not a.startswith("--")][0])
bb = os.path.join(bd, "bench")
ROUNDS = 3 if quick else 7
rows = []  # (section, row, rt value, unit, ref name, ref value, ratio, spread, goal, verdict)
missing = []


def run(cmd, timeout=900):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError("%s exited %d: %s %s" % (" ".join(cmd), r.returncode, r.stdout[-300:], r.stderr[-300:]))
    return r.stdout.strip()


def prog(name):
    p = os.path.join(bb, name)
    return p if os.path.exists(p) else None


# ------------------------------------------------------------------------------ references
zig, zig_note = (None, "not requested (--no-zig)")
if use_zig:
    zig, zig_note = zigref.find(True)


def zig_build(src, out, mode):
    if not zig:
        return None
    exe, why = zigref.build(zig, src, bb, out, mode)
    if not exe:
        missing.append("zig %s: %s" % (src, why))
    return exe


zig_progs = {
    "hello": zig_build("hello.zig", "hello_zig", "ReleaseSmall"),
    "threads": zig_build("threads.zig", "threads_zig", "ReleaseSmall"),
    "spawn": zig_build("spawn.zig", "spawn_zig", "ReleaseFast"),
    "park": zig_build("park.zig", "park_zig", "ReleaseFast"),
}


def refs(kind):
    """The reference programs of one kind: {name: path or None}."""
    out = {"glibc": prog(kind + "_glibc"), "musl": prog(kind + "_musl")}
    out["zig"] = zig_progs.get(kind) if zig else None
    return out


def note_missing(name, what):
    if name == "zig" and not zig:
        missing.append("zig (%s): %s" % (what, zig_note))
    elif name == "musl":
        missing.append("musl (%s): musl-gcc not found (scripts/bootstrap installs musl-tools)" % what)
    else:
        missing.append("%s (%s): not built" % (name, what))


def paired(section, row, rt_cmd, ref_cmds, unit, goals, parse=float, measure=None):
    """Interleaved runs; one table row per reference. measure(cmd) gives one value (default:
    the command's output, parsed)."""
    measure = measure or (lambda cmd: parse(run(cmd)))
    for name, cmd in ref_cmds.items():
        if cmd is None:
            note_missing(name, row)
            rows.append((section, row, None, unit, name, None, None, None, goals.get(name, ""), "missing"))
            continue
        a_vals, b_vals, ratios = [], [], []
        for i in range(ROUNDS + 1):
            a = measure(rt_cmd)
            b = measure(cmd)
            if i:
                a_vals.append(a)
                b_vals.append(b)
                ratios.append(a / b)
        ratio = statistics.median(ratios)
        goal = goals.get(name, "")
        verdict = ""
        if goal:
            limit = float(goal.split("<=")[1])
            verdict = "met" if ratio <= limit else "missed"
        rows.append((section, row, statistics.median(a_vals), unit, name, statistics.median(b_vals), ratio,
                     (min(ratios), max(ratios)), goal, verdict))


# ------------------------------------------------------------------------------ rows
n_spawn = 2000 if quick else 20000
for stack, label in ((65536, "spawn+join, 64 KiB stacks"), (0, "spawn+join, default stacks")):
    cmds = {}
    for name, p in refs("spawn").items():
        if name == "zig":
            cmds[name] = [p, str(n_spawn), str(stack)] if p else None
        else:
            p = prog("spawn_" + name)
            cmds[name] = [p, str(n_spawn), str(stack)] if p else None
    if stack:
        cmds["floor"] = [prog("spawn_floor"), str(n_spawn)] if prog("spawn_floor") else None
    goals = {"glibc": "<=0.90", "musl": "<=0.75", "floor": "<=1.10"} if stack else {}
    paired("spawn", label, [prog("spawn_rt"), str(n_spawn), str(stack)], cmds, "ns", goals)

n_exec = 300 if quick else 3000
loop = prog("exec_loop")
hello_rt = os.path.join(bd, "examples", "hello")
cmds = {k: ([loop, str(n_exec), p] if p else None) for k, p in refs("hello").items()}
cmds["floor"] = [loop, str(n_exec), prog("start_floor")]
paired("startup", "exec -> exit of hello world", [loop, str(n_exec), hello_rt], cmds, "ns", {"musl": "<=1.00"})


def park_parse(field):
    return lambda out: float(out.split()[field])


n_park = 1000
cmds = {k: ([p, str(n_park), "0"] if p else None) for k, p in refs("park").items()}
paired("memory", "resident bytes per parked thread (1000, default stacks)", [prog("park_rt"), str(n_park), "0"], cmds,
       "bytes", {}, parse=park_parse(0))
mem_rt = [r for r in rows if r[0] == "memory" and r[2] is not None]
if mem_rt:
    rows.append(("memory", "resident bytes per parked thread (1000, default stacks)", mem_rt[0][2], "bytes", "goal",
                 12288, mem_rt[0][2] / 12288, None, "<=1.00", "met" if mem_rt[0][2] <= 12288 else "missed"))
n_scale = 2000 if quick else 10000
cmds = {k: ([p, str(n_scale), "65536"] if p else None) for k, p in refs("park").items()}
try:
    paired("scale", "%d threads alive at once, 64 KiB stacks: start time per thread" % n_scale,
           [prog("park_rt"), str(n_scale), "65536"], cmds, "ns", {}, parse=park_parse(1))
    scale_ok, scale_note = True, ""
except RuntimeError as e:  # a program could not start them all (it prints how many it did)
    scale_ok, scale_note = False, str(e)
    missing.append("scale: " + scale_note)
# Every park_rt run above had all n_scale threads alive at once (it exits 1 otherwise).
if not quick:
    rows.append(("scale", "threads alive at once, 64 KiB stacks", n_scale if scale_ok else None, "threads", "goal",
                 10000, None, None, ">=10000", "met" if scale_ok else "missed"))


def stripped_size(p):
    out = os.path.join(bb, os.path.basename(p) + ".stripped")
    shutil.copyfile(p, out)
    subprocess.run(["strip", out], check=True)
    return os.path.getsize(out)


# The same programs everywhere: examples/hello.cpp and ref/hello.c; bench/threads_rt.cpp and
# ref/threads.c (4 threads count primes, joined, total printed).
for kind, rt_path, goal_bytes in (("hello", hello_rt, 2048), ("threads", prog("threads_rt"), 8192)):
    rt_size = stripped_size(rt_path)
    for name, p in refs(kind).items():
        if p is None:
            note_missing(name, kind + " size")
            rows.append(("size", "stripped " + kind, rt_size, "bytes", name, None, None, None, "", "missing"))
            continue
        ref_size = os.path.getsize(p) if name == "zig" else stripped_size(p)
        rows.append(("size", "stripped " + kind, rt_size, "bytes", name, ref_size, rt_size / ref_size, None, "", ""))
    rows.append(("size", "stripped " + kind, rt_size, "bytes", "goal", goal_bytes, rt_size / goal_bytes, None,
                 "<=1.00", "met" if rt_size <= goal_bytes else "missed"))

# Sync rows, each runtime in its own program with its own threads: bench/sync_rt.cpp against
# bench/ref/sync_pthread.c built with glibc and musl (ns per operation). The goals of the sync
# issue are on the in-process rows below; these say how the three runtimes compare as shipped.
SYNC_CASES = (("mutex", "mutex uncontended lock+unlock", 20_000_000),
              ("mutex2", "mutex contended, 2 threads", 5_000_000),
              ("mutex4", "mutex contended, 4 threads", 2_000_000),
              ("cond", "condition ping-pong round trip", 20_000),
              ("sem", "semaphore ping-pong round trip", 20_000),
              ("rwlock4", "rwlock read-mostly, 4 threads", 2_000_000),
              ("alloc", "alloc+free pairs, 1 thread", 2_000_000),
              ("churn1", "alloc churn, 1 thread", 2_000_000),
              ("churn4", "alloc churn, 4 threads", 500_000))
if prog("sync_rt"):
    for case, label, n in SYNC_CASES:
        n = str(max(1, n // 20) if quick else n)
        cmds = {name: ([p, case, n] if p else None) for name, p in refs("sync").items() if name != "zig"}
        paired("sync", label, [prog("sync_rt"), case, n], cmds, "ns", {})

# The in-process sync rows and the executor rows: their programs print BENCH lines of their
# own alternation. bench/sync_bench.cpp compiles rt's primitives into a glibc program next to
# pthreads (same threads, same process): the measurement the sync issue's goals are set on.
sync = prog("sync_bench")
if sync:
    out = run([sync] + (["--quick"] if quick else []), timeout=1800)
    for m in re.finditer(r"BENCH (.+?)\s+rt=\s*([\d.]+) glibc=\s*([\d.]+) ratio=([\d.]+) "
                         r"(?:goal<=([\d.]+) (\S+)|\(no goal\))", out):
        goal = "<=" + m.group(5) if m.group(5) else ""
        rows.append(("sync, in-process", m.group(1).strip(), float(m.group(2)), "ns", "glibc", float(m.group(3)),
                     float(m.group(4)), None, goal, m.group(6) or ""))
if prog("exec_rt"):
    out = run([sys.executable, os.path.join(ROOT, "bench", "exec_bench.py")] + (["--quick"] if quick else [])
              + (["--fetch-zig"] if zig else []) + [prog("exec_rt"), prog("exec_stdthread")], timeout=1800)
    for m in re.finditer(r"BENCH exec (\S+)\s+vs (\S+)\s+rt=\s*([\d.]+) ref=\s*([\d.]+) "
                         r"(?:throughput=\s*([\d.]+)x|time ratio=([\d.]+)) (goal\S+ \S+|no goal)", out):
        ratio = float(m.group(3)) / float(m.group(4))
        goal, verdict = "", ""
        if m.group(7) != "no goal":
            goal = "<=0.667 (>=1.5x)" if m.group(1) == "executor" else "<=1.00"
            verdict = m.group(7).split()[-1]
        rows.append(("executor", m.group(1), float(m.group(3)), "ns", m.group(2), float(m.group(4)), ratio, None,
                     goal, verdict))


# ------------------------------------------------------------------------------ I/O (issue 17)
# Files, a tree walk and process spawns (docs/io.md). Timed as whole processes, wall clock from
# start to exit, stdout to /dev/null, the same way for bedrock and every reference; the data is
# in the page cache after the warm-up pair. The spawn rows time inside the programs (ns per spawn
# and wait of a trivial static child: ref/start_floor.S, which exits at once).
def wall(setup=None):
    """A measure for paired: the command as a whole process, wall clock in ns (setup() first)."""
    def measure(cmd):
        if setup:
            setup()
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
        t1 = time.perf_counter()
        if r.returncode != 0:
            raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr[-300:]))
        return (t1 - t0) * 1e9
    return measure


io_rt = prog("io_rt")
io_refs = {"glibc": prog("io_glibc"), "musl": prog("io_musl")}
io_dir = tempfile.mkdtemp(prefix="bedrock-bench-io-")
try:
    if io_rt:
        size_mib = 32 if quick else 256
        big = os.path.join(io_dir, "big")
        block = os.urandom(1 << 20)
        with open(big, "wb") as f:
            for _ in range(size_mib):
                f.write(block)
        for chunk, label in ((65536, "64 KiB"), (1 << 20, "1 MiB")):
            cmds = {n: ([p, "read", big, str(chunk)] if p else None) for n, p in io_refs.items()}
            if chunk == 65536:
                cmds["cat"] = ["cat", big]
            paired("io", "read a %d MiB file in %s chunks" % (size_mib, label), [io_rt, "read", big, str(chunk)],
                   cmds, "ns", {n: "<=1.00" for n in cmds}, measure=wall())
        dst = os.path.join(io_dir, "copy")

        def rm_dst():
            if os.path.exists(dst):
                os.unlink(dst)
        paired("io", "copy a %d MiB file" % size_mib, [io_rt, "copy", big, dst], {"cp": ["cp", big, dst]}, "ns",
               {"cp": "<=1.00"}, measure=wall(rm_dst))
        rm_dst()
        os.unlink(big)
        # A tree of 20 000 files (2 000 quick): 20 directories of 10 of 100 files (10), sizes 0..99.
        tree = os.path.join(io_dir, "tree")
        per = 10 if quick else 100
        for a in range(20):
            for b in range(10):
                d = os.path.join(tree, "d%d" % a, "e%d" % b)
                os.makedirs(d)
                for c in range(per):
                    with open(os.path.join(d, "f%d" % c), "wb") as f:
                        f.write(b"x" * ((a + b + c) % 100))
        walk = os.path.join(bd, "examples", "walk")
        paired("io", "walk a tree of %d files, printing sizes" % (200 * per), [walk, tree],
               {"find": ["find", tree, "-printf", "%s %p\\n"]}, "ns", {"find": "<=0.70"}, measure=wall())
        n_proc = 200 if quick else 2000
        floor = prog("start_floor")
        cmds = {"glibc": [io_refs["glibc"], "spawn", str(n_proc), floor] if io_refs["glibc"] else None,
                "musl": [io_refs["musl"], "spawn", str(n_proc), floor] if io_refs["musl"] else None,
                "fork+exec": [io_refs["glibc"], "forkexec", str(n_proc), floor] if io_refs["glibc"] else None}
        paired("io", "spawn+wait a static child (%d), per spawn" % n_proc, [io_rt, "spawn", str(n_proc), floor], cmds,
               "ns", {"glibc": "<=0.90"})
finally:
    shutil.rmtree(io_dir, ignore_errors=True)


# ------------------------------------------------------------------------------ report
def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        mem = "%.1f GiB" % (int(f.readline().split()[1]) / 2**20)
    libc = subprocess.run(["ldd", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    musl = subprocess.run(["sh", "-c", "dpkg-query -W -f '${Version}' musl 2>/dev/null"], capture_output=True,
                          text=True).stdout.strip() or "?"
    zv = run([zig, "version"]) if zig else "missing"
    return "%s; %s; %d CPUs; %s; %s; musl %s; zig %s" % (platform.platform(), cpu, os.cpu_count(), mem, libc, musl, zv)


def fmt(v):
    if v is None:
        return "—"
    return "{:,.0f}".format(v).replace(",", " ") if v >= 100 else "%.2f" % v


print("# bedrock benchmark suite%s: %d interleaved pairs per timed row after a warm-up" %
      (" (quick)" if quick else "", ROUNDS))
print("# machine: " + machine())
print()
print("| section | row | rt | ref | ref value | ratio rt/ref (median) | spread | goal | |")
print("|---|---|---:|---|---:|---:|---|---|---|")
for sec, row, a, unit, name, b, ratio, spread, goal, verdict in rows:
    sp = "%.3f–%.3f" % spread if spread else ""
    print("| %s | %s | %s %s | %s | %s | %s | %s | %s | %s |" % (
        sec, row, fmt(a), unit, name, fmt(b), "%.3f" % ratio if ratio is not None else "—", sp, goal, verdict))
print()
for m in missing:
    print("# missing: " + m)
met = sum(1 for r in rows if r[9] == "met")
missed = [r for r in rows if r[9] == "missed"]
print("# goals: %d met, %d missed%s" % (met, len(missed), "".join(
    "\n#   missed: %s %s vs %s (ratio %.3f, goal %s)" % (r[0], r[1], r[4], r[6], r[8]) for r in missed)))
