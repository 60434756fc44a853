// Files being written are removed when a signal ends the process, and the atomic writer
// leaves the previous file whole when its write or rename fails.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "careatlas/importers/registry_store.hpp"
#include "careatlas/model/partial_output.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;
namespace fs = std::filesystem;

namespace {

// In a child: registers a file and a folder holding it, writes the file, then receives
// `sig`. Returns the child's wait status.
int child_interrupted(const std::string& folder, const std::string& file, int sig) {
  const pid_t pid = fork();
  if (pid == 0) {
    remove_partial_outputs_on_signals();
    const PartialOutput dir(folder, true);
    fs::create_directories(folder);
    const PartialOutput part(file);
    std::ofstream(file) << "half a file";
    raise(sig);
    _exit(0);  // not reached: the handler ends the process with the signal
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST(PartialOutput, SignalRemovesFilesBeingWrittenThenEndsWithTheSignal) {
  for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
    const std::string dir = scratch_dir("partial_output_" + std::to_string(sig));
    const std::string folder = dir + "/.staging", file = folder + "/booklet.pdf";
    std::ofstream(dir + "/kept.csv") << "a finished output";
    const int status = child_interrupted(folder, file, sig);
    ASSERT_TRUE(WIFSIGNALED(status)) << "signal " << sig;
    EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_FALSE(fs::exists(file));
    EXPECT_FALSE(fs::exists(folder)) << "the emptied folder is removed too";
    EXPECT_TRUE(fs::exists(dir + "/kept.csv"));
  }
}

TEST(PartialOutput, UnregisteredWhenDone) {
  const std::string dir = scratch_dir("partial_output_done");
  const pid_t pid = fork();
  if (pid == 0) {
    remove_partial_outputs_on_signals();
    { const PartialOutput part(dir + "/done.csv"); }
    std::ofstream(dir + "/done.csv") << "complete";  // written after it was finished
    raise(SIGTERM);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_TRUE(fs::exists(dir + "/done.csv")) << "a finished file is not the handler's to remove";
}

// A write that cannot happen (its temporary name is taken by a folder, as a full disk or a
// read-only share would refuse it) throws, leaves the previous file as it was and no
// temporary file.
TEST(PartialOutput, FailedWriteKeepsThePreviousFile) {
  const std::string dir = scratch_dir("partial_output_write_fails");
  const std::string path = dir + "/gaps.csv";
  write_file_atomic(path, "previous\r\n");
  const std::string tmp = dir + "/.gaps.csv.tmp-" + std::to_string(::getpid());
  fs::create_directories(tmp + "/blocker");
  EXPECT_THROW(write_file_atomic(path, "new\r\n"), std::runtime_error);
  EXPECT_EQ(read_file(path), "previous\r\n");
  fs::remove_all(tmp);
  // A rename that fails (the target became a folder with something in it) removes the
  // temporary file.
  const std::string target = dir + "/access.csv";
  fs::create_directories(target + "/inside");
  EXPECT_THROW(write_file_atomic(target, "new\r\n"), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir + "/.access.csv.tmp-" + std::to_string(::getpid())));
  EXPECT_TRUE(fs::is_directory(target));
}
