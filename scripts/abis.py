"""The one registry of bedrock's ABIs and syscall tables. Everything that needs to know the ABIs
reads it: scripts/gen-cross (the cross files, and rt/arch/abis.txt, which meson.build reads for
the ABI -> family/table map), scripts/gen-uapi and scripts/gen-syscalls (the tables they
generate), scripts/test (the static-PIE runs). Adding an ABI: an entry here, `scripts/gen-cross`,
then the family folder (docs/porting.md).
"""
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Table:
    """A syscall-table folder, rt/arch/<family>/<name>: one kernel ABI, shared by the ABIs that
    differ only in what the kernel does not see (byte order, instruction set)."""
    dir: str                        # rt/arch/<family>/<name>
    clang_triple: str               # what gen-uapi preprocesses the kernel's uapi headers for
    clang_flags: list               # and with
    kernel_arch: str                # the kernel's arch/<x> folder
    verify_gcc: Optional[list]      # gen-uapi --verify: the cross gcc (with flags) whose sysroot
                                    # headers the generated values are compared with; None: none


@dataclass(frozen=True)
class Abi:
    family: str                     # rt/arch/<family>
    table: str                      # the syscall-table folder's name in it
    cpu_family: str                 # meson's [host_machine]
    cpu: str
    endian: str
    clang_flags: list               # clang --target and ABI flags
    gcc: Optional[tuple]            # (Debian cross prefix, flags), or None: no GCC configuration
    qemu: str                       # the QEMU user-mode binary that runs it
    pie: tuple = field(default=())  # static-PIE runs of scripts/test: (compiler, with RELR) pairs


TABLES = {t.dir: t for t in [
    Table("rt/arch/x86_64/x86_64", "x86_64-linux-gnu", [], "x86", ["gcc"]),
    Table("rt/arch/i386/i386", "i386-linux-gnu", [], "x86", ["i686-linux-gnu-gcc"]),
    Table("rt/arch/arm/arm", "armv7a-linux-gnueabihf", [], "arm", ["arm-linux-gnueabihf-gcc"]),
    Table("rt/arch/aarch64/aarch64", "aarch64-linux-gnu", [], "arm64", ["aarch64-linux-gnu-gcc"]),
    Table("rt/arch/riscv/riscv64", "riscv64-linux-gnu", [], "riscv", ["riscv64-linux-gnu-gcc"]),
    Table("rt/arch/riscv/riscv32", "riscv32-linux-gnu", [], "riscv",
          ["riscv64-linux-gnu-gcc", "-march=rv32gc", "-mabi=ilp32d"]),
    Table("rt/arch/mips/o32", "mips-linux-gnu", [], "mips", ["mips-linux-gnu-gcc"]),
    Table("rt/arch/mips/n64", "mips64-linux-gnuabi64", [], "mips", ["mips64-linux-gnuabi64-gcc"]),
    Table("rt/arch/mips/n32", "mips64-linux-gnuabin32", ["-mabi=n32"], "mips",
          ["mips64-linux-gnuabi64-gcc", "-mabi=n32"]),
    Table("rt/arch/powerpc/ppc", "powerpc-linux-gnu", [], "powerpc", ["powerpc-linux-gnu-gcc"]),
    Table("rt/arch/powerpc/ppc64", "powerpc64-linux-gnu", [], "powerpc", ["powerpc64-linux-gnu-gcc"]),
    Table("rt/arch/s390x/s390x", "s390x-linux-gnu", [], "s390", ["s390x-linux-gnu-gcc"]),
    Table("rt/arch/sparc/sparc", "sparc-linux-gnu", [], "sparc", ["sparc64-linux-gnu-gcc", "-m32"]),
    Table("rt/arch/sparc/sparc64", "sparcv9-linux-gnu", [], "sparc", ["sparc64-linux-gnu-gcc"]),
    Table("rt/arch/loongarch/loongarch64", "loongarch64-linux-gnu", [], "loongarch", None),
]}

# Static-PIE runs (the whole test suite linked -static-pie, and with RELR for some): one ABI of
# each family, with each compiler where the toolchain supports it (docs/startup.md lists the
# exceptions and why).
GCC = ("gcc", False)
CLANG = ("clang", False)
CLANG_RELR = ("clang", True)

ABIS = {
    "x86_64": Abi("x86_64", "x86_64", "x86_64", "x86_64", "little", ["--target=x86_64-linux-gnu"],
                  ("x86_64-linux-gnu", []), "qemu-x86_64", (GCC, CLANG_RELR)),
    "i386": Abi("i386", "i386", "x86", "i686", "little", ["--target=i686-linux-gnu"], ("i686-linux-gnu", []),
                "qemu-i386", (GCC, CLANG)),
    "arm": Abi("arm", "arm", "arm", "armv7-a", "little", ["--target=armv7a-linux-gnueabihf", "-marm"],
               ("arm-linux-gnueabihf", ["-march=armv7-a+fp", "-marm"]), "qemu-arm", (GCC,)),
    "thumb2": Abi("arm", "arm", "arm", "armv7-a", "little", ["--target=armv7a-linux-gnueabihf", "-mthumb"],
                  ("arm-linux-gnueabihf", ["-march=armv7-a+fp", "-mthumb"]), "qemu-arm", (CLANG,)),
    "aarch64": Abi("aarch64", "aarch64", "aarch64", "aarch64", "little", ["--target=aarch64-linux-gnu"],
                   ("aarch64-linux-gnu", []), "qemu-aarch64", (GCC, CLANG_RELR)),
    "aarch64_be": Abi("aarch64", "aarch64", "aarch64", "aarch64_be", "big", ["--target=aarch64_be-linux-gnu"], None,
                      "qemu-aarch64_be"),
    "riscv64": Abi("riscv", "riscv64", "riscv64", "riscv64", "little", ["--target=riscv64-linux-gnu"],
                   ("riscv64-linux-gnu", []), "qemu-riscv64", (GCC, CLANG_RELR)),
    "riscv32": Abi("riscv", "riscv32", "riscv32", "riscv32", "little",
                   ["--target=riscv32-linux-gnu", "-march=rv32gc", "-mabi=ilp32d"], None, "qemu-riscv32",
                   (CLANG_RELR,)),
    "mips": Abi("mips", "o32", "mips", "mips32r2", "big", ["--target=mips-linux-gnu"], ("mips-linux-gnu", []),
                "qemu-mips"),
    "mipsel": Abi("mips", "o32", "mips", "mips32r2", "little", ["--target=mipsel-linux-gnu"],
                  ("mipsel-linux-gnu", []), "qemu-mipsel"),
    "mips64": Abi("mips", "n64", "mips64", "mips64r2", "big", ["--target=mips64-linux-gnuabi64"],
                  ("mips64-linux-gnuabi64", []), "qemu-mips64"),
    "mips64el": Abi("mips", "n64", "mips64", "mips64r2", "little", ["--target=mips64el-linux-gnuabi64"],
                    ("mips64el-linux-gnuabi64", []), "qemu-mips64el"),
    "mipsn32": Abi("mips", "n32", "mips64", "mips64r2", "big", ["--target=mipsn32-linux-gnuabin32"],
                   ("mips64-linux-gnuabi64", ["-mabi=n32"]), "qemu-mipsn32"),
    "mipsn32el": Abi("mips", "n32", "mips64", "mips64r2", "little", ["--target=mipsn32el-linux-gnuabin32"],
                     ("mips64el-linux-gnuabi64", ["-mabi=n32"]), "qemu-mipsn32el"),
    "ppc": Abi("powerpc", "ppc", "ppc", "ppc", "big", ["--target=powerpc-linux-gnu"], ("powerpc-linux-gnu", []),
               "qemu-ppc"),
    "ppc64": Abi("powerpc", "ppc64", "ppc64", "ppc64", "big", ["--target=powerpc64-linux-gnu"],
                 ("powerpc64-linux-gnu", []), "qemu-ppc64"),
    # GCC: no inline 16-byte atomics (gen-cross's GCC_CXX says why).
    "ppc64le": Abi("powerpc", "ppc64", "ppc64", "ppc64le", "little", ["--target=powerpc64le-linux-gnu"],
                   ("powerpc64le-linux-gnu", ["-mno-quad-memory-atomic"]), "qemu-ppc64le", (GCC, CLANG)),
    "s390x": Abi("s390x", "s390x", "s390x", "s390x", "big", ["--target=s390x-linux-gnu"], ("s390x-linux-gnu", []),
                 "qemu-s390x", (GCC, CLANG)),
    "sparc": Abi("sparc", "sparc", "sparc", "sparc", "big", ["--target=sparc-linux-gnu"],
                 ("sparc64-linux-gnu", ["-m32"]), "qemu-sparc32plus"),
    "sparc64": Abi("sparc", "sparc64", "sparc64", "sparc64", "big", ["--target=sparcv9-linux-gnu"],
                   ("sparc64-linux-gnu", []), "qemu-sparc64", (GCC, CLANG)),
    # QEMU 7.2 does not emulate LSX (added in QEMU 8.1), which clang 19 enables by default.
    "loongarch64": Abi("loongarch", "loongarch64", "loongarch64", "loongarch64", "little",
                       ["--target=loongarch64-linux-gnu", "-mno-lsx"], None, "qemu-loongarch64", (CLANG_RELR,)),
}


def table_of(abi):
    return TABLES["rt/arch/%s/%s" % (ABIS[abi].family, ABIS[abi].table)]


def configs():
    """Every configuration of the matrix, (abi, compiler), in the registry's order."""
    for abi, a in ABIS.items():
        yield abi, "clang"
        if a.gcc is not None:
            yield abi, "gcc"


def pie_configs():
    """scripts/test's static-PIE runs: (abi, compiler, with RELR)."""
    return [(abi, comp, relr) for abi, a in ABIS.items() for comp, relr in a.pie]


def check():
    """The registry's own consistency: every ABI's table exists in TABLES and is used."""
    used = {"rt/arch/%s/%s" % (a.family, a.table) for a in ABIS.values()}
    missing = used - set(TABLES)
    unused = set(TABLES) - used
    if missing or unused:
        raise SystemExit("abis.py: tables without an entry: %s; entries no ABI uses: %s"
                         % (sorted(missing), sorted(unused)))
    for abi, a in ABIS.items():
        for comp, _ in a.pie:
            if comp == "gcc" and a.gcc is None:
                raise SystemExit("abis.py: %s has a GCC static-PIE run but no GCC configuration" % abi)


check()
