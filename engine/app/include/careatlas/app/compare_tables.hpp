#pragma once
// The tables of careatlas compare (issue 18, in progress): one row per facility change
// (compare/changes.csv, Excel-ready: UTF-8 with BOM, CRLF).
#include <string>
#include <vector>

#include "careatlas/model/registry_changes.hpp"

namespace careatlas::app {

// Columns: change (Japanese: 新規開設 / 廃止 / 再登録 / 移転 / 変更, or the English names of
// ChangeKind), the old and new facility_id, name, kind, address (of the new edition, else the
// old), distance moved in metres (re-registered and moved), the changed fields
// ("hours|support_24h"), and both points (6 decimals; empty when unlocated or absent).
std::string changes_csv(const std::vector<FacilityChange>& changes, bool japanese_headers);

}  // namespace careatlas::app
