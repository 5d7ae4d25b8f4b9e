/* usga-series.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "usga-categories.h"
#include "usga-periods.h"
#include "usga-series.h"
#include "usga-text.h"

void
usga_series_moving_average (const double *values, guint n, guint window, double *out)
{
  g_return_if_fail (window >= 1);

  for (guint i = 0; i < n; i++)
    {
      double sum = 0;

      if (i + 1 < window)
        {
          out[i] = NAN;
          continue;
        }
      for (guint j = i + 1 - window; j <= i; j++)
        sum += values[j];
      out[i] = sum / window;   /* a NAN input propagates */
    }
}

char *
usga_stats_previous_year_key (UsgaGroupBy by, const char *key)
{
  if ((by == USGA_BY_MONTH || by == USGA_BY_QUARTER || by == USGA_BY_YEAR) &&
      strlen (key) >= 4 && g_ascii_isdigit (key[0]))
    return g_strdup_printf ("%04d%s", atoi (key) - 1, key + 4);
  return g_strdup (key);
}

gboolean
usga_stats_key_bounds (UsgaGroupBy by, const char *key, char first[11], char last[11])
{
  int y, q, mo;

  if (by == USGA_BY_QUARTER && sscanf (key, "%d-Q%d", &y, &q) == 2 && q >= 1 && q <= 4)
    {
      char day[11];

      g_snprintf (day, sizeof day, "%04d-%02d-01", y, (q - 1) * 3 + 1);
      return usga_quarter_bounds (day, first, last);
    }
  if (by == USGA_BY_MONTH && sscanf (key, "%d-%d", &y, &mo) == 2 && mo >= 1 && mo <= 12)
    {
      g_snprintf (first, 11, "%04d-%02d-01", y, mo);
      g_snprintf (last, 11, "%04d-%02d-%02d", y, mo, g_date_get_days_in_month (mo, y));
      return TRUE;
    }
  if (by == USGA_BY_YEAR && sscanf (key, "%d", &y) == 1)
    {
      g_snprintf (first, 11, "%04d-01-01", y);
      g_snprintf (last, 11, "%04d-12-31", y);
      return TRUE;
    }
  return FALSE;
}

gint64
usga_stats_previous_count (UsgaStats *previous, UsgaGroupBy by, const char *key)
{
  g_autofree char *wanted = usga_stats_previous_year_key (by, key);

  for (guint i = 0; previous && i < previous->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (previous->rows, i);
      if (g_str_equal (row->key, wanted))
        return row->count;
    }
  return -1;
}

/* ---- victims ---- */

static const char *const age_labels[USGA_N_AGE_GROUPS] = { "0–17", "18–29", "30–44", "45–59", "60+" };

const char *
usga_age_group_label (guint group)
{
  g_return_val_if_fail (group < USGA_N_AGE_GROUPS, NULL);
  return age_labels[group];
}

guint
usga_age_group_of (int age)
{
  return age < 18 ? 0 : age < 30 ? 1 : age < 45 ? 2 : age < 60 ? 3 : 4;
}

gboolean
usga_victims_by_sex_age (UsgaDb *db, UsgaFilter *filter, UsgaVictimStats *out, GError **error)
{
  /* Same filter semantics as usga_stats_query() on carpetas; every value is bound. */
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT v.sex, v.age, count(*) FROM victim v JOIN delito d ON d.id = v.delito_id"
      " WHERE v.date >= COALESCE (?1, '') AND v.date <= COALESCE (?2, '9999')"
      " AND (?3 IS NULL OR d.category IN (SELECT value FROM json_each (?3)))"
      " AND (?4 IS NULL OR d.name = ?4)"
      " AND (?5 IS NULL OR v.colonia_id = ?5)"
      " AND (?6 IS NULL OR v.cuadrante_id = ?6)"
      " AND (?7 IS NULL OR v.cuadrante_id IN (SELECT id FROM cuadrante WHERE sector_id = ?7))"
      " AND (v.alcaldia IS NULL OR v.alcaldia = 'IZTAPALAPA')"
      " GROUP BY v.sex, v.age", error);
  g_autofree char *categories = NULL;
  g_autofree char *delito = NULL;
  gint64 area = usga_filter_get_area_id (filter);
  int rc;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  categories = usga_filter_categories_json (filter);
  delito = usga_filter_get_delito (filter) ? usga_text_normalize (usga_filter_get_delito (filter)) : NULL;
  sqlite3_bind_text (stmt, 1, usga_filter_get_date_from (filter), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, usga_filter_get_date_to (filter), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, delito, -1, SQLITE_STATIC);
  if (area > 0)
    switch (usga_filter_get_area_level (filter))
      {
      case USGA_AREA_LEVEL_COLONIA:   sqlite3_bind_int64 (stmt, 5, area); break;
      case USGA_AREA_LEVEL_CUADRANTE: sqlite3_bind_int64 (stmt, 6, area); break;
      case USGA_AREA_LEVEL_SECTOR:    sqlite3_bind_int64 (stmt, 7, area); break;
      case USGA_AREA_LEVEL_ALCALDIA:  break;
      }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sex = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 2);
      int s = g_strcmp0 (sex, "F") == 0 ? 0 : g_strcmp0 (sex, "M") == 0 ? 1 : -1;

      out->total += n;
      if (s < 0)
        out->unknown_sex += n;
      else if (sqlite3_column_type (stmt, 1) == SQLITE_NULL || sqlite3_column_int (stmt, 1) < 0)
        out->unknown_age[s] += n;
      else
        out->counts[s][usga_age_group_of (sqlite3_column_int (stmt, 1))] += n;
    }
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "victims", error);
  out->rows_in_table = usga_db_query_int (db, "SELECT count(*) FROM victim", 0);
  return TRUE;
}

/* ---- the report's baseline ---- */

static void
baseline_free (gpointer data)
{
  UsgaBaseline *b = data;

  g_free (b->category);
  g_free (b->label);
  g_free (b->source_ref);
  g_free (b);
}

GPtrArray *
usga_report_baseline_load (UsgaDb *db, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT category, label, from_year, to_year, change_pct, source_ref FROM report_baseline ORDER BY id", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (baseline_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaBaseline *b = g_new0 (UsgaBaseline, 1);

      b->category = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      b->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      b->from_year = sqlite3_column_int (stmt, 2);
      b->to_year = sqlite3_column_int (stmt, 3);
      b->change_pct = sqlite3_column_double (stmt, 4);
      b->source_ref = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (rows, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "report_baseline", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
usga_report_baseline_for (GPtrArray *baselines, const char *key)
{
  GPtrArray *found = g_ptr_array_new ();

  /* An exact match ("robbery" has its own line); else the members of the group the key
   * names ("sexual" -> sexual abuse and rape). */
  for (guint i = 0; baselines && key && i < baselines->len; i++)
    {
      UsgaBaseline *b = g_ptr_array_index (baselines, i);
      if (g_str_equal (b->category, key))
        g_ptr_array_add (found, b);
    }
  for (guint i = 0, exact = found->len; exact == 0 && baselines && key && i < baselines->len; i++)
    {
      UsgaBaseline *b = g_ptr_array_index (baselines, i);
      const UsgaCategory *c = usga_category_lookup (b->category);
      if (c && g_strcmp0 (c->group, key) == 0)
        g_ptr_array_add (found, b);
    }
  return found;
}
