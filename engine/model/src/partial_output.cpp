#include "careatlas/model/partial_output.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

namespace careatlas {

namespace {

// Enough for a split booklet of every district of a prefecture, staged at once (a slot is
// a page of zeros until used; beyond this many, further paths are not registered).
constexpr int kSlots = 2048;
constexpr std::size_t kPathMax = 4096;

// state: 0 free, 1 being filled, 2 a file, 3 a folder. The handler reads only slots in
// state 2 or 3, whose path was written before the state was published.
struct Slot {
  std::atomic<int> state{0};
  char path[kPathMax];
};
std::array<Slot, kSlots> g_slots;

void remove_all_registered() {
  for (Slot& s : g_slots)  // files first
    if (s.state.load(std::memory_order_acquire) == 2) ::unlink(s.path);
  // Then the folders that held them, in as many passes as it takes for nested ones (an
  // outer folder empties only when its inner one is gone; rmdir leaves any that is not).
  for (bool removed = true; removed;) {
    removed = false;
    for (Slot& s : g_slots)
      if (s.state.load(std::memory_order_acquire) == 3 && ::rmdir(s.path) == 0) removed = true;
  }
}

extern "C" void on_signal(int sig) {
  remove_all_registered();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

PartialOutput::PartialOutput(const std::string& path, bool directory) {
  if (path.size() + 1 > kPathMax) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[static_cast<std::size_t>(i)].state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
      Slot& s = g_slots[static_cast<std::size_t>(i)];
      std::memcpy(s.path, path.c_str(), path.size() + 1);
      s.state.store(directory ? 3 : 2, std::memory_order_release);
      slot_ = i;
      return;
    }
  }
}

PartialOutput::~PartialOutput() {
  if (slot_ >= 0) g_slots[static_cast<std::size_t>(slot_)].state.store(0, std::memory_order_release);
}

void remove_partial_outputs_on_signals() {
  static const bool once = [] {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
    return true;
  }();
  (void)once;
}

}  // namespace careatlas
