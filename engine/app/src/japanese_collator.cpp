#include "careatlas/app/booklet_plan.hpp"
