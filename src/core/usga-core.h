/* usga-core.h — the GTK-free core: database, bundled data, filters, statistics.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-areas.h"
#include "usga-bundled.h"
#include "usga-categories.h"
#include "usga-ckan.h"
#include "usga-csv.h"
#include "usga-datasets.h"
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-geo.h"
#include "usga-incidents.h"
#include "usga-recommendations.h"
#include "usga-tracker.h"
#include "usga-schema.h"
#include "usga-series.h"
#include "usga-stats.h"
#include "usga-sync.h"
#include "usga-text.h"
#include "usga-victims.h"
