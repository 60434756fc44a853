# CAREATLAS_SANITIZE=ON builds every target — the libraries, the GDAL module
# careatlas_gdal.so, the CLI, the tests — with AddressSanitizer (and its LeakSanitizer) and
# UndefinedBehaviorSanitizer. CI runs the whole test suite this way too (.ci/run,
# build-asan/); README "Tests" gives the commands, .ci/lsan.supp the suppressions.
#
#   -fsanitize=address,undefined   compile and link; GCC links the shared libasan first into
#                                  every executable and into the module as well, so the
#                                  dlopen'ed module runs on the executable's ASan runtime
#   -fsanitize=float-cast-overflow a double out of range of the integer it is cast to (UB;
#                                  GCC leaves it out of "undefined")
#   -fno-sanitize-recover=all      the first finding ends the process: the test fails
#   -fno-omit-frame-pointer        whole stack traces, cheaply
#   -D_GLIBCXX_ASSERTIONS          libstdc++'s bounds checks (operator[], front(), back() …),
#                                  which catch what ASan cannot see inside a vector's capacity
#
# add_compile_options/add_link_options before any target exists, so no target is left out.
# Third-party libraries (GDAL, PROJ, Cairo, Pango, ICU …) run uninstrumented as installed.
option(CAREATLAS_SANITIZE "Build everything with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
if(CAREATLAS_SANITIZE)
  # GCC only: clang links its sanitizer runtime into executables alone, which the GDAL
  # module's --no-undefined refuses (fuzz/run is the clang sanitizer build).
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "CAREATLAS_SANITIZE is set up for GCC (CI's compiler); with clang use fuzz/run")
  endif()
  add_compile_options(-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined,float-cast-overflow)
endif()
