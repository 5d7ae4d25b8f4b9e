/* usga-colonia-history.c — apportioning the quarterly counts per FGJ colonia name to IECM
 * colonias by the shares of that name's 2024 points in each polygon.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "usga-colonia-history.h"
#include "usga-rollup.h"

/* The same statements as the migration's backfill: shares from the bundled 2024 carpetas'
 * own placement (a carpeta outside every colonia makes a "not located" share), then the names
 * no 2024 point carries, by the colonia their name matches or as not located. */
static const char build_sql[] =
  "DELETE FROM colonia_history_share;"
  "INSERT INTO colonia_history_share (colonia_raw, colonia_id, cuadrante_id, share, n_points, method)"
  " SELECT i.colonia_raw, i.colonia_id, i.cuadrante_id, CAST (count(*) AS REAL) / t.n, count(*), 'points'"
  " FROM incident i"
  " JOIN (SELECT colonia_raw, count(*) AS n FROM incident"
  "       WHERE origin = 'bundled' AND year = 2024 AND colonia_raw IS NOT NULL GROUP BY colonia_raw) t"
  "   ON t.colonia_raw = i.colonia_raw"
  " WHERE i.origin = 'bundled' AND i.year = 2024"
  " GROUP BY i.colonia_raw, i.colonia_id, i.cuadrante_id;"
  "INSERT INTO colonia_history_share (colonia_raw, colonia_id, cuadrante_id, share, n_points, method)"
  " SELECT colonia_raw, colonia_id, NULL, 1.0, 0, CASE WHEN colonia_id IS NULL THEN 'not_located' ELSE 'name' END"
  " FROM (SELECT DISTINCT colonia_raw, colonia_id FROM incident_quarterly q"
  "       WHERE NOT EXISTS (SELECT 1 FROM colonia_history_share s WHERE s.colonia_raw = q.colonia_raw));";

gboolean
usga_colonia_history_build (UsgaDb *db, GError **error)
{
  return usga_db_exec (db, build_sql, error);
}

static gboolean
per_area (UsgaGroupBy by)
{
  return by == USGA_BY_COLONIA || by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR;
}

gboolean
usga_colonia_history_is_estimate (UsgaGroupBy by, UsgaFilter *filter)
{
  return per_area (by) || usga_filter_get_area_level (filter) != USGA_AREA_LEVEL_ALCALDIA;
}

/* The published counts get the estimate's columns (no cuadrante), so one WHERE fits both. */
const char *
usga_colonia_history_table (UsgaGroupBy by, UsgaFilter *filter)
{
  UsgaAreaLevel level = usga_filter_get_area_level (filter);

  if (by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR ||
      level == USGA_AREA_LEVEL_CUADRANTE || level == USGA_AREA_LEVEL_SECTOR)
    return "incident_quarterly_estimate";
  if (usga_colonia_history_is_estimate (by, filter))
    return "incident_quarterly_colonia";
  /* Exact, per alcaldía: the counts already summed over the names (a tenth of the rows). */
  return usga_rollup_quarterly_from ();
}

/* Largest remainder (Hamilton): every colonia gets the whole part of its estimate, and the
 * carpetas left to reach the rounded total go to the largest fractions (ties by key). n >= 0,
 * so CAST truncates to the floor. */
char *
usga_colonia_history_round_sql (UsgaGroupBy by, const char *part_sql)
{
  if (!per_area (by))
    return g_strconcat ("SELECT k, label, CAST (round (n) AS INTEGER), pop FROM (", part_sql, ")", NULL);
  return g_strconcat (
      "SELECT k, label, whole + (rank <= short), pop FROM ("
      "  SELECT k, label, pop, whole,"
      "         row_number () OVER (ORDER BY n - whole DESC, k) AS rank,"
      "         CAST (round (sum (n) OVER ()) AS INTEGER) - sum (whole) OVER () AS short"
      "  FROM (SELECT k, label, pop, n, CAST (n AS INTEGER) AS whole FROM (", part_sql, ")))", NULL);
}

const char *
usga_colonia_history_rule (void)
{
  return _("Colonia, cuadrante and sector figures before 2024 are estimated from 2024 point shares: "
           "the FGJ publishes them per colonia name, and each name’s quarterly counts are split among "
           "IECM colonias and SSC cuadrantes in the proportions its 2024 carpetas fall in them "
           "(point-in-polygon), rounded to whole carpetas; names without 2024 points go to the colonia "
           "of the same name, or stay not located. Alcaldía totals are exact.");
}

void
usga_colonia_history_mark (UsgaStats *stats, UsgaFilter *filter)
{
  if (!usga_colonia_history_is_estimate (stats->by, filter))
    return;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      const UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

      if (row->count > 0 && row->source && strstr (row->source, USGA_SOURCE_QUARTERLY))
        {
          stats->estimate_rule = usga_colonia_history_rule ();
          return;
        }
    }
}
