#include "registry_addresses.hpp"

#include <filesystem>
#include <set>
#include <unordered_map>

#include "gdal_util.hpp"
#include "registry_fields.hpp"

namespace careatlas {

using namespace registry_fields;

namespace {

// address_<stem>: the file name without extension, in lower-case ASCII letters, digits and
// '_'. Two files of one name (23_2023.csv of 17.0b and of 22.0a) take their folder's name
// too: address_23000_17_0b_23_2023; then _2, _3 ….
std::string ascii_name(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out += ok ? c : '_';
  }
  return out;
}

std::string layer_name_for(const std::string& file, std::set<std::string>& taken) {
  const std::filesystem::path p(file);
  const std::string stem = ascii_name(p.stem().string());
  const std::string folder = ascii_name(p.parent_path().filename().string());
  for (const std::string& name : {"address_" + stem, "address_" + folder + "_" + stem})
    if (taken.insert(name).second) return name;
  const std::string base = "address_" + folder + "_" + stem;
  std::string unique = base;
  for (int i = 2; !taken.insert(unique).second; ++i) unique = base + "_" + std::to_string(i);
  return unique;
}

void write_table(GDALDataset& ds, OGRSpatialReference& srs, const AddressTable& t, const std::string& name) {
  // No R-tree: careatlas reads the tables whole, and for a million 街区 points the index is
  // two thirds of the write (docs/performance.md); QGIS browses them without it.
  char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "NO");
  OGRLayer* l = ds.CreateLayer(name.c_str(), &srs, wkbPoint, options);
  CSLDestroy(options);
  if (!l) throw std::runtime_error("cannot create layer " + name);
  create_fields(l, {{"prefecture", F::str}, {"municipality_code", F::str}, {"municipality", F::str},
                    {"town_code", F::str}, {"town", F::str}, {"koaza", F::str}, {"block", F::str}, {"level", F::str},
                    {"representative", F::boolean}, {"residential", F::boolean}, {"source_row", F::i64}});
  OGRFeatureDefn* defn = l->GetLayerDefn();
  // Field indices once: a 街区 file has a million rows.
  const int i_pref = defn->GetFieldIndex("prefecture"), i_mcode = defn->GetFieldIndex("municipality_code"),
            i_muni = defn->GetFieldIndex("municipality"), i_tcode = defn->GetFieldIndex("town_code"),
            i_town = defn->GetFieldIndex("town"), i_koaza = defn->GetFieldIndex("koaza"),
            i_block = defn->GetFieldIndex("block"), i_level = defn->GetFieldIndex("level"),
            i_rep = defn->GetFieldIndex("representative"), i_res = defn->GetFieldIndex("residential"),
            i_row = defn->GetFieldIndex("source_row");
  OGRFeature ft(defn);
  for (const AddressTable::Row& r : t.rows) {
    ft.SetFID(OGRNullFID);
    ft.SetField(i_pref, t.str(r.prefecture).c_str());
    ft.SetField(i_mcode, r.municipality_code.c_str());
    ft.SetField(i_muni, t.str(r.municipality).c_str());
    ft.SetField(i_tcode, r.town_code.c_str());
    ft.SetField(i_town, t.str(r.town).c_str());
    ft.SetField(i_koaza, t.str(r.koaza).c_str());
    ft.SetField(i_block, r.block.c_str());
    ft.SetField(i_level, std::string(to_string(r.level)).c_str());
    ft.SetField(i_rep, r.representative ? 1 : 0);
    ft.SetField(i_res, r.residential ? 1 : 0);
    ft.SetField(i_row, static_cast<GIntBig>(r.source_row));
    OGRPoint pt(r.point.lon, r.point.lat);
    ft.SetGeometry(&pt);
    add(l, ft);
  }
}

AddressTable read_table(OGRLayer& l, std::string file, std::string format) {
  AddressTable t;
  t.file = std::move(file);
  t.format = std::move(format);
  std::unordered_map<std::string, std::uint32_t> index;
  auto intern = [&](std::string s) -> std::uint32_t {
    if (s.empty()) return 0;
    auto [it, inserted] = index.try_emplace(s, static_cast<std::uint32_t>(t.text.size()));
    if (inserted) t.text.push_back(std::move(s));
    return it->second;
  };
  l.ResetReading();
  for (gdal::FeaturePtr ft(l.GetNextFeature()); ft; ft.reset(l.GetNextFeature())) {
    AddressTable::Row r;
    r.prefecture = intern(get_str(*ft, "prefecture"));
    r.municipality_code = get_str(*ft, "municipality_code");
    r.municipality = intern(get_str(*ft, "municipality"));
    r.town_code = get_str(*ft, "town_code");
    r.town = intern(get_str(*ft, "town"));
    r.koaza = intern(get_str(*ft, "koaza"));
    r.block = get_str(*ft, "block");
    r.level = address_level_from_string(get_str(*ft, "level")).value_or(AddressLevel::oaza);
    r.representative = get_opt_bool(*ft, "representative").value_or(true);
    r.residential = get_opt_bool(*ft, "residential").value_or(false);
    r.source_row = get_i64(*ft, "source_row");
    if (const OGRGeometry* g = ft->GetGeometryRef(); g && !g->IsEmpty()) {
      const OGRPoint* p = g->toPoint();
      r.point = {p->getX(), p->getY()};
    }
    t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace

void write_address_tables(GDALDataset& ds, OGRSpatialReference& srs, const std::vector<AddressTable>& tables) {
  OGRLayer* cat = ds.CreateLayer("address_tables", nullptr, wkbNone, nullptr);
  if (!cat) throw std::runtime_error("cannot create table address_tables");
  create_fields(cat, {{"layer", F::str}, {"file", F::str}, {"format", F::str}, {"rows", F::i64}});
  std::set<std::string> taken;
  for (const AddressTable& t : tables) {
    const std::string name = layer_name_for(t.file, taken);
    write_table(ds, srs, t, name);
    OGRFeature ft(cat->GetLayerDefn());
    set_str(ft, "layer", name);
    set_str(ft, "file", t.file);
    set_str(ft, "format", t.format);
    ft.SetField("rows", static_cast<GIntBig>(t.rows.size()));
    add(cat, ft);
  }
}

std::vector<AddressTable> read_address_tables(GDALDataset& ds) {
  std::vector<AddressTable> out;
  OGRLayer* cat = ds.GetLayerByName("address_tables");
  if (!cat) return out;
  cat->ResetReading();
  for (gdal::FeaturePtr ft(cat->GetNextFeature()); ft; ft.reset(cat->GetNextFeature())) {
    const std::string name = get_str(*ft, "layer");
    OGRLayer* l = ds.GetLayerByName(name.c_str());
    if (!l) throw std::runtime_error("registry lists address table " + name + " but has no such layer");
    out.push_back(read_table(*l, get_str(*ft, "file"), get_str(*ft, "format")));
  }
  return out;
}

}  // namespace careatlas
