/* usga-colonia-history.h — colonia figures before the point data: the published quarterly
 * counts know only the FGJ's colonia name, so per IECM colonia they are apportioned by where
 * that name's 2024 points fall (point-in-polygon). Such figures are estimates and say so.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-stats.h"

G_BEGIN_DECLS

/* Fills colonia_history_share from the bundled 2024 carpetas (already placed by point-in-
 * polygon) and the quarterly names: each name's share of points per colonia ("points"; a NULL
 * colonia is the share of its points outside every colonia), names without 2024 points by
 * their name match ("name", share 1) or not at all ("not_located", NULL colonia, share 1). */
gboolean    usga_colonia_history_build (UsgaDb *db, GError **error);

/* TRUE when a quarterly figure for @by and @filter is per IECM colonia, hence an estimate. */
gboolean    usga_colonia_history_is_estimate (UsgaGroupBy by, UsgaFilter *filter);
/* The table (or view) the quarterly part reads, as "<name>": the published counts per FGJ
 * name (exact), or incident_quarterly_colonia (the apportioned estimates, REAL counts). Both
 * have colonia_raw, colonia_id, year, quarter, delito_id and count. */
const char *usga_colonia_history_table (UsgaGroupBy by, UsgaFilter *filter);
/* Wraps a by-colonia quarterly part whose columns are k, label, n (a REAL sum), pop into one
 * that rounds n to whole carpetas by largest remainder, so the colonias add up to the exact
 * total of the names they share. Other parts get n rounded. */
char       *usga_colonia_history_round_sql (UsgaGroupBy by, const char *part_sql);
/* The rule, translated, for method notes, the CLI and the printout. */
const char *usga_colonia_history_rule (void);
/* Sets @stats->estimate_rule when its quarterly part contributed to per-colonia rows. */
void        usga_colonia_history_mark (UsgaStats *stats, UsgaFilter *filter);

/* How the share table was built: names and carpetas (2019–2023 sum) per method. */
typedef struct {
  guint  names_points, names_by_name, names_not_located;
  gint64 carpetas_by_name, carpetas_not_located;
} UsgaColoniaHistorySummary;
gboolean    usga_colonia_history_summary (UsgaDb *db, UsgaColoniaHistorySummary *out, GError **error);

G_END_DECLS
