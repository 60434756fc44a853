// 介護サービス情報公表システム open data: one CSV per service code (jigyosho_<code>.csv),
// 24 columns, UTF-8 with BOM, CRLF. See DOMAIN.md "Real data formats".
#include <algorithm>
#include <regex>

#include "careatlas/importers/hours.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

// サービスの種類 → service code, for files whose name lost the code.
const std::vector<std::pair<std::string_view, int>> kServiceNames = {
    {"訪問介護", 110}, {"訪問入浴介護", 120}, {"訪問看護", 130}, {"訪問リハビリテーション", 140},
    {"通所介護", 150}, {"通所リハビリテーション", 160}, {"福祉用具貸与", 170}, {"特定福祉用具販売", 180},
    {"短期入所生活介護", 210}, {"短期入所療養介護", 220}, {"認知症対応型共同生活介護", 320},
    {"居宅介護支援", 430}, {"介護老人福祉施設", 510}, {"介護老人保健施設", 520}, {"介護医療院", 550},
    {"夜間対応型訪問介護", 710}, {"認知症対応型通所介護", 720}, {"小規模多機能型居宅介護", 730},
    {"地域密着型介護老人福祉施設入所者生活介護", 540}, {"定期巡回・随時対応型訪問介護看護", 760},
    {"看護小規模多機能型居宅介護", 770}, {"複合型サービス", 770}, {"地域密着型通所介護", 780},
};

std::optional<int> code_from_file_name(const std::string& name) {
  static const std::regex kRe(R"(jigyosho_(\d{3}))");
  std::smatch m;
  if (std::regex_search(name, m, kRe)) return std::stoi(m[1].str());
  return std::nullopt;
}

std::optional<int> code_from_service_name(const std::string& s) {
  const std::string k = text::normalize_key(s);
  for (const auto& [name, code] : kServiceNames)
    if (text::normalize_key(name) == k) return code;
  return std::nullopt;
}

// Service codes whose staff go to the user's home.
bool visits_homes(int code) {
  return code == 110 || code == 120 || code == 130 || code == 140 || code == 710 || code == 760 || code == 770;
}

// 都道府県コード又は市町村コード: 6 digits = JIS X 0402 code + check digit (392014 → 39201),
// or 2 digits for offices designated by the prefecture (no municipality). The check digit
// is verified: weights 6,5,4,3,2, check = (11 − sum mod 11) mod 10.
std::string municipality_code(FileContext& ctx, std::int64_t row, const std::string& column, const std::string& v) {
  const bool digits = std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && v.size() == 2) return "";
  if (!digits || (v.size() != 5 && v.size() != 6)) {
    ctx.diag(DiagCode::value_invalid, row, column, v, "not a 5- or 6-digit municipality code; left empty");
    return "";
  }
  if (v.substr(2, 3) == "000") return "";  // a prefecture-level code
  if (v.size() == 6) {
    int sum = 0;
    for (int i = 0; i < 5; ++i) sum += (v[static_cast<std::size_t>(i)] - '0') * (6 - i);
    const int check = (11 - sum % 11) % 10;
    if (v[5] - '0' != check)
      ctx.diag(DiagCode::value_invalid, row, column, v,
               "check digit should be " + std::to_string(check) + "; municipality code " + v.substr(0, 5) +
                   " used anyway (check it)");
  }
  return v.substr(0, 5);
}

}  // namespace

// A sentence of free text that promises 24-hour response: "24時間" (any width) together
// with 対応/連絡/訪問/受付/体制 in the same sentence. Returns the sentence, or "".
std::string find_24h_promise(const std::string& note) {
  const std::string n = text::nfkc(note);
  constexpr std::string_view kStop = "。";
  std::size_t start = 0;
  // The next 。 and line break at or after `start`, searched again only once passed: a
  // search from every sentence to the end of a note without line breaks made a long note
  // (a 10 MB 特記事項) quadratic.
  std::size_t next_stop = n.find(kStop), next_break = n.find('\n');
  while (start <= n.size()) {
    if (next_stop < start) next_stop = n.find(kStop, start);
    if (next_break < start) next_break = n.find('\n', start);
    const std::size_t end = std::min({next_stop, next_break, n.size()});
    const std::string sentence = n.substr(start, end - start);
    if (sentence.find("24時間") != std::string::npos || sentence.find("24h") != std::string::npos ||
        sentence.find("24H") != std::string::npos) {
      // "24時間対応はしておりません", "24時間対応体制加算なし": a denial is not a promise.
      bool denied = false;
      for (std::string_view neg : {"ません", "不可", "なし", "無し", "ない", "対象外", "対応外"})
        denied = denied || sentence.find(neg) != std::string::npos;
      for (std::string_view w : {"対応", "連絡", "訪問", "受付", "体制"})
        if (!denied && sentence.find(w) != std::string::npos) return text::trim(sentence);
    }
    if (end >= n.size()) break;
    start = end + (n[end] == '\n' ? 1 : kStop.size());
  }
  return "";
}

void read_kaigo_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_code = h.find({"都道府県コード又は市町村コード", "市町村コード"});
  const auto c_name = h.find({"事業所名"});
  const auto c_kana = h.find({"事業所名カナ"});
  const auto c_service = h.find({"サービスの種類"});
  const auto c_addr = h.find({"住所"});
  const auto c_addr2 = h.find({"方書（ビル名等）", "方書"});
  const auto c_lat = h.find({"緯度"});
  const auto c_lon = h.find({"経度"});
  const auto c_tel = h.find({"電話番号"});
  const auto c_fax = h.find({"FAX番号"});
  const auto c_corp = h.find({"法人の名称"});
  const auto c_no = h.find({"事業所番号"});
  const auto c_days = h.find({"利用可能曜日"});
  const auto c_note = h.find({"利用可能曜日特記事項"});
  const auto c_cap = h.find({"定員"});
  const auto c_url = h.find({"URL"});
  if (!c_no || !c_name || !c_lat || !c_lon)
    ctx.fail(DiagCode::header_unrecognised, 1, "", "",
             "介護サービス情報公表 CSV without 事業所番号, 事業所名, 緯度 or 経度");
  for (auto [col, label] : {std::pair{c_days, "利用可能曜日"}, {c_addr, "住所"}, {c_tel, "電話番号"}})
    if (!col) ctx.diag(DiagCode::column_missing, 1, label, "", std::string("column ") + label + " not found; left empty");

  const std::string fname = file_name_of(spec.path);
  const auto file_code = code_from_file_name(fname);

  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    check_cp932(ctx, r, h);
    Facility f;
    f.source_id = field(r, c_no);
    f.name = field(r, c_name);
    if (f.source_id.empty()) {
      ctx.diag(DiagCode::missing_id, row, h.name(*c_no), "", "事業所番号 is empty; row rejected");
      return false;
    }
    if (f.name.empty()) {
      ctx.diag(DiagCode::missing_name, row, h.name(*c_name), "", "事業所名 is empty; row rejected");
      return false;
    }
    // Service code: file name first (jigyosho_430.csv), else サービスの種類.
    std::optional<int> code = file_code;
    const std::string service_name = field(r, c_service);
    if (!code) code = code_from_service_name(service_name);
    if (code) {
      f.service_code = std::to_string(*code);
      f.kind = kind_from_care_service_code(*code);
    } else {
      f.kind = FacilityKind::other_care_service;
      ctx.diag(DiagCode::value_invalid, row, c_service ? h.name(*c_service) : "サービスの種類", service_name,
               "service type not known and the file name has no jigyosho_<code>; kind set to other_care_service");
    }
    f.facility_id = f.source_id + (f.service_code.empty() ? "" : "-" + f.service_code);
    f.source_file = fname;
    f.source_row = row;
    f.kana = text::nfkc(field(r, c_kana));
    const std::string mcode = field(r, c_code);
    if (!mcode.empty()) f.municipality_code = municipality_code(ctx, row, h.name(*c_code), mcode);
    f.address = field(r, c_addr);
    if (std::string addr2 = field(r, c_addr2); !addr2.empty() && addr2 != "-") f.address_building = std::move(addr2);
    f.phone = field(r, c_tel);
    f.fax = field(r, c_fax);
    f.url = field(r, c_url);
    f.corporation = field(r, c_corp);
    f.location = resolve_location(ctx, row, h.name(*c_lat), field(r, c_lat), h.name(*c_lon), field(r, c_lon));

    const std::string days_text = field(r, c_days);
    if (!days_text.empty()) {
      auto ad = hours::parse_available_days(days_text);
      f.availability.detail = WeeklySchedule::Detail::days_only;
      f.availability.open_days = ad.days;
      f.availability.holidays_open = ad.holidays;
      f.availability.text = days_text;
      // One warning per field, however many names it holds (a pasted paragraph must not
      // flood the report with a line per word).
      if (!ad.unknown.empty()) {
        std::string names;
        for (const auto& u : ad.unknown) names += (names.empty() ? "" : "、") + u;
        const std::size_t n = ad.unknown.size();
        ctx.diag(DiagCode::weekday_token_unknown, row, h.name(*c_days), names,
                 (n == 1 ? std::string("unknown day name") : std::to_string(n) + " unknown day names") +
                     " (expected 平日, 土曜日, 日曜日, 祝日); ignored");
      }
    }
    std::string note = field(r, c_note);
    if (note == "-" || note == "－") note.clear();
    note = text::replace_all(note, {{"（改行）", "\n"}, {"(改行)", "\n"}});
    f.availability_note = note;
    if (auto promise = find_24h_promise(note); !promise.empty()) {
      f.support_24h_hint = promise;
      ctx.diag(DiagCode::hint_24h, row, c_note ? h.name(*c_note) : "", promise,
               "利用可能曜日特記事項 promises 24-hour response; recorded as a 24-hour hint");
    }
    if (code && is_24h_care_service_code(*code)) f.support_24h = {true, "service_code:" + f.service_code};
    if (code && visits_homes(*code)) f.home_visit = {true, "service_code:" + f.service_code};

    const std::string cap = field(r, c_cap);
    if (!cap.empty() && cap != "-") {
      auto v = parse_int(cap);
      if (!v || *v < 0)
        ctx.diag(DiagCode::value_invalid, row, h.name(*c_cap), cap, "定員 is not a number; left empty");
      else if (*v > 0)
        f.capacity = *v;  // 0 means "not filled in"
    }
    return ctx.state().add_facility(ctx, std::move(f), h.name(*c_no));
  });
}

}  // namespace careatlas
