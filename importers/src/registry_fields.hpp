#pragma once
// Typed fields of the registry's GeoPackage layers, both ways (registry_store.cpp and
// registry_addresses.cpp, registry_roads.cpp). Not installed; GDAL module only.
#include <ogrsf_frmts.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

namespace careatlas::registry_fields {

// ---- field kinds -----------------------------------------------------------------------
enum class F { str, i32, i64, real, boolean, binary };
struct FieldSpec {
  const char* name;
  F kind;
};

inline void create_fields(OGRLayer* layer, std::initializer_list<FieldSpec> fields) {
  for (const auto& f : fields) {
    OGRFieldType t = f.kind == F::str      ? OFTString
                     : f.kind == F::i64    ? OFTInteger64
                     : f.kind == F::real   ? OFTReal
                     : f.kind == F::binary ? OFTBinary
                                           : OFTInteger;
    OGRFieldDefn def(f.name, t);
    if (f.kind == F::boolean) def.SetSubType(OFSTBoolean);
    if (layer->CreateField(&def) != OGRERR_NONE)
      throw std::runtime_error(std::string("cannot create field ") + f.name);
  }
}

inline void set_opt_bool(OGRFeature& f, const char* name, const std::optional<bool>& v) {
  if (v) f.SetField(name, *v ? 1 : 0);
  else f.SetFieldNull(f.GetFieldIndex(name));
}
inline void set_opt_int(OGRFeature& f, const char* name, const std::optional<int>& v) {
  if (v) f.SetField(name, *v);
  else f.SetFieldNull(f.GetFieldIndex(name));
}
inline void set_opt_real(OGRFeature& f, const char* name, const std::optional<double>& v) {
  if (v) f.SetField(name, *v);
  else f.SetFieldNull(f.GetFieldIndex(name));
}
inline void set_str(OGRFeature& f, const char* name, const std::string& v) { f.SetField(name, v.c_str()); }

inline std::string get_str(OGRFeature& f, const char* name) {
  const int i = f.GetFieldIndex(name);
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return "";
  return f.GetFieldAsString(i);
}
inline std::optional<int> get_opt_int(OGRFeature& f, const char* name) {
  const int i = f.GetFieldIndex(name);
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
  return f.GetFieldAsInteger(i);
}
inline std::optional<bool> get_opt_bool(OGRFeature& f, const char* name) {
  auto v = get_opt_int(f, name);
  if (!v) return std::nullopt;
  return *v != 0;
}
inline std::optional<double> get_opt_real(OGRFeature& f, const char* name) {
  const int i = f.GetFieldIndex(name);
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
  return f.GetFieldAsDouble(i);
}
inline std::int64_t get_i64(OGRFeature& f, const char* name) {
  const int i = f.GetFieldIndex(name);
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return 0;
  return f.GetFieldAsInteger64(i);
}

inline void add(OGRLayer* layer, OGRFeature& f) {
  if (layer->CreateFeature(&f) != OGRERR_NONE)
    throw std::runtime_error(std::string("cannot write a feature to layer ") + layer->GetName());
}

}  // namespace careatlas::registry_fields
