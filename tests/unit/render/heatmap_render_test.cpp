// Tests of render_heatmap (engine/render/src/heatmap.cpp).
#include <gtest/gtest.h>
