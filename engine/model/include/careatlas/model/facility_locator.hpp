#pragma once
// What the importers ask of every facility they import when the project reads 位置参照情報
// (ImportSession::locate_with): where is it? The reader has already judged the published
// point (missing, 0/0 and outside Japan are no point); the locator keeps it, checks it
// against the address, or — when there is none — places the facility at its address.
// The implementation (careatlas::address::AddressLocator) is outside the model: this is
// the interface the importers see.
#include <string>
#include <vector>

#include "careatlas/model/diagnostic.hpp"
#include "careatlas/model/facility.hpp"

namespace careatlas {

// A finding about one facility, reported against its input row.
struct LocateNote {
  DiagCode code;
  std::string column;
  std::string value;
  std::string message;
};

class FacilityLocator {
 public:
  virtual ~FacilityLocator() = default;
  // Sets f.location_source and f.address_match (and f.location when it locates or
  // replaces); appends what is worth reporting to `notes`.
  virtual void locate(Facility& f, std::vector<LocateNote>& notes) const = 0;
};

}  // namespace careatlas
