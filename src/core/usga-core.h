/* usga-core.h — the GTK-free core: database, bundled data, filters, statistics.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-areas.h"
#include "usga-bins.h"
#include "usga-bundled.h"
#include "usga-categories.h"
#include "usga-corridors.h"
#include "usga-csv.h"
#include "usga-datasets.h"
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-geo.h"
#include "usga-geoimport.h"
#include "usga-hotspots.h"
#include "usga-incidents.h"
#include "usga-recommendations.h"
#include "usga-stats.h"
#include "usga-text.h"
#include "usga-utopias.h"
