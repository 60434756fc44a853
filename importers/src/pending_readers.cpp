// TEMPORARY scaffolding while the readers are written; removed before commit.
#include "session_state.hpp"
namespace careatlas {
[[noreturn]] static void todo(const char* what) { throw config_error(std::string("not yet implemented: ") + what); }
void read_iryo_facility_csv(FileContext&, const InputSpec&, const TextFile&) { todo("iryo"); }
void read_iryo_hours_csv(FileContext&, const InputSpec&, const TextFile&) { todo("iryo hours"); }
void read_survey_csv(FileContext&, const InputSpec&, const TextFile&) { todo("survey"); }
void join_iryo_hours(ImportSession::State&) {}
void join_survey(ImportSession::State&) {}
void read_mesh_csv(FileContext&, const InputSpec&, const TextFile&) { todo("mesh csv"); }
void read_estat_mesh(FileContext&, const InputSpec&, const TextFile&) { todo("estat"); }
void read_projected_mesh_csv(FileContext&, const InputSpec&, const TextFile&) { todo("projected"); }
ProjectedMeshRows::ProjectedMeshRows(FileContext& ctx, const InputSpec&, const std::vector<std::string>&) : ctx_(ctx) { todo("projected"); }
bool ProjectedMeshRows::row(std::int64_t, const std::vector<std::string>&) { return false; }
void read_ogr(FileContext&, const InputSpec&) { todo("ogr"); }
}
