/* usga-colonia-history.c — apportioning the quarterly counts per FGJ colonia name to IECM
 * colonias by the shares of that name's 2024 points in each polygon.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "usga-colonia-history.h"
#include "usga-colonia-history-sql.h"
#include "usga-rollup.h"

/* The migration's backfill runs the same statements. */
static const char build_sql[] = USGA_COLONIA_HISTORY_SHARE_SQL;

gboolean
usga_colonia_history_build (UsgaDb *db, GError **error)
{
  return usga_db_exec (db, build_sql, error);
}

gboolean
usga_colonia_history_per_area (UsgaGroupBy by)
{
  return by == USGA_BY_COLONIA || by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR;
}

gboolean
usga_colonia_history_is_estimate (UsgaGroupBy by, UsgaFilter *filter)
{
  return usga_colonia_history_per_area (by) || usga_filter_get_area_level (filter) != USGA_AREA_LEVEL_ALCALDIA;
}

/* The published counts get the estimate's columns (no cuadrante), so one WHERE fits both;
 * SQLite flattens the subquery, so it reads the table's index as before. */
UsgaHistorySplit
usga_colonia_history_split (UsgaGroupBy by, UsgaFilter *filter)
{
  UsgaAreaLevel level = usga_filter_get_area_level (filter);

  if (by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR ||
      level == USGA_AREA_LEVEL_CUADRANTE || level == USGA_AREA_LEVEL_SECTOR)
    return USGA_HISTORY_PER_PAIR;
  if (usga_colonia_history_is_estimate (by, filter))
    return USGA_HISTORY_PER_COLONIA;
  return USGA_HISTORY_EXACT;
}

const char *
usga_colonia_history_table (UsgaGroupBy by, UsgaFilter *filter)
{
  switch (usga_colonia_history_split (by, filter))
    {
    case USGA_HISTORY_PER_PAIR:     return "incident_quarterly_estimate";
    case USGA_HISTORY_PER_COLONIA:  return "incident_quarterly_colonia";
    case USGA_HISTORY_EXACT:
    default:
      /* Exact, per alcaldía: the counts already summed over the names (a tenth of the rows). */
      return usga_rollup_quarterly_from ();
    }
}

/* Largest remainder (Hamilton): every colonia gets the whole part of its estimate, and the
 * carpetas left to reach the rounded total go to the largest fractions (ties by key), all in
 * whole nano-carpetas (USGA_HISTORY_NANO_SQL). usga-cube-query.c does the same in C. */
char *
usga_colonia_history_round_sql (UsgaGroupBy by, const char *part_sql)
{
  if (!usga_colonia_history_per_area (by))
    return g_strconcat ("SELECT k, label, " USGA_HISTORY_ROUND_SQL ("n") ", pop FROM (", part_sql, ")", NULL);
  return g_strconcat (
      "SELECT k, label, whole + (rank <= short), pop FROM ("
      "  SELECT k, label, pop, whole,"
      "         row_number () OVER (ORDER BY nano % 1000000000 DESC, k) AS rank,"
      "         (sum (nano) OVER () + 500000000) / 1000000000 - sum (whole) OVER () AS short"
      "  FROM (SELECT k, label, pop, nano, nano / 1000000000 AS whole"
      "        FROM (SELECT k, label, pop, " USGA_HISTORY_NANO_SQL ("n") " AS nano FROM (", part_sql, "))))", NULL);
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
