#include <gtest/gtest.h>

#include "careatlas/importers/import_error.hpp"
#include "careatlas/project/project_file.hpp"
#include "test_support.hpp"

using namespace careatlas;
using namespace careatlas::testing;

TEST(ProjectFile, ReadsInputsRelativeToTheFile) {
  const std::string dir = scratch_dir("project_ok");
  write_file(dir + "/p.toml", R"(
[project]
title = "テスト市 在宅医療・介護資源マップ"
municipality_code = "99001"
edition = "2026-04-01"

[output]
dir = "out"

[[facilities]]
path = "kaigo/jigyosho_430.csv"
encoding = "cp932"

[[districts]]
path = "ken-iki.geojson"
level = "daily_life_area"
columns = { id = "圏域ID", name = "圏域名" }

[[population]]
path = "/abs/mesh.geojson"
years = [2020, 2040]
)");
  const auto c = project::load_project(dir + "/p.toml");
  EXPECT_EQ(c.title, "テスト市 在宅医療・介護資源マップ");
  EXPECT_EQ(c.output_dir, dir + "/out");
  ASSERT_EQ(c.inputs.size(), 3u);
  EXPECT_EQ(c.inputs[0].path, dir + "/kaigo/jigyosho_430.csv");
  EXPECT_EQ(c.inputs[0].encoding, "cp932");
  EXPECT_EQ(c.inputs[1].role, InputRole::districts);
  EXPECT_EQ(c.inputs[1].level, DistrictLevel::daily_life_area);
  EXPECT_EQ(c.inputs[1].columns.at("id"), "圏域ID");
  EXPECT_EQ(c.inputs[2].path, "/abs/mesh.geojson");
  EXPECT_EQ(c.inputs[2].years, (std::vector<int>{2020, 2040}));
}

TEST(ProjectFile, StrictErrorsNameFileLineAndKey) {
  const std::string dir = scratch_dir("project_bad");
  auto error_of = [&](const std::string& body) {
    write_file(dir + "/p.toml", body);
    try {
      project::load_project(dir + "/p.toml");
    } catch (const config_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("[[facilities]]\npath = \"a.csv\"\nlayr = \"x\"\n").find("p.toml:3:1: unknown key \"layr\""),
            std::string::npos);
  EXPECT_NE(error_of("[[population]]\npath = \"a.csv\"\nyears = 2040\n").find("p.toml:3:"), std::string::npos);
  EXPECT_NE(error_of("[[districts]]\npath = \"a\"\nlevel = \"town\"\n").find("level must be"), std::string::npos);
  EXPECT_NE(error_of("[project]\ntitle = \"x\"\n").find("names no input files"), std::string::npos);
  EXPECT_NE(error_of("[project\n").find("p.toml:1:"), std::string::npos);
  EXPECT_NE(error_of("[[facilities]]\nformat = \"auto\"\n").find("needs a path"), std::string::npos);
}
