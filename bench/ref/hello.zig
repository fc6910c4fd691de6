// Reference hello world for bench/suite.py (startup and size rows): Zig 0.11 without libc.
const std = @import("std");

pub fn main() !void {
    try std.io.getStdOut().writeAll("Hello from Zig!\n");
}
