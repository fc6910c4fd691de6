// The red-black tree steps that libstdc++'s <map> and <set> leave to its compiled library
// (bits/stl_tree.h declares them; libstdc++.so defines them). bedrock programs link no
// libstdc++, so these are bedrock's own implementation of the same entry points.
//
// The node layout and the header-node conventions are libstdc++'s (bits/stl_tree.h): every
// node has a color, a parent and two children; the tree's header node is red, its parent is
// the root (whose parent is the header), its left the leftmost node and its right the
// rightmost; an empty tree's header points to itself on both sides. The algorithms are the
// textbook ones (Cormen, Leiserson, Rivest, Stein, "Introduction to Algorithms", ch. 13),
// with null leaves and the parent of a null child tracked explicitly.
namespace std {

enum _Rb_tree_color { _S_red = false, _S_black = true };

struct _Rb_tree_node_base {
    _Rb_tree_color _M_color;
    _Rb_tree_node_base* _M_parent;
    _Rb_tree_node_base* _M_left;
    _Rb_tree_node_base* _M_right;
};

_Rb_tree_node_base* _Rb_tree_increment(_Rb_tree_node_base* x) noexcept;
const _Rb_tree_node_base* _Rb_tree_increment(const _Rb_tree_node_base* x) noexcept;
_Rb_tree_node_base* _Rb_tree_decrement(_Rb_tree_node_base* x) noexcept;
const _Rb_tree_node_base* _Rb_tree_decrement(const _Rb_tree_node_base* x) noexcept;
void _Rb_tree_insert_and_rebalance(bool insert_left, _Rb_tree_node_base* x, _Rb_tree_node_base* p,
                                   _Rb_tree_node_base& header) noexcept;
_Rb_tree_node_base* _Rb_tree_rebalance_for_erase(_Rb_tree_node_base* z, _Rb_tree_node_base& header) noexcept;
unsigned int _Rb_tree_black_count(const _Rb_tree_node_base* node, const _Rb_tree_node_base* root) noexcept;

namespace {

using Node = _Rb_tree_node_base;

bool is_black(const Node* n) { return n == nullptr || n->_M_color == _S_black; }

Node* minimum(Node* n) {
    while (n->_M_left != nullptr) n = n->_M_left;
    return n;
}

Node* maximum(Node* n) {
    while (n->_M_right != nullptr) n = n->_M_right;
    return n;
}

// The two children by side, so that each mirror-image case of the algorithms is written once.
enum Side { LEFT = 0, RIGHT = 1 };
using Link = Node* Node::*;
constexpr Link CHILD[2] = {&Node::_M_left, &Node::_M_right};

// A rotation: x's child on side `up` takes x's place, and x becomes its child on the other side.
void rotate(Node* x, int up, Node*& root) {
    Link near = CHILD[up], far = CHILD[1 - up];
    Node* y = x->*near;
    x->*near = y->*far;
    if (y->*far != nullptr) (y->*far)->_M_parent = x;
    y->_M_parent = x->_M_parent;
    if (x == root)
        root = y;
    else if (x == x->_M_parent->_M_left)
        x->_M_parent->_M_left = y;
    else
        x->_M_parent->_M_right = y;
    y->*far = x;
    x->_M_parent = y;
}

Node* next(Node* x) {
    if (x->_M_right != nullptr) return minimum(x->_M_right);
    Node* y = x->_M_parent;
    while (x == y->_M_right) {
        x = y;
        y = y->_M_parent;
    }
    // From the rightmost node the climb passes the root to the header. When the root is
    // itself the rightmost node (it has no right child), the header's right is the root, so the
    // climb goes on from the header to the root and stops with x = header: the answer (end()),
    // which the test below keeps.
    if (x->_M_right != y) x = y;
    return x;
}

Node* prev(Node* x) {
    // The header (red, and its parent's parent is itself): one step back is the rightmost.
    if (x->_M_color == _S_red && x->_M_parent->_M_parent == x) return x->_M_right;
    if (x->_M_left != nullptr) return maximum(x->_M_left);
    Node* y = x->_M_parent;
    while (x == y->_M_left) {
        x = y;
        y = y->_M_parent;
    }
    return y;
}

} // namespace

_Rb_tree_node_base* _Rb_tree_increment(_Rb_tree_node_base* x) noexcept { return next(x); }
const _Rb_tree_node_base* _Rb_tree_increment(const _Rb_tree_node_base* x) noexcept {
    return next(const_cast<Node*>(x));
}
_Rb_tree_node_base* _Rb_tree_decrement(_Rb_tree_node_base* x) noexcept { return prev(x); }
const _Rb_tree_node_base* _Rb_tree_decrement(const _Rb_tree_node_base* x) noexcept {
    return prev(const_cast<Node*>(x));
}

void _Rb_tree_insert_and_rebalance(bool insert_left, Node* x, Node* p, Node& header) noexcept {
    Node*& root = header._M_parent;
    x->_M_parent = p;
    x->_M_left = nullptr;
    x->_M_right = nullptr;
    x->_M_color = _S_red;
    // Link x below p, keeping the header's root, leftmost and rightmost current. p == &header
    // only for the first node of an empty tree (then insert_left is true).
    if (insert_left) {
        p->_M_left = x;
        if (p == &header) {
            header._M_parent = x;
            header._M_right = x;
        } else if (p == header._M_left) {
            header._M_left = x;
        }
    } else {
        p->_M_right = x;
        if (p == header._M_right) header._M_right = x;
    }
    // Restore "no red node has a red child".
    while (x != root && x->_M_parent->_M_color == _S_red) {
        Node* parent = x->_M_parent;
        Node* grand = parent->_M_parent;
        int side = parent == grand->_M_left ? LEFT : RIGHT; // the parent's side below grand
        Node* uncle = grand->*CHILD[1 - side];
        if (!is_black(uncle)) {
            parent->_M_color = _S_black;
            uncle->_M_color = _S_black;
            grand->_M_color = _S_red;
            x = grand;
        } else {
            if (x == parent->*CHILD[1 - side]) {
                x = parent;
                rotate(x, 1 - side, root);
            }
            x->_M_parent->_M_color = _S_black;
            grand->_M_color = _S_red;
            rotate(grand, side, root);
        }
    }
    root->_M_color = _S_black;
}

Node* _Rb_tree_rebalance_for_erase(Node* z, Node& header) noexcept {
    Node*& root = header._M_parent;
    Node*& leftmost = header._M_left;
    Node*& rightmost = header._M_right;
    Node* y = z; // the node that leaves its place: z, or z's successor when z has two children
    Node* x;     // the child that takes y's place (may be null)
    Node* x_parent;
    if (y->_M_left == nullptr)
        x = y->_M_right;
    else if (y->_M_right == nullptr)
        x = y->_M_left;
    else {
        y = minimum(y->_M_right);
        x = y->_M_right;
    }
    if (y != z) {
        // z has two children: its successor y (no left child) moves into z's place.
        z->_M_left->_M_parent = y;
        y->_M_left = z->_M_left;
        if (y != z->_M_right) {
            x_parent = y->_M_parent;
            if (x != nullptr) x->_M_parent = y->_M_parent;
            y->_M_parent->_M_left = x;
            y->_M_right = z->_M_right;
            z->_M_right->_M_parent = y;
        } else {
            x_parent = y;
        }
        if (root == z)
            root = y;
        else if (z->_M_parent->_M_left == z)
            z->_M_parent->_M_left = y;
        else
            z->_M_parent->_M_right = y;
        y->_M_parent = z->_M_parent;
        _Rb_tree_color c = y->_M_color;
        y->_M_color = z->_M_color;
        z->_M_color = c;
        y = z; // z is the node removed from the tree, with the color that left
    } else {
        // z has at most one child, x, which takes its place.
        x_parent = y->_M_parent;
        if (x != nullptr) x->_M_parent = y->_M_parent;
        if (root == z)
            root = x;
        else if (z->_M_parent->_M_left == z)
            z->_M_parent->_M_left = x;
        else
            z->_M_parent->_M_right = x;
        if (leftmost == z) leftmost = z->_M_right == nullptr ? z->_M_parent : minimum(x);
        if (rightmost == z) rightmost = z->_M_left == nullptr ? z->_M_parent : maximum(x);
    }
    if (y->_M_color != _S_red) {
        // A black node left: the path through x is one black short.
        while (x != root && is_black(x)) {
            int side = x == x_parent->_M_left ? LEFT : RIGHT;
            Link near = CHILD[side], far = CHILD[1 - side];
            Node* w = x_parent->*far; // x's sibling, never null: its side has a black more
            if (w->_M_color == _S_red) {
                w->_M_color = _S_black;
                x_parent->_M_color = _S_red;
                rotate(x_parent, 1 - side, root);
                w = x_parent->*far;
            }
            if (is_black(w->*near) && is_black(w->*far)) {
                w->_M_color = _S_red;
                x = x_parent;
                x_parent = x_parent->_M_parent;
            } else {
                if (is_black(w->*far)) {
                    (w->*near)->_M_color = _S_black;
                    w->_M_color = _S_red;
                    rotate(w, side, root);
                    w = x_parent->*far;
                }
                w->_M_color = x_parent->_M_color;
                x_parent->_M_color = _S_black;
                if (w->*far != nullptr) (w->*far)->_M_color = _S_black;
                rotate(x_parent, 1 - side, root);
                break;
            }
        }
        if (x != nullptr) x->_M_color = _S_black;
    }
    return y;
}

unsigned int _Rb_tree_black_count(const Node* node, const Node* root) noexcept {
    unsigned int n = 0;
    for (; node != nullptr; node = node->_M_parent) {
        if (node->_M_color == _S_black) ++n;
        if (node == root) break;
    }
    return n;
}

} // namespace std
