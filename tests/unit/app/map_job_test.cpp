// Tests of the map job: map kinds from the registry and the analysis (coverage, access, heatmap, atlas).
#include <gtest/gtest.h>
