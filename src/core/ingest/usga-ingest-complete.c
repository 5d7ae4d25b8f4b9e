/* usga-ingest-complete.c — a complete run supersedes what the database held for its days, trimmed to the published counts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "usga-coverage.h"
#include "usga-format.h"
#include "usga-ingest.h"

/* Runs @sql with ?1 = @first_day, ?2 = @last_day, ?3 = @log_id, ?4 = @origin (those it uses). */
static gboolean
step_range (UsgaDb *db, const char *sql, gint64 log_id, const char *origin, const char *first_day,
            const char *last_day, gint64 *changes, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, last_day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, log_id);
  if (origin)
    sqlite3_bind_text (stmt, 4, origin, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "incident", error);
  if (changes)
    *changes = sqlite3_changes (usga_db_handle (db));
  return TRUE;
}

/* "2024-03 (2,517), 2024-04 (2,390)": the bundled carpetas of [@first_day, @last_day] by month. */
static gboolean
bundled_months (UsgaDb *db, const char *first_day, const char *last_day, char **out, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT substr (date, 1, 7), count(*) FROM incident WHERE origin = 'bundled' AND date BETWEEN ? AND ?"
      " GROUP BY 1 ORDER BY 1", error);
  g_autoptr(GString) text = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, last_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *n = usga_format_count (sqlite3_column_int64 (stmt, 1));
      g_string_append_printf (text, "%s%s (%s)", text->len ? ", " : "", sqlite3_column_text (stmt, 0), n);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "incident", error);
  *out = text->len ? g_strdup (text->str) : NULL;
  return TRUE;
}

/* The quarter holding @day: its first and last day, its published carpetas (0: none). */
static gboolean
quarter_of (UsgaIngest *in, const char *day, char start[11], char end[11], gint64 *published, GError **error)
{
  sqlite3_stmt *stmt;
  GDate d;
  int y = atoi (day), q = (atoi (day + 5) - 1) / 3 + 1;

  g_snprintf (start, 11, "%04d-%02d-01", y, 3 * q - 2);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 3 * q - 2, y);
  g_date_add_months (&d, 3);
  g_date_subtract_days (&d, 1);
  g_snprintf (end, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  stmt = usga_db_prepare (in->db, "SELECT COALESCE (sum (count), 0) FROM incident_quarterly WHERE year = ? AND quarter = ?",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, y);
  sqlite3_bind_int (stmt, 2, q);
  *published = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* What the run holds on days [@a, @b]: the rows that are not bundled (its own, near enough) and
 * the bundled ones it found again. SELECT @what: count(*), min (date) or max (date). */
#define RUN_ROWS(what) \
  "SELECT " what " FROM incident WHERE date BETWEEN ?1 AND ?2 AND (alcaldia IS NULL OR alcaldia = 'IZTAPALAPA')" \
  " AND (origin <> 'bundled' OR id IN (SELECT incident_id FROM bundled_match WHERE sync_id = ?3))"

static gboolean
run_rows (UsgaIngest *in, const char *sql, const char *a, const char *b, gint64 *count, char day[11], GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (in->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, in->log_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (count)
        *count = sqlite3_column_int64 (stmt, 0);
      if (day)
        {
          day[0] = '\0';
          if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
            g_strlcpy (day, (const char *) sqlite3_column_text (stmt, 0), 11);
        }
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static guint
days_between (const char *a, const char *b)
{
  return usga_coverage_parse_day (b) - usga_coverage_parse_day (a) + 1;
}

/* @out = the day before or after @day (@step -1 or 1). */
static void
next_day (const char *day, int step, char out[11])
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, usga_coverage_parse_day (day));
  if (step > 0)
    g_date_add_days (&d, 1);
  else
    g_date_subtract_days (&d, 1);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

/* A complete source agrees with the published quarterly counts where there are some. At each
 * end of the range, the run's rows on the days it covers of that quarter must reach half the
 * quarter's published carpetas pro rata (one day varies, a missing month does not hide), else
 * the range moves to the run's next day beyond that quarter: the FGJ's annual files go by the
 * day a carpeta was opened, so they hold a thin tail of earlier events, and a handful of rows
 * is no complete record of their days. (The bundled 2024 points are 27 540 of 27 541 published.) */
static gboolean
trim_to_published (UsgaIngest *in, char first[11], char last[11], gboolean *trimmed, GError **error)
{
  for (int at_end = 0; at_end < 2; at_end++)
    while (strcmp (first, last) <= 0)
      {
        char start[11], stop[11], beyond[11];
        const char *a, *b;
        gint64 published = 0, rows = 0;

        if (!quarter_of (in, at_end ? last : first, start, stop, &published, error))
          return FALSE;
        if (published == 0)
          break;
        a = strcmp (start, first) > 0 ? start : first;   /* the quarter's days in the range */
        b = strcmp (stop, last) < 0 ? stop : last;
        if (!run_rows (in, RUN_ROWS ("count(*)"), a, b, &rows, NULL, error))
          return FALSE;
        if (rows * 2 * days_between (start, stop) >= published * days_between (a, b))
          break;
        *trimmed = TRUE;
        if (at_end)
          {
            next_day (start, -1, beyond);
            if (!run_rows (in, RUN_ROWS ("max (date)"), first, beyond, NULL, last, error))
              return FALSE;
          }
        else
          {
            next_day (stop, 1, beyond);
            if (!run_rows (in, RUN_ROWS ("min (date)"), beyond, last, NULL, first, error))
              return FALSE;
          }
        if (first[0] == '\0' || last[0] == '\0')
          {
            /* Nothing beyond: no range at all. */
            g_strlcpy (first, "9999-12-31", 11);
            g_strlcpy (last, "0000-01-01", 11);
          }
      }
  return TRUE;
}

gboolean
usga_ingest_finish_complete (UsgaIngest *in, const char *first_day, const char *last_day, GError **error)
{
  UsgaSyncSummary *s = in->summary;
  const char *dataset = usga_table_kind_dataset (in->kind);
  g_autofree char *note = NULL;
  gint64 kept = 0, removed = 0;
  char first[11], last[11];

  if (first_day == NULL || last_day == NULL)
    {
      if (in->first_day[0] == '\0')
        return TRUE;  /* no rows: nothing is known complete */
      first_day = in->first_day;
      last_day = in->last_day;
    }
  g_strlcpy (first, first_day, sizeof first);
  g_strlcpy (last, last_day, sizeof last);
  first_day = first;
  last_day = last;
  if (in->kind == USGA_TABLE_CARPETAS && !trim_to_published (in, first, last, &s->coverage_trimmed, error))
    return FALSE;
  if (strcmp (first, last) > 0)
    return TRUE;  /* nothing it holds is as complete as the published counts */
  if (!usga_db_begin (in->db, error))
    return FALSE;
  if (in->kind == USGA_TABLE_CARPETAS)
    {
      g_clear_pointer (&s->replaced_months, g_free);
      /* The ones the source had again become its rows; the rest it does not have. */
      if (!bundled_months (in->db, first_day, last_day, &s->replaced_months, error) ||
          !step_range (in->db,
                       "UPDATE incident SET origin = ?4 WHERE origin = 'bundled' AND date BETWEEN ?1 AND ?2"
                       " AND id IN (SELECT incident_id FROM bundled_match WHERE sync_id = ?3)",
                       in->log_id, in->origin, first_day, last_day, &kept, error) ||
          !step_range (in->db, "DELETE FROM incident WHERE origin = 'bundled' AND date BETWEEN ?1 AND ?2",
                       in->log_id, NULL, first_day, last_day, &removed, error))
        goto failed;
    }
  note = g_strdup_printf ("%s (%s run %" G_GINT64_FORMAT ")", s->vintage ? s->vintage : "", in->origin, in->log_id);
  if (!usga_coverage_add (in->db, dataset, first_day, last_day, in->origin, note, error) ||
      !usga_db_commit (in->db, error))
    goto failed;
  s->replaced += kept + removed;
  s->replaced_removed += removed;
  g_free (s->covered_first);
  g_free (s->covered_last);
  s->covered_first = g_strdup (first_day);
  s->covered_last = g_strdup (last_day);
  return TRUE;

failed:
  usga_db_rollback (in->db);
  return FALSE;
}
