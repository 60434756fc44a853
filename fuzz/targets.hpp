#pragma once
// The fuzz targets: one function per parser of text the user supplies. Each takes the
// bytes of one input and returns 0; a crash, a sanitizer report, a hang or an exception
// other than the clear refusals (import_error, config_error) is a finding.
//
// The same functions run twice: as libFuzzer targets (fuzz_main.cpp, built with clang by
// fuzz/run) and, in the unit tests, over every seed and every kept crasher
// (fuzz/regressions/<target>/), built with the project's compiler.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace careatlas::fuzz {

using Target = int (*)(const std::uint8_t* data, std::size_t size);

struct NamedTarget {
  std::string_view name;  // fuzz/regressions/<name>/, fuzz_<name> binary
  Target run;
};

// Every target, in a fixed order.
const std::vector<NamedTarget>& targets();

// text.cpp: encoding detection, CP932/UTF-8 decoding, NFKC, the CSV record reader.
int text_csv(const std::uint8_t* data, std::size_t size);
// hours.cpp: clock, weekly hours, 利用可能曜日, Japanese day sets, time bands, ケアマネタイム.
int hours(const std::uint8_t* data, std::size_t size);
// mesh.cpp: JIS X 0410 mesh codes (text and numbers, decode and encode).
int mesh(const std::uint8_t* data, std::size_t size);
// import_files.cpp: whole files through the import session, one layout each.
int kaigo_csv(const std::uint8_t* data, std::size_t size);
int iryo_facility(const std::uint8_t* data, std::size_t size);
int iryo_hours(const std::uint8_t* data, std::size_t size);
int careatlas_csv(const std::uint8_t* data, std::size_t size);
int survey_csv(const std::uint8_t* data, std::size_t size);
int estat_mesh(const std::uint8_t* data, std::size_t size);
// The 位置参照情報 files (大字・町丁目, 街区), then an index of what was read and addresses
// matched against it.
int isj_town(const std::uint8_t* data, std::size_t size);
int isj_block(const std::uint8_t* data, std::size_t size);
// road_network.cpp: the OpenStreetMap road reader on OSM XML and Overpass OSM-JSON (the
// content decides the format: either target reaches both parsers).
int osm_xml(const std::uint8_t* data, std::size_t size);
int osm_json(const std::uint8_t* data, std::size_t size);
// config_files.cpp: the project file and the map style (TOML, strict loaders).
int project_file(const std::uint8_t* data, std::size_t size);
int style_file(const std::uint8_t* data, std::size_t size);

}  // namespace careatlas::fuzz
