// A main that falls off its end, built as user code is (hosted C++): [basic.start.main] makes
// that `return 0`. In a freestanding translation unit main is an ordinary function and falling
// off it is undefined (GCC -O0 exited with a random status, -O2 ran into the next function).
#include "rt/io/print.h"

#ifdef MAIN_WITH_ARGS
int main(int argc, char** argv) {
    rt::print("main ran with {} argument(s), {}\n", argc - 1, argc > 1 ? argv[1] : "none");
}
#else
int main() {
    rt::print("main ran\n");
}
#endif
