#include "rt/io/format.h"

#include "rt/io/print.h"

namespace rt::fmt {

void Sink::put(const char* s, size_t n) {
    total += n;
    while (n > 0) {
        if (len == cap) {
            if (fd < 0) return; // truncating: only the total keeps counting
            flush();
            if (cap == 0) return;
        }
        size_t k = cap - len < n ? cap - len : n;
        for (size_t i = 0; i < k; ++i) buf[len + i] = s[i];
        len += k;
        s += k;
        n -= k;
    }
}

void Sink::flush() {
    if (fd < 0 || len == 0) return;
    if (error == 0) {
        auto r = write_all(fd, buf, len);
        if (!r) error = static_cast<int>(r.error());
    }
    len = 0;
}

namespace {

struct Spec {
    bool left = false, right = false, alt = false, zero = false;
    unsigned width = 0;
    char type = 0;
};

// Renders v in `base` right-to-left into the end of out[]; returns the first digit's index.
size_t render_unsigned(char (&out)[72], unsigned long long v, unsigned base, bool upper) {
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t i = sizeof out;
    do {
        out[--i] = digits[v % base];
        v /= base;
    } while (v != 0);
    return i;
}

void pad(Sink& s, char c, unsigned n) {
    while (n--) s.put(c);
}

// Writes sign/prefix + body with the spec's width: zero padding goes between the prefix and the
// digits, space padding outside.
void emit(Sink& s, const Spec& sp, const char* prefix, size_t plen, const char* body, size_t blen, bool numeric) {
    size_t used = plen + blen;
    unsigned fill = sp.width > used ? static_cast<unsigned>(sp.width - used) : 0;
    bool left = sp.left || (!sp.right && !numeric);
    if (sp.zero && numeric && !sp.left) {
        s.put(prefix, plen);
        pad(s, '0', fill);
        s.put(body, blen);
        return;
    }
    if (!left) pad(s, ' ', fill);
    s.put(prefix, plen);
    s.put(body, blen);
    if (left) pad(s, ' ', fill);
}

size_t length(const char* p) { return StringView::length(p); }

void format_integer(Sink& s, const Spec& sp, unsigned long long mag, bool negative, bool pointer) {
    unsigned base = 10;
    const char* prefix = "";
    char type = sp.type;
    if (pointer && (type == 0 || type == 'p')) type = 'x';
    switch (type) {
    case 'x': base = 16; prefix = (sp.alt || pointer) ? "0x" : ""; break;
    case 'X': base = 16; prefix = (sp.alt || pointer) ? "0X" : ""; break;
    case 'b': base = 2; prefix = sp.alt ? "0b" : ""; break;
    case 'o': base = 8; prefix = sp.alt ? "0o" : ""; break;
    default: break;
    }
    char digits[72];
    size_t first = render_unsigned(digits, mag, base, type == 'X');
    char pre[4];
    size_t plen = 0;
    if (negative) pre[plen++] = '-';
    for (const char* p = prefix; *p; ++p) pre[plen++] = *p;
    emit(s, sp, pre, plen, digits + first, sizeof digits - first, true);
}

void format_arg(Sink& s, const Spec& sp, const Arg& a) {
    switch (a.kind) {
    case Kind::Int: {
        bool neg = a.i < 0;
        unsigned long long mag = neg ? 0ull - static_cast<unsigned long long>(a.i) : static_cast<unsigned long long>(a.i);
        if (sp.type == 'c') { char c = static_cast<char>(a.i); emit(s, sp, "", 0, &c, 1, false); return; }
        format_integer(s, sp, mag, neg, false);
        return;
    }
    case Kind::Uint:
        if (sp.type == 'c') { char c = static_cast<char>(a.u); emit(s, sp, "", 0, &c, 1, false); return; }
        format_integer(s, sp, a.u, false, false);
        return;
    case Kind::Char:
        if (sp.type == 0 || sp.type == 'c') { char c = static_cast<char>(a.u); emit(s, sp, "", 0, &c, 1, false); return; }
        format_integer(s, sp, a.u, false, false);
        return;
    case Kind::Bool:
        if (sp.type == 0 || sp.type == 's') {
            const char* t = a.u ? "true" : "false";
            emit(s, sp, "", 0, t, length(t), false);
            return;
        }
        format_integer(s, sp, a.u ? 1 : 0, false, false);
        return;
    case Kind::Name: // make_arg stores names as Str
    case Kind::Str: {
        if (sp.type == 'p' || sp.type == 'x' || sp.type == 'X') {
            format_integer(s, sp, reinterpret_cast<uintptr_t>(a.s), false, true);
            return;
        }
        const char* t = a.s ? a.s : "(null)";
        emit(s, sp, "", 0, t, length(t), false);
        return;
    }
    case Kind::View:
        emit(s, sp, "", 0, a.view.p, a.view.n, false);
        return;
    case Kind::Ptr:
        format_integer(s, sp, reinterpret_cast<uintptr_t>(a.p), false, true);
        return;
    case Kind::Custom:
        // Left-aligned unless `>` says otherwise, as strings are.
        a.custom.fn(s, a.custom.obj, sp.width, !sp.right);
        return;
    case Kind::Errno: {
        const char* name = errno_name(static_cast<Errno>(a.i));
        if (name) {
            emit(s, sp, "", 0, name, length(name), false);
        } else {
            // An errno the kernel does not define: show the number rather than lie.
            char digits[72];
            unsigned long long mag = a.i < 0 ? 0ull - static_cast<unsigned long long>(a.i) : static_cast<unsigned long long>(a.i);
            size_t first = render_unsigned(digits, mag, 10, false);
            const char* pre = a.i < 0 ? "E?(-" : "E?(";
            char body[80];
            size_t n = 0;
            for (const char* p = pre; *p; ++p) body[n++] = *p;
            for (size_t i = first; i < sizeof digits; ++i) body[n++] = digits[i];
            body[n++] = ')';
            emit(s, sp, "", 0, body, n, false);
        }
        return;
    }
    }
}

} // namespace

void format_padded(Sink& s, unsigned width, bool left, void (*text)(Sink&, const void*), const void* obj) {
    char buf[256];
    Sink t{buf, sizeof buf};
    text(t, obj);
    Spec sp;
    sp.width = width;
    sp.left = left;
    sp.right = !left;
    emit(s, sp, "", 0, buf, t.len, false);
}

void vformat(Sink& s, const char* f, const Arg* args, size_t n) {
    size_t arg = 0;
    const char* lit = f;
    for (const char* p = f; *p; ++p) {
        if (*p != '{' && *p != '}') continue;
        s.put(lit, static_cast<size_t>(p - lit));
        if (p[1] == *p) { // {{ or }}
            s.put(*p);
            lit = ++p + 1;
            continue;
        }
        Spec sp;
        const char* q = p + 1;
        if (*q == ':') {
            ++q;
            if (*q == '<') { sp.left = true; ++q; }
            else if (*q == '>') { sp.right = true; ++q; }
            if (*q == '#') { sp.alt = true; ++q; }
            if (*q == '0') { sp.zero = true; ++q; }
            // The format string was checked at compile time (width <= MAX_WIDTH); clamp anyway.
            while (*q >= '0' && *q <= '9') {
                sp.width = sp.width * 10 + static_cast<unsigned>(*q++ - '0');
                if (sp.width > MAX_WIDTH) sp.width = MAX_WIDTH;
            }
            if (*q && *q != '}') sp.type = *q++;
        }
        // The compile-time check has ruled out malformed fields; stay safe anyway.
        if (*q != '}' || arg >= n) {
            s.put("{?}", 3);
            if (!*q) return;
        } else {
            format_arg(s, sp, args[arg++]);
        }
        p = q;
        lit = q + 1;
    }
    s.put(lit, length(lit));
}

} // namespace rt::fmt
