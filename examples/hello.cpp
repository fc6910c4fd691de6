// The smallest bedrock program.
#include "rt/io/print.h"

int main(int, char**, char**) {
    rt::print("Hello from bedrock!\n");
    return 0;
}
