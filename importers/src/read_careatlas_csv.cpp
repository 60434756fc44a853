// careatlas's own facility CSV (the facilities.csv layout of ../shared/bench):
// facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors — hours in the
// WORKLOAD.md §5 grammar. Optional extra columns: kana, address, phone, fax, url,
// municipality_code, service_code.
#include <algorithm>
#include <unordered_map>

#include "careatlas/importers/hours.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {
std::optional<bool> parse_01(const std::string& s) {
  if (s == "1" || s == "true") return true;
  if (s == "0" || s == "false") return false;
  return std::nullopt;
}

// hours::parse_weekly by text, remembered: a file repeats a handful of opening-hours
// texts over thousands of rows, and parsing is a pure function of the text. At most
// kTexts texts are kept (a file of all different texts costs no memory beyond them).
class WeeklyHoursCache {
 public:
  struct Parsed {
    std::optional<WeeklySchedule> schedule;
    std::string error;
  };
  const Parsed& parse(const std::string& text) {
    if (auto it = cache_.find(text); it != cache_.end()) return it->second;
    Parsed p;
    p.schedule = hours::parse_weekly(text, &p.error);
    if (cache_.size() < kTexts) return cache_.emplace(text, std::move(p)).first->second;
    last_ = std::move(p);
    return last_;
  }

 private:
  static constexpr std::size_t kTexts = 1024;
  std::unordered_map<std::string, Parsed> cache_;
  Parsed last_;  // the answer for a text beyond the cache, valid until the next call
};

// Room for every line of the file at once: moving Facility objects (two dozen strings
// each) as the vector grows, and rehashing the ID index, cost more than reading them.
void reserve_rows(ImportSession::State& st, std::string_view text) {
  const std::size_t lines = line_count(text);
  st.facilities.reserve_more(lines);
  auto& ids = st.facility_by_id;
  if (const std::size_t wanted = ids.size() + lines; wanted > ids.bucket_count())
    ids.reserve(std::max(wanted, 2 * ids.size()));
}
}  // namespace

void read_careatlas_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_id = h.find({"facility_id"});
  const auto c_name = h.find({"name"});
  const auto c_kind = h.find({"kind"});
  const auto c_lat = h.find({"lat"});
  const auto c_lon = h.find({"lon"});
  const auto c_hv = h.find({"home_visit"});
  const auto c_24 = h.find({"support_24h"});
  const auto c_hours = h.find({"hours"});
  const auto c_doc = h.find({"doctors"});
  const auto c_kana = h.find({"kana"});
  const auto c_addr = h.find({"address"});
  const auto c_tel = h.find({"phone"});
  const auto c_fax = h.find({"fax"});
  const auto c_url = h.find({"url"});
  const auto c_muni = h.find({"municipality_code"});
  const auto c_svc = h.find({"service_code"});
  if (!c_id || !c_name || !c_kind || !c_lat || !c_lon)
    ctx.fail(DiagCode::header_unrecognised, 1, "", "", "careatlas CSV needs facility_id, name, kind, lat, lon");
  const std::string fname = file_name_of(spec.path);
  reserve_rows(ctx.state(), tf.utf8);
  WeeklyHoursCache weekly_hours;

  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    check_cp932(ctx, r, h);
    Facility f;
    f.facility_id = field(r, c_id);
    f.source_id = f.facility_id;
    f.name = field(r, c_name);
    f.source_file = fname;
    f.source_row = row;
    if (f.facility_id.empty()) {
      ctx.diag(DiagCode::missing_id, row, "facility_id", "", "facility_id is empty; row rejected");
      return false;
    }
    if (f.name.empty()) {
      ctx.diag(DiagCode::missing_name, row, "name", "", "name is empty; row rejected");
      return false;
    }
    const std::string kind = field(r, c_kind);
    auto k = facility_kind_from_string(kind);
    if (!k) {
      std::string known;
      for (auto kk : all_facility_kinds()) known += (known.empty() ? "" : ", ") + std::string(to_string(kk));
      ctx.diag(DiagCode::kind_unknown, row, "kind", kind, "unknown kind; row rejected (known: " + known + ")");
      return false;
    }
    f.kind = *k;
    f.location = resolve_location(ctx, row, "lat", field(r, c_lat), "lon", field(r, c_lon));
    for (auto [col, flag, label] : {std::tuple{c_hv, &f.home_visit, "home_visit"}, {c_24, &f.support_24h, "support_24h"}}) {
      const std::string v = field(r, col);
      if (v.empty()) continue;
      if (auto b = parse_01(v)) *flag = {*b, fname};
      else ctx.diag(DiagCode::value_invalid, row, label, v, std::string(label) + " is not 0 or 1; left unknown");
    }
    const std::string hours_text = field(r, c_hours);
    if (!hours_text.empty()) {
      const auto& parsed = weekly_hours.parse(hours_text);
      if (parsed.schedule) f.availability = *parsed.schedule;
      else ctx.diag(DiagCode::hours_unparsable, row, "hours", hours_text, parsed.error + "; hours left unknown");
    }
    const std::string doc = field(r, c_doc);
    if (!doc.empty()) {
      auto d = parse_int(doc);
      if (d && *d >= 0) f.doctors = *d;
      else ctx.diag(DiagCode::value_invalid, row, "doctors", doc, "doctors is not a non-negative integer; left empty");
    }
    f.kana = text::nfkc(field(r, c_kana));
    f.address = field(r, c_addr);
    f.phone = field(r, c_tel);
    f.fax = field(r, c_fax);
    f.url = field(r, c_url);
    f.municipality_code = field(r, c_muni);
    f.service_code = field(r, c_svc);
    return ctx.state().add_facility(ctx, std::move(f), "facility_id");
  });
}

}  // namespace careatlas
