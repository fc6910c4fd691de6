// A user's program that uses the C++ standard library, built outside the tree through
// `pkg-config bedrock` only (scripts/check-install), on every configuration whose toolchain has
// the library's headers. Its main falls off its end: the exit status must be 0.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rt/io/print.h"

int main() {
    std::vector<std::string> words;
    for (int i = 0; i < 1000; ++i) words.push_back("w" + std::to_string(i % 250));
    std::map<std::string, int> counts;
    for (auto& w : words) ++counts[w];
    std::unordered_map<int, std::shared_ptr<std::string>> by_len;
    for (auto& [w, n] : counts) by_len[static_cast<int>(w.size())] = std::make_shared<std::string>(w);
    std::function<size_t()> total = [&] { return counts.size() + by_len.size(); };
    rt::print("words {} distinct {} first {} last {} lengths {} total {}\n", words.size(), counts.size(),
              counts.begin()->first.c_str(), counts.rbegin()->first.c_str(), by_len.size(), total());
}
