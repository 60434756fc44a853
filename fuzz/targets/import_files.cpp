#include "careatlas/address/address_index.hpp"
#include "careatlas/importers/import_error.hpp"
#include "careatlas/importers/import_session.hpp"
#include "careatlas/model/config_error.hpp"
#include "input_file.hpp"
#include "targets.hpp"

namespace careatlas::fuzz {

namespace {

// One file through the import session in the given layout. A file it cannot use is an
// import_error (a clear message); anything else escaping is a finding. The counts of a
// file that was read must add up.
// What a registry's 位置参照情報 tables give the matcher: the index built from them, and
// each of their first rows written back as an address (都道府県, 市区町村, town, 小字, the
// 街区符号 followed by "-1"), matched against it, with and without the municipality code.
void index_and_match(const Registry& reg) {
  if (reg.addresses.empty()) return;
  const address::AddressIndex index(reg.addresses);
  for (const AddressTable& t : reg.addresses)
    for (std::size_t i = 0; i < t.rows.size() && i < 64; ++i) {
      const AddressTable::Row& r = t.rows[i];
      const std::string a = t.str(r.prefecture) + t.str(r.municipality) + t.str(r.town) + t.str(r.koaza) + r.block + "-1";
      (void)index.match(a, r.municipality_code);
      (void)index.match(a.substr(a.size() / 2), "");
    }
}

int import_as(const std::uint8_t* data, std::size_t size, InputRole role, const std::string& format,
              const std::string& name) {
  InputSpec spec;
  spec.role = role;
  spec.format = format;
  spec.path = input_file(data, size, name);
  DiagnosticCollector sink;
  ImportSession session(sink);
  try {
    session.add(spec);
    const Registry reg = session.finish();
    for (const FileReport& r : reg.files)
      if (!r.balanced()) __builtin_trap();  // a row neither imported nor reported
    index_and_match(reg);
  } catch (const import_error&) {
  }
  return 0;
}

}  // namespace

int kaigo_csv(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::facilities, "kaigo_csv", "jigyosho_430.csv");
}
int iryo_facility(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::facilities, "iryo_facility", "02-1_clinic_facility_info.csv");
}
int iryo_hours(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::facilities, "iryo_hours", "02-2_clinic_speciality_hours.csv");
}
int careatlas_csv(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::facilities, "careatlas_csv", "facilities.csv");
}
int survey_csv(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::survey, "survey_csv", "survey.csv");
}
int estat_mesh(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::population, "estat_mesh", "tblT001141H5237.txt");
}

// 国土交通省 位置参照情報 (read_address_reference.cpp), then the index and matcher.
int isj_town(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::addresses, "isj_town", "23_2023.csv");
}
int isj_block(const std::uint8_t* d, std::size_t n) {
  return import_as(d, n, InputRole::addresses, "isj_block", "23_2023.csv");
}

}  // namespace careatlas::fuzz
