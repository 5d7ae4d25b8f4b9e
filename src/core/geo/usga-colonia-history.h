/* usga-colonia-history.h — area figures before the point data: the published quarterly counts
 * know only the FGJ's colonia name, so per IECM colonia (and SSC cuadrante, sector) they are
 * apportioned by where that name's 2024 points fall (point-in-polygon). Such figures are
 * estimates and say so.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-stats.h"

G_BEGIN_DECLS

/* Fills colonia_history_share from the bundled 2024 carpetas (already placed by point-in-
 * polygon) and the quarterly names: each name's share of points per (colonia, cuadrante) pair
 * ("points"; NULL is the share outside every colonia or cuadrante), names without 2024 points
 * by their name match ("name", share 1, no cuadrante) or not at all ("not_located"). */
gboolean    usga_colonia_history_build (UsgaDb *db, GError **error);

/* TRUE when a quarterly figure for @by and @filter is per colonia, cuadrante or sector (grouped
 * or filtered), hence an estimate. */
gboolean    usga_colonia_history_is_estimate (UsgaGroupBy by, UsgaFilter *filter);
/* What the quarterly part reads FROM: the published counts summed over the FGJ names (exact,
 * usga_rollup_quarterly_from), or
 * incident_quarterly_estimate (the apportioned estimates per colonia and cuadrante, REAL
 * counts), or incident_quarterly_colonia (the same summed per colonia). All have colonia_raw,
 * colonia_id, cuadrante_id (NULL in the published counts), year, quarter, delito_id, count. */
const char *usga_colonia_history_table (UsgaGroupBy by, UsgaFilter *filter);
/* Wraps a quarterly part whose columns are k, label, n (a REAL sum), pop. By colonia, cuadrante
 * or sector, n is rounded to whole carpetas by largest remainder, so the areas add up to the
 * exact total of the names they share; other parts get n rounded. */
char       *usga_colonia_history_round_sql (UsgaGroupBy by, const char *part_sql);
/* The rule, translated, for method notes, the CLI and the printout. */
const char *usga_colonia_history_rule (void);
/* Sets @stats->estimate_rule when its quarterly part contributed to rows of an estimate. */
void        usga_colonia_history_mark (UsgaStats *stats, UsgaFilter *filter);

G_END_DECLS
