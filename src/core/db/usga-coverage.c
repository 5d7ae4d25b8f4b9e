/* usga-coverage.c — the point_coverage table (see usga-coverage.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-coverage.h"

static int
digits (const char *s, int n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

guint32
usga_coverage_parse_day (const char *day)
{
  int y, m, d;

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return 0;
  y = digits (day, 4);
  m = digits (day + 5, 2);
  d = digits (day + 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return 0;
  {
    g_autoptr(GDate) date = g_date_new_dmy (d, m, y);
    return g_date_get_julian (date);
  }
}

void
usga_coverage_range_free (UsgaCoverageRange *range)
{
  if (range == NULL)
    return;
  g_free (range->dataset);
  g_free (range->first_day);
  g_free (range->last_day);
  g_free (range->origin);
  g_free (range->note);
  g_free (range);
}

gboolean
usga_coverage_add (UsgaDb *db, const char *dataset, const char *first_day, const char *last_day,
                   const char *origin, const char *note, GError **error)
{
  guint32 a = usga_coverage_parse_day (first_day), b = usga_coverage_parse_day (last_day);
  const char *values[] = { dataset, first_day, last_day, origin, note };

  g_return_val_if_fail (dataset != NULL && origin != NULL, FALSE);
  if (a == 0 || b == 0 || a > b)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” to “%s” is not a range of days (YYYY-MM-DD, first not after last)"),
                   first_day ? first_day : "", last_day ? last_day : "");
      return FALSE;
    }
  return usga_db_run_texts (db,
      "INSERT INTO point_coverage (dataset, first_day, last_day, origin, note) VALUES (?, ?, ?, ?, ?)",
      "point_coverage", values, G_N_ELEMENTS (values), error);
}

gboolean
usga_coverage_covers (UsgaDb *db, const char *dataset, const char *first_day, const char *last_day)
{
  guint32 a = usga_coverage_parse_day (first_day), b = usga_coverage_parse_day (last_day);
  guint32 through;  /* every day up to this one is covered */
  gboolean covered = FALSE;
  sqlite3_stmt *stmt;

  if (a == 0 || b == 0 || a > b)
    return FALSE;
  stmt = usga_db_prepare (db,
      "SELECT first_day, last_day FROM point_coverage"
      " WHERE dataset = ? AND last_day >= ? AND first_day <= ? ORDER BY first_day", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, last_day, -1, SQLITE_STATIC);
  through = a - 1;
  while (!covered && sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint32 from = usga_coverage_parse_day ((const char *) sqlite3_column_text (stmt, 0));
      guint32 to = usga_coverage_parse_day ((const char *) sqlite3_column_text (stmt, 1));

      if (from == 0 || to == 0)
        continue;
      if (from > through + 1)
        break;  /* a day between is not covered */
      through = MAX (through, to);
      covered = through >= b;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return covered;
}

GPtrArray *
usga_coverage_list (UsgaDb *db, const char *dataset, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_coverage_range_free);
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT dataset, first_day, last_day, origin, note FROM point_coverage"
      " WHERE ?1 IS NULL OR dataset = ?1 ORDER BY dataset, first_day, last_day", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaCoverageRange *r = g_new0 (UsgaCoverageRange, 1);

      r->dataset = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      r->first_day = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->last_day = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      r->note = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (list, r);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "point_coverage", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
