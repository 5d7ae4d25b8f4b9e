/* usga-stats-shape.c — shaping a stats result: zero rows for gaps, totals, rates, labels and order.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "usga-categories.h"
#include "usga-stats-private.h"

gboolean
usga_stats_is_time_group (UsgaGroupBy by)
{
  return by == USGA_BY_MONTH || by == USGA_BY_QUARTER || by == USGA_BY_YEAR;
}

static int
compare_key (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;
  return strcmp (ra->key, rb->key);
}

static int
compare_numeric_key (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;
  return atoi (ra->key) - atoi (rb->key);
}

static int
compare_count_desc (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;

  if (ra->count != rb->count)
    return ra->count < rb->count ? 1 : -1;
  return strcmp (ra->key, rb->key);
}

void
usga_stats_add_zero_row (GPtrArray *rows, char *key, const char *source)
{
  UsgaStatRow *row = g_new0 (UsgaStatRow, 1);

  row->key = key;
  row->source = source;
  g_ptr_array_add (rows, row);
}

static void
add_zero_key (GPtrArray *rows, GHashTable *by_key, char *key, const char *source)
{
  if (g_hash_table_contains (by_key, key))
    g_free (key);
  else
    {
      usga_stats_add_zero_row (rows, key, source);
      g_hash_table_add (by_key, key);
    }
}

/* The month, quarter or year keys of [from, to], each added as a zero row when missing. */
static void
add_zero_periods (UsgaStats *stats, GHashTable *by_key, const char *from, const char *to, const char *source)
{
  int y = atoi (from), m = atoi (from + 5), y1 = atoi (to), m1 = atoi (to + 5);

  while (y < y1 || (y == y1 && m <= m1))
    {
      char *key = stats->by == USGA_BY_MONTH ? g_strdup_printf ("%04d-%02d", y, m)
                : stats->by == USGA_BY_QUARTER ? g_strdup_printf ("%04d-Q%d", y, (m + 2) / 3)
                : g_strdup_printf ("%04d", y);

      add_zero_key (stats->rows, by_key, key, source);
      if (++m > 12)
        m = 1, y++;
    }
}

/* Time series and hour/weekday profiles get explicit zero rows, so a chart never hides a gap:
 * a time series has a row for every period the plan counts, zero months at the edges too. */
void
usga_stats_fill_gaps (UsgaStats *stats, GHashTable *by_key, UsgaPeriodPlan *plan)
{
  UsgaGroupBy by = stats->by;
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);

  if (by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY || by == USGA_BY_HOUR_WEEKDAY)
    {
      int weekdays = by == USGA_BY_HOUR ? 1 : 7, hours = by == USGA_BY_WEEKDAY ? 1 : 24;

      for (int w = 1; w <= weekdays; w++)
        for (int h = 0; h < hours; h++)
          {
            char *key = by == USGA_BY_HOUR ? g_strdup_printf ("%d", h)
                      : by == USGA_BY_WEEKDAY ? g_strdup_printf ("%d", w)
                      : g_strdup_printf ("%d-%02d", w, h);
            if (g_hash_table_contains (by_key, key))
              g_free (key);
            else
              usga_stats_add_zero_row (stats->rows, key, USGA_SOURCE_POINTS);
          }
      return;
    }

  if (!usga_stats_is_time_group (by))
    return;
  /* Zeros only where a zero is known: days with a complete record, published quarters. Days
   * without either show only the periods their rows fall in. */
  for (guint i = 0; i < plan->days->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (plan->days, UsgaDayRange, i);
      if (!r->partial)
        add_zero_periods (stats, by_key, r->from, r->to, USGA_SOURCE_POINTS);
    }
  /* Whole published quarters have no months. */
  for (guint i = 0; by != USGA_BY_MONTH && i < plan->quarters->len; i++)
    {
      int yq = g_array_index (plan->quarters, int, i);
      char from[11];

      g_snprintf (from, sizeof from, "%04d-%02d-01", yq / 10, (yq % 10) * 3 - 2);
      add_zero_periods (stats, by_key, from, from, USGA_SOURCE_QUARTERLY);
    }
}

static char *
weekday_name (int weekday)
{
  static const char *const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  return g_strdup (weekday >= 1 && weekday <= 7 ? _(names[weekday - 1]) : "?");
}

/* Totals, populations, rates and labels of the rows, in the group's order. */
void
usga_stats_finish (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats)
{
  UsgaGroupBy by = stats->by;
  gint64 area_population = usga_stats_area_population (db, filter);

  stats->non_criminal = by == USGA_BY_CATEGORY ? 0 : -1;
  stats->not_located = by == USGA_BY_COLONIA ? 0 : -1;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

      stats->total += row->count;
      if (by == USGA_BY_CATEGORY && g_str_equal (row->key, USGA_CATEGORY_NON_CRIMINAL))
        stats->non_criminal += row->count;
      if (by == USGA_BY_COLONIA && g_str_equal (row->key, "0"))
        stats->not_located += row->count;
      if (by != USGA_BY_COLONIA && by != USGA_BY_CUADRANTE && by != USGA_BY_SECTOR)
        row->population = area_population;
      row->rate = usga_rate_per_100k (row->count, row->population);

      if (row->label == NULL || *row->label == '\0')
        {
          g_free (row->label);
          switch (by)
            {
            case USGA_BY_CATEGORY: row->label = g_strdup (usga_category_name (row->key)); break;
            case USGA_BY_WEEKDAY:  row->label = weekday_name (atoi (row->key)); break;
            case USGA_BY_HOUR:     row->label = g_strdup_printf ("%02d:00", atoi (row->key)); break;
            case USGA_BY_COLONIA:  row->label = g_strdup (_("Colonia not identified")); break;
            case USGA_BY_CUADRANTE: row->label = g_strdup (_("Outside the cuadrantes")); break;
            case USGA_BY_SECTOR:   row->label = g_strdup (_("Outside the sectors")); break;
            case USGA_BY_NONE:     row->label = g_strdup (_("Total")); break;
            default:               row->label = g_strdup (row->key); break;
            }
        }
    }

  if (usga_stats_is_time_group (by))
    g_ptr_array_sort (stats->rows, compare_key);
  else if (by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY)
    g_ptr_array_sort (stats->rows, compare_numeric_key);
  else if (by == USGA_BY_HOUR_WEEKDAY)
    g_ptr_array_sort (stats->rows, compare_key);
  else
    g_ptr_array_sort (stats->rows, compare_count_desc);
}
