#pragma once
// The form in which careatlas compares Japanese addresses with the 位置参照情報 names: both
// sides go through canonical(), so that the many ways one address is written compare equal.
//
//   - ICU NFKC: full-width digits and letters → ASCII (２８ → 28), half-width katakana →
//     full-width, compatibility ideographs → their unified forms;
//   - white space removed; the dash family (‐ ‑ ‒ – — ― − ─ －, and ー after a digit) → '-';
//   - kanji numerals before 丁目 丁 番地 番町 番 号 条 線 地割 → digits (三丁目 → 3丁目,
//     二十八番地 → 28番地, 南十九条 → 南19条), as the national files write 丁目 in kanji and
//     the open data mostly in digits;
//   - small and large ケ and が as in 桜ヶ丘 / 桜ケ丘 / 桜が丘 → ケ; 之 and の as in 二之宮 /
//     二ノ宮 / 二の宮 → ノ;
//   - a few old or variant characters that the two sides write differently (﨑 → 崎,
//     髙 → 高, 濵 濱 → 浜, 邊 邉 → 辺, 舘 → 館, …).
// The result is a key, not text to show: it is never printed.
#include <optional>
#include <string>
#include <string_view>

namespace careatlas::address {

std::string canonical(std::string_view utf8);

// The value of a kanji numeral written either way: positional (二十八 → 28, 百二 → 102,
// 千 → 1000) or digit by digit (二〇 → 20, 一〇三 → 103). Nullopt for anything else
// (empty, other characters, above 9999).
std::optional<int> kanji_number(std::u32string_view s);

// Strips a leading 大字 or 字 (with both: 大字 only) from a canonical town name: the
// national files write 大字兄井 where addresses write 兄井, and the reverse.
std::string_view without_aza_prefix(std::string_view canonical_name);

}  // namespace careatlas::address
