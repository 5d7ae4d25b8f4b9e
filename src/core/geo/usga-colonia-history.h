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
/* How the quarterly part splits the published counts: as published per FGJ name (exact), per
 * colonia (the name's shares summed per colonia), or per (colonia, cuadrante) pair. */
typedef enum {
  USGA_HISTORY_EXACT,
  USGA_HISTORY_PER_COLONIA,
  USGA_HISTORY_PER_PAIR,
} UsgaHistorySplit;

UsgaHistorySplit usga_colonia_history_split (UsgaGroupBy by, UsgaFilter *filter);
/* TRUE when @by's areas get the largest-remainder rounding (colonia, cuadrante, sector). */
gboolean    usga_colonia_history_per_area (UsgaGroupBy by);

/* The estimates are REAL sums whose last bits depend on the order they were added in; both the
 * SQL and the in-memory index (usga-cube-query.c) round them to whole nano-carpetas first, so
 * a floor, a rounding or a tie between areas never depends on that order. n >= 0. */
#define USGA_HISTORY_NANO_SQL(n) "CAST (round ((" n ") * 1e9) AS INTEGER)"
#define USGA_HISTORY_ROUND_SQL(n) "((" USGA_HISTORY_NANO_SQL (n) " + 500000000) / 1000000000)"
static inline gint64
usga_history_nano (double n)
{
  return (gint64) (n * 1e9 + 0.5);   /* SQLite's round (x) for x >= 0 */
}
static inline gint64
usga_history_round (double n)
{
  return (usga_history_nano (n) + 500000000) / 1000000000;
}

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
