// The doubly-linked list steps that libstdc++'s <list> leaves to its compiled library
// (bits/stl_list.h declares them in std::__detail::_List_node_base); bedrock's own
// implementation of those entry points. A list is a ring through a sentinel node: an empty
// list's sentinel points to itself both ways.
namespace std::__detail {

struct _List_node_base {
    _List_node_base* _M_next;
    _List_node_base* _M_prev;

    static void swap(_List_node_base& x, _List_node_base& y) noexcept;
    void _M_transfer(_List_node_base* first, _List_node_base* last) noexcept;
    void _M_reverse() noexcept;
    void _M_hook(_List_node_base* position) noexcept;
    void _M_unhook() noexcept;
};

namespace {
// Makes `to` the sentinel of the ring that `from` held (from's links are copied first).
void adopt(_List_node_base& to, const _List_node_base& from) {
    to._M_next = from._M_next;
    to._M_prev = from._M_prev;
    to._M_next->_M_prev = &to;
    to._M_prev->_M_next = &to;
}
void make_empty(_List_node_base& n) { n._M_next = n._M_prev = &n; }
} // namespace

void _List_node_base::swap(_List_node_base& x, _List_node_base& y) noexcept {
    bool x_empty = x._M_next == &x, y_empty = y._M_next == &y;
    if (x_empty && y_empty) return;
    if (x_empty) {
        adopt(x, y);
        make_empty(y);
    } else if (y_empty) {
        adopt(y, x);
        make_empty(x);
    } else {
        _List_node_base tmp = x;
        adopt(x, y);
        adopt(y, tmp);
    }
}

// Moves [first, last) of some list (this one or another) to just before this node.
void _List_node_base::_M_transfer(_List_node_base* first, _List_node_base* last) noexcept {
    if (this == last) return;
    _List_node_base* before_first = first->_M_prev;
    _List_node_base* final = last->_M_prev; // the last node moved
    _List_node_base* before_this = _M_prev;
    // Close the gap the range leaves.
    before_first->_M_next = last;
    last->_M_prev = before_first;
    // Splice the range in between before_this and this.
    before_this->_M_next = first;
    first->_M_prev = before_this;
    final->_M_next = this;
    _M_prev = final;
}

// Reverses the ring this sentinel heads: every node's links swap.
void _List_node_base::_M_reverse() noexcept {
    _List_node_base* n = this;
    do {
        _List_node_base* next = n->_M_next;
        n->_M_next = n->_M_prev;
        n->_M_prev = next;
        n = next;
    } while (n != this);
}

// Links this node in just before `position`.
void _List_node_base::_M_hook(_List_node_base* position) noexcept {
    _M_next = position;
    _M_prev = position->_M_prev;
    position->_M_prev->_M_next = this;
    position->_M_prev = this;
}

void _List_node_base::_M_unhook() noexcept {
    _M_prev->_M_next = _M_next;
    _M_next->_M_prev = _M_prev;
}

} // namespace std::__detail
