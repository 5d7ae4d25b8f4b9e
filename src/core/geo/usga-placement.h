/* usga-placement.h — a carpeta belongs to the polygon that contains it (the smallest one where
 * polygons overlap); one in none, or without coordinates, is "not located" and counted as such.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-stats.h"

G_BEGIN_DECLS

/* The "not located" row of a by-colonia, by-cuadrante or by-sector result (key "0"); 0 when
 * there is none, -1 for other groupings. */
gint64      usga_placement_not_located (const UsgaStats *stats);
/* Carpetas matching @filter that lie in no colonia (@level COLONIA) or no cuadrante (CUADRANTE
 * or SECTOR); -1 on error. */
gint64      usga_placement_count_not_located (UsgaDb *db, UsgaFilter *filter, UsgaAreaLevel level,
                                              GError **error);
/* The rule, translated, for method notes. */
const char *usga_placement_rule (void);

G_END_DECLS
