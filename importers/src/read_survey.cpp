// The medical association's survey sheet (our own layout, one row per clinic):
// 医療機関ID,医療機関名,所在地,ケアマネタイム,担当者,連絡方法,予約,予約期限（日前）,予約備考,
// 退院前カンファレンス,訪問診療,24時間対応,機能強化型,医師数,備考[,電話番号,FAX番号] — columns by name with
// aliases; UTF-8, UTF-8 with BOM or CP932 (decoded by load_text). Rows are kept pending and
// joined to facilities in finish() (join_survey): by ID, else by name + address.
#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "careatlas/importers/hours.hpp"
#include "session_state.hpp"

namespace careatlas {

namespace {

using State = ImportSession::State;

// Answers that mean "not answered".
bool unanswered(const std::string& v) {
  return v.empty() || v == "-" || v == "ー" || v == "―" || v == "未回答" || v == "無回答" || v == "未記入";
}

bool one_of(const std::string& v, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return v == w; });
}

// A yes/no answer. ok = false: unreadable.
struct Answer {
  bool ok = true;
  std::optional<bool> value;
};

Answer yes_no(const std::string& raw) {
  const std::string v = text::trim(text::nfkc(raw));
  if (unanswered(v)) return {};
  if (one_of(v, {"○", "〇", "◯", "はい", "有", "有り", "あり", "可", "可能", "参加", "1", "対応可"})) return {true, true};
  if (one_of(v, {"×", "✕", "✖", "いいえ", "無", "無し", "なし", "不可", "不参加", "0", "対応不可"})) return {true, false};
  return {false, std::nullopt};
}

Answer appointment(const std::string& raw) {
  const std::string v = text::trim(text::nfkc(raw));
  if (one_of(v, {"要", "必要", "要予約", "予約制", "あり", "有", "○"})) return {true, true};
  if (one_of(v, {"不要", "予約不要", "なし", "無", "×"})) return {true, false};
  return yes_no(v);
}

// Days ahead: "3", "3日", "3日前", "３日前"; 前日 = 1, 当日 = 0.
std::optional<int> days_ahead(std::string v) {
  if (v == "前日") return 1;
  if (v == "当日") return 0;
  for (std::string_view suffix : {"日前", "日"})
    if (v.ends_with(suffix)) {
      v.resize(v.size() - suffix.size());
      break;
    }
  auto n = parse_int(v);
  if (n && *n >= 0) return n;
  return std::nullopt;
}

std::optional<int> count_of(std::string v) {
  for (std::string_view suffix : {"人", "名"})
    if (v.ends_with(suffix)) v.resize(v.size() - suffix.size());
  auto n = parse_int(v);
  if (n && *n >= 0) return n;
  return std::nullopt;
}

// 連絡方法: tokens split on ・、,/ and spaces. Unknown tokens are returned in `unknown`.
std::optional<std::uint8_t> contact_methods(const std::string& raw, std::vector<std::string>& unknown) {
  const std::string s = text::replace_all(text::nfkc(raw), {{"・", ","}, {"、", ","}, {"/", ","}, {" ", ","}});
  struct Word { std::string_view word; std::uint8_t bit; };
  static constexpr Word kWords[] = {
      {"電話", kContactPhone}, {"tel", kContactPhone}, {"phone", kContactPhone},
      {"fax", kContactFax}, {"ファックス", kContactFax}, {"ファクス", kContactFax}, {"ファクシミリ", kContactFax},
      {"訪問", kContactVisit}, {"面談", kContactVisit}, {"来院", kContactVisit}, {"直接", kContactVisit},
      {"メール", kContactEmail}, {"e-mail", kContactEmail}, {"email", kContactEmail},
      {"eメール", kContactEmail}, {"電子メール", kContactEmail}, {"mail", kContactEmail}};
  static const std::vector<std::string> keys = [] {  // the words' keys, made once
    std::vector<std::string> v;
    for (const Word& w : kWords) v.push_back(text::normalize_key(w.word));
    return v;
  }();
  std::uint8_t bits = 0;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    const std::string tok = text::trim(s.substr(start, end - start));
    start = end + 1;
    if (tok.empty()) continue;
    const std::string k = text::normalize_key(tok);
    const auto w = std::find(keys.begin(), keys.end(), k);
    if (w != keys.end()) bits = static_cast<std::uint8_t>(bits | kWords[w - keys.begin()].bit);
    else unknown.push_back(tok);
  }
  if (bits == 0) return std::nullopt;
  return bits;
}

// Address key: normalize_key with 丁目/番地/番 as '-' and 号 dropped, so 本町1丁目2番3号 and
// 本町1-2-3 compare equal.
std::string address_key(const std::string& a) {
  std::string s = text::replace_all(text::normalize_key(a),
                                    {{"丁目", "-"}, {"番地の", "-"}, {"番地", "-"}, {"番", "-"}, {"号", ""}});
  while (s.ends_with("-")) s.pop_back();
  return s;
}

// Match keys of a facility: its name, its 略称, the last word of its name (正式名称 is
// often "医療法人牧野会　牧野医院" while surveys write 牧野医院) and its address.
struct MatchKeys {
  std::string name, short_name, abbreviation, address;
};

MatchKeys match_keys(const Facility& f) {
  MatchKeys k{text::normalize_key(f.name), "", text::normalize_key(f.short_name), address_key(f.address)};
  const std::string n = text::trim(text::nfkc(f.name));  // U+3000 → ' '
  if (const auto sp = n.find_last_of(" \t"); sp != std::string::npos) k.short_name = text::normalize_key(n.substr(sp + 1));
  return k;
}

}  // namespace

void read_survey_csv(FileContext& ctx, const InputSpec& spec, const TextFile& tf) {
  csv::Reader reader(tf.utf8);
  const Header h = read_header(reader);
  const auto c_id = h.find({"医療機関ID", "ID", "施設ID", "事業所番号", "facility_id", "医療機関コード"});
  const auto c_name = h.find({"医療機関名", "施設名", "名称", "事業所名", "医療機関名称", "name"});
  const auto c_addr = h.find({"所在地", "住所", "address"});
  const auto c_cm = h.find({"ケアマネタイム", "ケアマネタイム（曜日・時間）", "ケアマネタイム(曜日・時間帯)"});
  const auto c_person = h.find({"担当者", "連絡担当者", "窓口担当者", "担当者名"});
  const auto c_contact = h.find({"連絡方法", "連絡手段"});
  const auto c_appt = h.find({"予約", "予約の要否", "予約要否", "予約の有無"});
  const auto c_ahead = h.find({"予約期限（日前）", "予約期限", "予約期限（日）"});
  const auto c_appt_note = h.find({"予約備考", "予約についての備考"});
  const auto c_disch = h.find({"退院前カンファレンス", "退院時カンファレンス", "退院前カンファレンス参加"});
  const auto c_hv = h.find({"訪問診療", "往診・訪問診療", "訪問診療・往診", "往診"});
  const auto c_24 = h.find({"24時間対応", "24時間対応体制", "24時間"});
  const auto c_fe = h.find({"機能強化型", "機能強化型在支診", "機能強化型在宅療養支援診療所"});
  const auto c_doc = h.find({"医師数", "医師数（常勤）", "常勤医師数"});
  const auto c_notes = h.find({"備考", "その他"});
  const auto c_phone = h.find({"電話番号", "電話", "TEL", "連絡先電話番号", "ケアマネ用電話番号"});
  const auto c_fax = h.find({"FAX番号", "FAX", "ファックス番号", "ファクス番号", "ケアマネ用FAX番号"});
  if (!c_id && !(c_name && c_addr))
    ctx.fail(DiagCode::header_unrecognised, 1, "", "",
             "survey sheet needs an ID column (医療機関ID) or both 医療機関名 and 所在地 to find the facility");

  const std::string fname = file_name_of(spec.path);
  State& st = ctx.state();
  const std::size_t report_index = ctx.report_index();
  for_each_row(ctx, reader, h.size(), [&](const csv::Record& r) -> RowFate {
    const std::int64_t row = r.first_line;
    check_cp932(ctx, r, h);  // a UTF-8 survey may hold text a CP932 booklet printer cannot
    auto invalid = [&](std::optional<std::size_t> col, const std::string& value, const std::string& why) {
      ctx.diag(DiagCode::survey_value_invalid, row, h.name(*col), value, why + "; left unanswered");
    };
    PendingSurveyRow p{report_index, ctx.name(), row, text::nfkc(field(r, c_id)), field(r, c_name),
                       field(r, c_addr), {}, {}, {}, {}, {}, {}};
    if (p.id.empty() && (p.name.empty() || p.address.empty())) {
      ctx.diag(DiagCode::missing_id, row, c_id ? h.name(*c_id) : "", "",
               "neither an ID nor both name and address are given; the row cannot be joined and is rejected");
      return false;
    }
    if (ctx.state().was_skipped(p.id) && !ctx.state().facility_by_id.contains(p.id)) {
      // The facility lies outside the project area: so does its row, with its diagnostics.
      ctx.state().note_area_skip(report_index);
      return RowFate::skipped;
    }
    SurveyAnswers& a = p.answers;
    a.source = fname + ":" + std::to_string(row);
    const std::string origin = "survey:" + fname + ":" + std::to_string(row);

    if (const std::string cm = field(r, c_cm); !unanswered(text::nfkc(cm))) {
      a.caremanager_time_text = cm;
      std::string err;
      if (auto slots = hours::parse_caremanager_slots(cm, &err)) a.caremanager_slots = std::move(*slots);
      else
        ctx.diag(DiagCode::survey_value_invalid, row, h.name(*c_cm), cm,
                 "ケアマネタイム cannot be read as 曜日 + HH:MM～HH:MM (" + err + "); the text is kept for the booklet");
    }
    a.contact_person = field(r, c_person);
    if (const std::string v = field(r, c_contact); !unanswered(text::nfkc(v))) {
      std::vector<std::string> unknown;
      a.contact_methods = contact_methods(v, unknown);
      // One warning for the field, however many words it holds.
      if (!unknown.empty()) {
        std::string words;
        for (const auto& u : unknown) words += (words.empty() ? "" : "、") + u;
        ctx.diag(DiagCode::survey_value_invalid, row, h.name(*c_contact), words,
                 (unknown.size() == 1 ? std::string("unknown contact method")
                                      : std::to_string(unknown.size()) + " unknown contact methods") +
                     " (expected 電話, FAX, 訪問, メール); ignored");
      }
    }
    if (const std::string v = field(r, c_appt); !v.empty()) {
      if (Answer x = appointment(v); x.ok) a.appointment_required = x.value;
      else invalid(c_appt, v, "予約 is not 要 / 不要");
    }
    a.appointment_note = field(r, c_appt_note);
    if (const std::string v = text::trim(text::nfkc(field(r, c_ahead))); !unanswered(v)) {
      a.appointment_days_ahead = days_ahead(v);
      if (!a.appointment_days_ahead) {
        // Keep what was written for the booklet: the model has only a number of days.
        a.appointment_note += (a.appointment_note.empty() ? "" : " ") + std::string("予約期限: ") + field(r, c_ahead);
        ctx.diag(DiagCode::survey_value_invalid, row, h.name(*c_ahead), field(r, c_ahead),
                 "予約期限 is not a number of days (write 3 or 3日前); deadline left unknown, the text is kept "
                 "in the 予約備考");
      }
    }
    auto yn = [&](std::optional<std::size_t> col, std::string_view label) -> std::optional<bool> {
      const std::string v = field(r, col);
      Answer x = yes_no(v);
      if (!x.ok) invalid(col, v, std::string(label) + " is not ○ / ×, はい / いいえ or 有 / 無");
      return x.value;
    };
    a.discharge_conference = yn(c_disch, "退院前カンファレンス");
    a.functional_enhanced = yn(c_fe, "機能強化型");
    if (auto v = yn(c_hv, "訪問診療")) p.home_visit = {v, origin};
    if (auto v = yn(c_24, "24時間対応")) p.support_24h = {v, origin};
    if (const std::string v = text::trim(text::nfkc(field(r, c_doc))); !unanswered(v)) {
      p.doctors = count_of(v);
      if (!p.doctors) invalid(c_doc, v, "医師数 is not a number");
    }
    a.notes = field(r, c_notes);
    for (auto [col, number] : {std::pair{c_phone, &p.phone}, {c_fax, &p.fax}})
      if (const std::string v = text::trim(text::nfkc(field(r, col))); !unanswered(v)) *number = v;
    st.pending_survey.push_back(std::move(p));
    return true;  // provisional: join_survey turns rows it cannot join into rejected rows
  });
}

namespace {

// A name + address the survey row gives, as keys.
struct RowKeys {
  std::string name, address;
};

bool name_and_address_match(const RowKeys& row, const MatchKeys& k) {
  if (row.name != k.name && row.name != k.short_name && (k.abbreviation.empty() || row.name != k.abbreviation))
    return false;
  return !row.address.empty() && !k.address.empty() &&
         (row.address == k.address || row.address.ends_with(k.address) || k.address.ends_with(row.address));
}

}  // namespace

void join_survey(State& st) {
  const auto& rows = st.pending_survey;
  if (rows.empty()) return;
  // The candidates of every row, found in one pass over the facilities (which are in the
  // registry being written when the import streams): facilities whose source ID is the
  // row's ID (when no facility_id is), and facilities whose name and address match.
  std::vector<std::vector<std::size_t>> by_source(rows.size()), by_name(rows.size());
  std::unordered_map<std::string, std::vector<std::size_t>> rows_by_source_id, rows_by_name;
  std::vector<RowKeys> row_keys(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const PendingSurveyRow& p = rows[r];
    if (!p.id.empty() && !st.facility_by_id.contains(p.id)) rows_by_source_id[p.id].push_back(r);
    if (!p.name.empty() && !p.address.empty()) {
      row_keys[r] = {text::normalize_key(p.name), address_key(p.address)};
      rows_by_name[row_keys[r].name].push_back(r);
    }
  }
  if (!rows_by_source_id.empty() || !rows_by_name.empty()) {
    st.facilities.for_each([&](std::size_t i, const Facility& f) {
      if (auto it = rows_by_source_id.find(f.source_id); it != rows_by_source_id.end())
        for (std::size_t r : it->second) by_source[r].push_back(i);
      if (rows_by_name.empty()) return;
      const MatchKeys k = match_keys(f);
      std::vector<std::size_t> named;  // rows under any of the facility's name keys, once
      for (const std::string* key : {&k.name, &k.short_name, &k.abbreviation})
        if (auto it = rows_by_name.find(*key); it != rows_by_name.end()) named.insert(named.end(), it->second.begin(), it->second.end());
      std::sort(named.begin(), named.end());
      named.erase(std::unique(named.begin(), named.end()), named.end());
      for (std::size_t r : named)
        if (name_and_address_match(row_keys[r], k)) by_name[r].push_back(i);
    });
  }

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const PendingSurveyRow& p = rows[r];
    FileContext ctx(st, p.report_index, p.file);
    auto reject = [&](DiagCode code, const std::string& value, const std::string& message) {
      ctx.diag(code, p.row, "", value, message);
      --ctx.report().imported;
      ++ctx.report().rejected;
    };
    std::vector<std::size_t> found;
    std::string tried;
    bool by_name_used = false;
    if (!p.id.empty()) {
      tried = "ID " + p.id;
      if (auto it = st.facility_by_id.find(p.id); it != st.facility_by_id.end()) found.push_back(it->second);
      else found = by_source[r];
    }
    if (found.empty() && !p.name.empty() && !p.address.empty()) {
      by_name_used = true;
      tried += (tried.empty() ? "" : ", then ") + std::string("name 「") + p.name + "」 + address 「" + p.address + "」";
      found = by_name[r];
    }
    const std::string what = p.id.empty() ? p.name : p.id;
    if (found.empty() && st.was_skipped(p.id)) {  // a facility outside the project area, read after the survey
      --ctx.report().imported;
      ++ctx.report().skipped;
      st.note_area_skip(p.report_index);
      continue;
    }
    if (found.empty()) {
      reject(DiagCode::survey_unmatched, what,
             "no imported facility matches (tried " + (tried.empty() ? std::string("nothing: no ID") : tried) +
                 "); row rejected");
      continue;
    }
    if (found.size() > 1) {
      std::string ids;
      for (std::size_t k = 0; k < found.size() && k < 5; ++k) ids += (k ? ", " : "") + st.facilities.get(found[k]).facility_id;
      if (found.size() > 5) ids += ", …";
      reject(DiagCode::survey_ambiguous, what,
             std::to_string(found.size()) + " facilities match (" + tried + "): " + ids +
                 "; row rejected (add the 医療機関ID to the survey)");
      continue;
    }
    Facility f = st.facilities.get(found.front());  // from the registry being written, when streaming
    if (f.survey.answered) {
      reject(DiagCode::survey_duplicate, what,
             "facility " + f.facility_id + " already has survey answers from " + f.survey.source +
                 "; this row is rejected (the first is kept)");
      continue;
    }
    if (by_name_used)
      ctx.diag(DiagCode::survey_matched_by_name, p.row, "", f.facility_id,
               (p.id.empty() ? std::string("no ID given") : "ID " + p.id + " is not imported") +
                   "; joined by name and address to " + f.facility_id + " (" + f.name + ")");
    f.survey = p.answers;
    f.survey.answered = true;
    // The survey is the authority for these facts when it answers them.
    if (p.home_visit.value) f.home_visit = p.home_visit;
    if (p.support_24h.value) f.support_24h = p.support_24h;
    if (p.doctors) f.doctors = p.doctors;
    // 医療情報ネット publishes no phone numbers; the survey's are those for care managers.
    if (!p.phone.empty()) f.phone = p.phone;
    if (!p.fax.empty()) f.fax = p.fax;
    st.facilities.put(found.front(), std::move(f));
  }
  st.pending_survey.clear();
}

}  // namespace careatlas
