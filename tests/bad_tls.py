#!/usr/bin/env python3
"""Bad PT_TLS input must end in a clear panic before main, not a crash: copies a test binary,
corrupts its PT_TLS program header (p_align not a power of two; p_memsz < p_filesz), runs the
copy (under the ABI's runner) and expects SIGABRT with the panic message."""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

exe, runner = sys.argv[1], sys.argv[2:]


def patch(path, field, value_fn):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        cls, endian = data[4], "<" if data[5] == 1 else ">"
        if cls == 2:
            phoff, = struct.unpack_from(endian + "Q", data, 0x20)
            phentsize, phnum = struct.unpack_from(endian + "HH", data, 0x36)
            fields = {"filesz": (0x20, "Q"), "memsz": (0x28, "Q"), "align": (0x30, "Q")}
        else:
            phoff, = struct.unpack_from(endian + "I", data, 0x1c)
            phentsize, phnum = struct.unpack_from(endian + "HH", data, 0x2a)
            fields = {"filesz": (0x10, "I"), "memsz": (0x14, "I"), "align": (0x1c, "I")}
        for i in range(phnum):
            off = phoff + i * phentsize
            if struct.unpack_from(endian + "I", data, off)[0] == 7:  # PT_TLS
                o, fmt = fields[field]
                cur = {k: struct.unpack_from(endian + t, data, off + fo)[0] for k, (fo, t) in fields.items()}
                struct.pack_into(endian + fmt, data, off + o, value_fn(cur))
                f.seek(0)
                f.write(data)
                return True
    return False


cases = [("align", lambda c: 3, "panic: PT_TLS p_align is not a power of two"),
         ("memsz", lambda c: c["filesz"] - 1, "panic: PT_TLS p_memsz is smaller than p_filesz")]
print("TAP version 13")
print("1..%d" % len(cases))
failed = 0
with tempfile.TemporaryDirectory() as d:
    for i, (field, fn, want) in enumerate(cases, 1):
        copy = os.path.join(d, "bad_%s" % field)
        shutil.copy(exe, copy)
        if not patch(copy, field, fn):
            print("not ok %d - %s: the binary has no PT_TLS with .tdata" % (i, field))
            failed += 1
            continue
        p = subprocess.run(runner + [copy], capture_output=True, text=True, timeout=60)
        aborted = p.returncode in (-signal.SIGABRT, 128 + signal.SIGABRT)
        ok = aborted and p.stderr.startswith(want) and "TAP version" not in p.stdout
        if not ok:
            failed += 1
            print("# status %d, stderr %r, stdout %r" % (p.returncode, p.stderr[:200], p.stdout[:100]))
        print("%sok %d - corrupt p_%s: %s, SIGABRT before main" % ("" if ok else "not ", i, field, want))
sys.exit(1 if failed else 0)
