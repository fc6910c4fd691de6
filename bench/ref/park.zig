// Zig 0.11 reference for bench/suite.py's memory and scale rows. Usage: park N STACK (0: Zig's
// default). N threads count themselves in and wait until released; prints resident-memory
// growth per thread (bytes, /proc/self/statm) and ns per thread to get them all started.
const std = @import("std");

var lock = std.Thread.Mutex{};
var all_in = std.Thread.Condition{};
var in: usize = 0;
var release = std.Thread.ResetEvent{};

fn residentBytes() !usize {
    var buf: [128]u8 = undefined;
    const text = try std.fs.cwd().readFile("/proc/self/statm", &buf);
    var it = std.mem.tokenizeScalar(u8, text, ' ');
    _ = it.next();
    return (try std.fmt.parseInt(usize, it.next().?, 10)) * std.mem.page_size;
}

fn body() void {
    lock.lock();
    in += 1;
    all_in.signal();
    lock.unlock();
    release.wait();
}

fn nothing() void {}

pub fn main() !void {
    var args = std.process.args();
    _ = args.skip();
    const n = try std.fmt.parseInt(usize, args.next() orelse return error.Usage, 10);
    const stack = try std.fmt.parseInt(usize, args.next() orelse return error.Usage, 10);
    const cfg = std.Thread.SpawnConfig{ .stack_size = if (stack == 0) (std.Thread.SpawnConfig{}).stack_size else stack };
    const threads = try std.heap.page_allocator.alloc(std.Thread, n);
    (try std.Thread.spawn(cfg, nothing, .{})).join();
    const before = try residentBytes();
    const t0 = try std.time.Instant.now();
    var started: usize = 0;
    while (started < n) : (started += 1) {
        threads[started] = std.Thread.spawn(cfg, body, .{}) catch break;
    }
    lock.lock();
    while (in < started) all_in.wait(&lock);
    lock.unlock();
    const t1 = try std.time.Instant.now();
    const after = try residentBytes();
    release.set();
    for (threads[0..started]) |t| t.join();
    const out = std.io.getStdOut().writer();
    if (started < n) {
        try out.print("FAIL {d}\n", .{started});
        std.process.exit(1);
    }
    try out.print("{d} {d}\n", .{ (after -| before) / n, t1.since(t0) / n });
}
