#pragma once
// How the analysis sees the project's provider layers: one view per reach.
#include <string>
#include <vector>

#include "careatlas/model/provider_layer.hpp"

namespace careatlas {

// The layers as the analysis sees them: a layer with both reaches becomes two — the
// straight-line one as it is, then its drive-time twin named "<name>_<N>min" and labelled
// road_label(label, N) — each with one reach (straight_line xor travel_minutes > 0).
std::vector<ProviderLayer> reach_views(const std::vector<ProviderLayer>& layers);
// The label of a layer's drive-time view: the distance in the label's last （…） becomes
// 車でN分 — 「訪問診療（診療所・病院、16km）」 → 「訪問診療（診療所・病院、車で30分）」, also
// when written １６ｋｍ or 16キロ — or 車でN分 joins it (「（24時間）」 → 「（24時間、車で30分）」);
// a label without one gains 「（車でN分）」.
std::string road_label(const std::string& label, double minutes);

}  // namespace careatlas
