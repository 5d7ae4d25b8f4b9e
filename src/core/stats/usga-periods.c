/* usga-periods.c — the period rule (see usga-periods.h and usga-stats.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usga-coverage.h"
#include "usga-periods.h"

static gboolean
parse_ymd (const char *day, int *y, int *m, int *d)
{
  guint32 julian = usga_coverage_parse_day (day);

  if (julian == 0)
    return FALSE;
  *y = atoi (day);
  *m = atoi (day + 5);
  *d = atoi (day + 8);
  return TRUE;
}

static void
quarter_days (int year, int quarter, char first[11], char last[11])
{
  static const char *const ends[] = { "03-31", "06-30", "09-30", "12-31" };

  g_snprintf (first, 11, "%04d-%02d-01", year, quarter * 3 - 2);
  g_snprintf (last, 11, "%04d-%s", year, ends[quarter - 1]);
}

gboolean
usga_quarter_bounds (const char *day, char first[11], char last[11])
{
  int y, m, d;

  if (!parse_ymd (day, &y, &m, &d))
    return FALSE;
  quarter_days (y, (m + 2) / 3, first, last);
  return TRUE;
}

void
usga_period_plan_free (UsgaPeriodPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->days);
  g_array_unref (plan->quarters);
  g_ptr_array_unref (plan->snapped);
  g_ptr_array_unref (plan->unanswered);
  g_array_unref (plan->skipped);
  g_free (plan->counted_from);
  g_free (plan->counted_to);
  g_free (plan);
}

/* Appends [from, to], joining it to the last range when they touch and are of one kind. */
static void
append_range (GArray *ranges, const char *from, const char *to, gboolean partial)
{
  if (ranges->len > 0)
    {
      UsgaDayRange *last = &g_array_index (ranges, UsgaDayRange, ranges->len - 1);

      if (last->partial == partial &&
          usga_coverage_parse_day (last->to) + 1 == usga_coverage_parse_day (from))
        {
          g_strlcpy (last->to, to, sizeof last->to);
          return;
        }
    }
  {
    UsgaDayRange r = { "", "", partial };

    g_strlcpy (r.from, from, sizeof r.from);
    g_strlcpy (r.to, to, sizeof r.to);
    g_array_append_val (ranges, r);
  }
}

static void
widen (UsgaPeriodPlan *plan, const char *from, const char *to)
{
  if (plan->counted_from == NULL || strcmp (from, plan->counted_from) < 0)
    {
      g_free (plan->counted_from);
      plan->counted_from = g_strdup (from);
    }
  if (plan->counted_to == NULL || strcmp (to, plan->counted_to) > 0)
    {
      g_free (plan->counted_to);
      plan->counted_to = g_strdup (to);
    }
}

/* min/max of a date query; NULL when the table is empty. */
static char *
query_text (UsgaDb *db, const char *sql)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

UsgaPeriodPlan *
usga_period_plan_new (UsgaDb *db, const char *from, const char *to, gboolean quarterly_usable,
                      GError **error)
{
  g_autoptr(UsgaPeriodPlan) plan = g_new0 (UsgaPeriodPlan, 1);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;
  int y, m, d, y1, q, q1, rc, first_published = 0, last_published = 0;

  plan->days = g_array_new (FALSE, FALSE, sizeof (UsgaDayRange));
  plan->quarters = g_array_new (FALSE, FALSE, sizeof (int));
  plan->snapped = g_ptr_array_new_with_free_func (g_free);
  plan->unanswered = g_ptr_array_new_with_free_func (g_free);
  plan->skipped = g_array_new (FALSE, FALSE, sizeof (UsgaDayRange));

  /* The span of the published quarterly file, from its (year, quarter) index. */
  stmt = usga_db_prepare (db,
      "SELECT (SELECT year * 10 + quarter FROM incident_quarterly ORDER BY year, quarter LIMIT 1),"
      " (SELECT year * 10 + quarter FROM incident_quarterly ORDER BY year DESC, quarter DESC LIMIT 1)", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      first_published = sqlite3_column_int (stmt, 0);
      last_published = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      usga_db_fail (db, rc, "published quarters", error);
      return NULL;
    }

  /* An open end means the first or last record of either source. */
  if (from)
    first = g_strdup (from);
  else
    {
      char qs[11], qe[11];

      first = query_text (db, "SELECT min (date) FROM incident");
      if (first_published > 0)
        {
          quarter_days (first_published / 10, first_published % 10, qs, qe);
          if (first == NULL || strcmp (qs, first) < 0)
            {
              g_free (first);
              first = g_strdup (qs);
            }
        }
    }
  if (to)
    last = g_strdup (to);
  else
    {
      char qs[11], qe[11];

      last = query_text (db, "SELECT max (date) FROM incident");
      if (last_published > 0)
        {
          quarter_days (last_published / 10, last_published % 10, qs, qe);
          if (last == NULL || strcmp (qe, last) > 0)
            {
              g_free (last);
              last = g_strdup (qe);
            }
        }
    }
  if (first == NULL || last == NULL || !parse_ymd (first, &y, &m, &d) ||
      !parse_ymd (last, &y1, &q1, &d) || strcmp (first, last) > 0)
    return g_steal_pointer (&plan);   /* nothing to count */

  q = (m + 2) / 3;
  q1 = (q1 + 2) / 3;
  for (; y < y1 || (y == y1 && q <= q1); q == 4 ? (q = 1, y++) : q++)
    {
      char qs[11], qe[11];
      const char *a, *b;
      gboolean whole;

      quarter_days (y, q, qs, qe);
      a = strcmp (first, qs) > 0 ? first : qs;
      b = strcmp (last, qe) < 0 ? last : qe;
      whole = g_str_equal (a, qs) && g_str_equal (b, qe);

      if (usga_coverage_covers (db, "carpetas", a, b))
        {
          append_range (plan->days, a, b, FALSE);
          widen (plan, a, b);
        }
      /* The published file spans its first to last quarter: a quarter inside it without a
       * row for some colonia or delito is a published zero, not missing data. */
      else if (y * 10 + q < first_published || y * 10 + q > last_published)
        {
          append_range (plan->days, a, b, TRUE);
          widen (plan, a, b);
        }
      else if (quarterly_usable)
        {
          int key = y * 10 + q;

          g_array_append_val (plan->quarters, key);
          if (!whole)
            g_ptr_array_add (plan->snapped, g_strdup_printf ("%04d-Q%d", y, q));
          append_range (plan->skipped, a, b, FALSE);
          widen (plan, qs, qe);
        }
      else
        {
          g_ptr_array_add (plan->unanswered, g_strdup_printf ("%04d-Q%d", y, q));
          append_range (plan->skipped, a, b, FALSE);
        }
    }
  return g_steal_pointer (&plan);
}

char *
usga_period_plan_quarters_json (UsgaPeriodPlan *plan)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < plan->quarters->len; i++)
    g_string_append_printf (json, "%s%d", i ? "," : "", g_array_index (plan->quarters, int, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}
