// Tests of context layers: [[context]] in the project file, the OGR reader, read_map_context.
#include <gtest/gtest.h>
