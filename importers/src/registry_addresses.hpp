#pragma once
// The registry's 位置参照情報 tables (registry_store.cpp writes and reads them through
// these). Not installed; GDAL module only.
//
// One point layer per file read, named address_<file stem> (ASCII; _2, _3 … when two
// files share a stem), EPSG:6668, with the rows as published (names, codes, 街区符号,
// flags, source row); the table address_tables lists them: layer, file, format, rows.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <vector>

#include "careatlas/model/address.hpp"

namespace careatlas {

void write_address_tables(GDALDataset& ds, OGRSpatialReference& srs, const std::vector<AddressTable>& tables);
// Nothing (no error) for a registry written before address tables existed.
std::vector<AddressTable> read_address_tables(GDALDataset& ds);

}  // namespace careatlas
