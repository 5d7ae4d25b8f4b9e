/* usga-ingest.c — see usga-ingest.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-coverage.h"
#include "usga-csv.h"
#include "usga-format.h"
#include "usga-ingest.h"
#include "usga-job-owner.h"

#define LICENSE "CC-BY-4.0 (Portal de Datos Abiertos CDMX)"

void
usga_sync_summary_init (UsgaSyncSummary *s)
{
  memset (s, 0, sizeof *s);
  s->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->repairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
usga_sync_summary_clear (UsgaSyncSummary *s)
{
  g_clear_pointer (&s->vintage, g_free);
  g_clear_pointer (&s->generation, g_free);
  g_clear_pointer (&s->replacement, g_free);
  g_clear_pointer (&s->reasons, g_hash_table_unref);
  g_clear_pointer (&s->repairs, g_hash_table_unref);
  g_clear_pointer (&s->replaced_months, g_free);
  g_clear_pointer (&s->covered_first, g_free);
  g_clear_pointer (&s->covered_last, g_free);
}

static char *
reasons_text (GHashTable *reasons)
{
  GHashTableIter iter;
  gpointer key, value;
  GString *text;

  if (reasons == NULL || g_hash_table_size (reasons) == 0)
    return NULL;
  text = g_string_new (NULL);
  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (text, "%s%ld %s", text->len ? ", " : "", (long) GPOINTER_TO_SIZE (value),
                            g_dgettext (GETTEXT_PACKAGE, key));
  return g_string_free (text, FALSE);
}

char *
usga_sync_summary_reasons (const UsgaSyncSummary *s)
{
  return reasons_text (s->reasons);
}

char *
usga_sync_summary_repairs (const UsgaSyncSummary *s)
{
  return reasons_text (s->repairs);
}

const char *
usga_table_kind_dataset (UsgaTableKind kind)
{
  return kind == USGA_TABLE_VICTIMAS ? "victimas" : "carpetas";
}

static char *
now_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

/* The days the bundled carpetas cover: only rows of those days can be bundled rows found again. */
static gboolean
bundled_days (UsgaIngest *in, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (in->db,
      "SELECT min (first_day), max (last_day) FROM point_coverage WHERE dataset = 'carpetas' AND origin = 'bundled'",
      error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    {
      g_strlcpy (in->bundled_first, (const char *) sqlite3_column_text (stmt, 0), sizeof in->bundled_first);
      g_strlcpy (in->bundled_last, (const char *) sqlite3_column_text (stmt, 1), sizeof in->bundled_last);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
usga_ingest_init (UsgaIngest *in, UsgaDb *db, UsgaTableKind kind, gboolean city, const char *origin,
                  UsgaSyncSummary *summary, GError **error)
{
  memset (in, 0, sizeof *in);
  in->db = db;
  in->kind = kind;
  in->city = city;
  in->summary = summary;
  /* Large imports insert into big indexes (the content key is a hash, so inserts land all
   * over it); a fixed, bounded page cache keeps them off the syscall path. */
  usga_db_exec (db, "PRAGMA cache_size = -131072", NULL);
  /* The summary triggers (usga-summary.h) make every insert keep a statement journal; in
   * memory it costs a copy, on disk a write per row. */
  usga_db_exec (db, "PRAGMA temp_store = MEMORY", NULL);
  /* The writers only ever refer to delitos they have just looked up or created and to colonias
   * and cuadrantes from the area indexes, so checking each row's three references again is
   * wasted work (a tenth of a bulk load); tests run PRAGMA foreign_key_check after syncs. */
  usga_db_exec (db, "PRAGMA foreign_keys = OFF", NULL);
  in->origin = origin;
  in->batch_reasons = g_hash_table_new (g_str_hash, g_str_equal);
  if (kind == USGA_TABLE_CARPETAS && !bundled_days (in, error))
    return FALSE;
  if (kind == USGA_TABLE_VICTIMAS)
    in->victims = usga_victim_writer_new (db, origin, error);
  else
    in->incidents = usga_incident_writer_new (db, origin, error);
  return in->victims || in->incidents;
}

void
usga_ingest_clear (UsgaIngest *in)
{
  if (in->db)
    {
      usga_db_exec (in->db, "PRAGMA cache_size = -2000", NULL);
      usga_db_exec (in->db, "PRAGMA temp_store = DEFAULT", NULL);
      usga_db_exec (in->db, "PRAGMA foreign_keys = ON", NULL);
    }
  usga_column_map_clear (&in->map);
  g_clear_pointer (&in->incidents, usga_incident_writer_free);
  g_clear_pointer (&in->victims, usga_victim_writer_free);
  g_clear_pointer (&in->preparer.checksum, g_checksum_free);
  if (in->preparer.scratch)
    g_string_free (g_steal_pointer (&in->preparer.scratch), TRUE);
  g_clear_pointer (&in->batch_reasons, g_hash_table_unref);
  usga_ingest_close_rejects (in, FALSE, NULL);
}

gboolean
usga_ingest_open_rejects (UsgaIngest *in, const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileOutputStream *out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);

  if (out == NULL)
    return FALSE;
  in->rejects = G_OUTPUT_STREAM (out);
  in->rejects_file = g_steal_pointer (&file);
  in->rejects_text = g_string_new ("line,action,reason,value\n");
  return TRUE;
}

static gboolean
flush_rejects (UsgaIngest *in, GError **error)
{
  gboolean ok;

  if (in->rejects == NULL || in->rejects_text->len == 0)
    return TRUE;
  ok = g_output_stream_write_all (in->rejects, in->rejects_text->str, in->rejects_text->len, NULL, NULL, error);
  g_string_truncate (in->rejects_text, 0);
  if (!ok)
    g_prefix_error (error, _("The rejects file cannot be written: "));
  return ok;
}

gboolean
usga_ingest_close_rejects (UsgaIngest *in, gboolean keep, GError **error)
{
  gboolean ok = TRUE;

  if (in->rejects == NULL)
    return TRUE;
  ok = (!keep || flush_rejects (in, error)) && g_output_stream_close (in->rejects, NULL, keep ? error : NULL);
  if (!keep || !ok)
    g_file_delete (in->rejects_file, NULL, NULL);
  g_clear_object (&in->rejects);
  g_clear_object (&in->rejects_file);
  g_string_free (g_steal_pointer (&in->rejects_text), TRUE);
  return ok;
}

/* One line of the rejects file; the value as the file had it (shortened), quoted as CSV. */
static void
note_reject_line (UsgaIngest *in, guint64 line, const char *action, const char *reason, const char *value)
{
  GString *out = in->rejects_text;

  if (in->rejects == NULL)
    return;
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ",%s,", line, action);
  usga_csv_append_field (out, g_dgettext (GETTEXT_PACKAGE, reason));
  g_string_append_c (out, ',');
  usga_csv_append_field (out, value);
  g_string_append_c (out, '\n');
}

void
usga_ingest_track_run (UsgaIngest *in, gint64 log_id)
{
  sqlite3_stmt *stmt = usga_db_prepare (in->db,
      "SELECT COALESCE (first_row_id, 0), d.first_day, d.last_day"
      " FROM sync_log l LEFT JOIN sync_days d ON d.sync_id = l.id WHERE l.id = ?", NULL);
  gint64 first_new_id = G_MAXINT64;  /* unknown: treat every row as older than the run */

  in->log_id = log_id;
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, log_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          first_new_id = sqlite3_column_int64 (stmt, 0);
          /* A resumed run goes on from the days its committed pages had. */
          if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
            g_strlcpy (in->first_day, (const char *) sqlite3_column_text (stmt, 1), sizeof in->first_day);
          if (sqlite3_column_type (stmt, 2) == SQLITE_TEXT)
            g_strlcpy (in->last_day, (const char *) sqlite3_column_text (stmt, 2), sizeof in->last_day);
        }
      sqlite3_reset (stmt);
    }
  if (in->incidents)
    usga_incident_writer_track_run (in->incidents, log_id, first_new_id);
  if (in->victims)
    usga_victim_writer_track_run (in->victims, log_id, first_new_id);
}

/* A finished run no longer needs its occurrence counts, nor do older runs of the dataset. */
gboolean
usga_ingest_forget_seen (UsgaDb *db, const char *dataset, gint64 log_id, GError **error)
{
  static const char *const sql[] = {
    "DELETE FROM sync_seen WHERE sync_id IN (SELECT id FROM sync_log WHERE dataset = ? AND id <= ?)",
    "DELETE FROM bundled_match WHERE sync_id IN (SELECT id FROM sync_log WHERE dataset = ? AND id <= ?)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, sql[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, log_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return usga_db_fail (db, rc, i == 0 ? "sync_seen" : "bundled_match", error);
    }
  return TRUE;
}

static void
ingest_reject (UsgaIngest *in, const char *reason)
{
  gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (in->summary->reasons, reason));

  g_hash_table_replace (in->summary->reasons, g_strdup (reason), GSIZE_TO_POINTER (n + 1));
  n = GPOINTER_TO_SIZE (g_hash_table_lookup (in->batch_reasons, reason));
  g_hash_table_replace (in->batch_reasons, (gpointer) reason, GSIZE_TO_POINTER (n + 1));
  in->summary->rejected++;
}

/* The days of the rows the run received, written or found already there. */
static void
note_day (UsgaIngest *in, const char *date)
{
  if (in->first_day[0] == '\0' || strcmp (date, in->first_day) < 0)
    g_strlcpy (in->first_day, date, sizeof in->first_day);
  if (strcmp (date, in->last_day) > 0)
    g_strlcpy (in->last_day, date, sizeof in->last_day);
}

/* A carpeta the database already had: when it is a bundled one, the run remembers it (in the
 * page's transaction), so a complete run can keep it as its own instead of deleting it. */
static gboolean
note_bundled_match (UsgaIngest *in, const char *date, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (in->bundled_first[0] == '\0' || strcmp (date, in->bundled_first) < 0 || strcmp (date, in->bundled_last) > 0)
    return TRUE;
  stmt = usga_db_prepare (in->db,
      "INSERT OR IGNORE INTO bundled_match (sync_id, incident_id)"
      " SELECT ?, id FROM incident WHERE content_key = ? AND origin = 'bundled'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, in->log_id);
  sqlite3_bind_text (stmt, 2, usga_incident_writer_last_key (in->incidents), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (in->db, rc, "bundled_match", error);
  in->summary->bundled_present += sqlite3_changes (usga_db_handle (in->db));
  return TRUE;
}

/* FALSE only when the database fails; bad rows are counted and skipped. @prepared is what
 * the reading thread worked out ahead, or NULL. */
static gboolean
ingest_clean (UsgaIngest *in, const UsgaCleanRow *row, const UsgaPreparedRow *prepared, GError **error)
{
  g_autoptr(GError) row_error = NULL;
  UsgaWriteResult result;

  if (in->kind == USGA_TABLE_CARPETAS)
    {
      UsgaIncidentRow r = { row->date, row->time, row->delito, row->colonia, row->lat, row->lon, row->alcaldia };

      result = prepared ? usga_incident_writer_add_prepared (in->incidents, &r, prepared, &row_error)
                        : usga_incident_writer_add (in->incidents, &r, &row_error);
    }
  else
    {
      UsgaVictimRow r = { row->date, row->time, row->delito, row->colonia, row->lat, row->lon,
                          row->sex, row->age, row->person_type, row->legal_status, row->alcaldia };
      result = prepared ? usga_victim_writer_add_prepared (in->victims, &r, prepared, &row_error)
                        : usga_victim_writer_add (in->victims, &r, &row_error);
    }
  switch (result)
    {
    case USGA_WRITE_ADDED:
      in->summary->added++;
      note_day (in, row->date);
      break;
    case USGA_WRITE_DUPLICATE:
      in->summary->skipped++;
      note_day (in, row->date);
      if (in->kind == USGA_TABLE_CARPETAS && !note_bundled_match (in, row->date, error))
        return FALSE;
      break;
    case USGA_WRITE_REJECTED:
      ingest_reject (in, N_("invalid row"));
      break;
    case USGA_WRITE_FAILED:
    default:
      g_propagate_error (error, g_steal_pointer (&row_error));
      return FALSE;
    }
  return TRUE;
}

static void
ingest_repair (UsgaIngest *in, const UsgaCleanRow *row)
{
  gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (in->summary->repairs, row->repair));

  g_hash_table_replace (in->summary->repairs, g_strdup (row->repair), GSIZE_TO_POINTER (n + 1));
  in->summary->repaired++;
  note_reject_line (in, row->line, "repaired", row->repair, row->bad_value);
}

static gboolean
ingest_batch (UsgaIngest *in, const UsgaRowBatch *b, GError **error)
{
  guint r = 0;

  in->summary->out_of_scope += b->out_of_scope;
  /* Rejected and kept rows in input order, so the rejects file reads down the input. */
  for (guint i = 0; i <= b->rows->len; i++)
    {
      const UsgaCleanRow *row = i < b->rows->len ? &g_array_index (b->rows, UsgaCleanRow, i) : NULL;

      for (; r < b->reject_rows->len; r++)
        {
          const UsgaRowReject *reject = &g_array_index (b->reject_rows, UsgaRowReject, r);

          if (row && reject->line > row->line)
            break;
          ingest_reject (in, reject->reason);
          note_reject_line (in, reject->line, "rejected", reject->reason, reject->value);
        }
      if (row == NULL)
        break;
      if (!ingest_clean (in, row, b->prepared ? &g_array_index (b->prepared, UsgaPreparedRow, i) : NULL, error))
        return FALSE;
      if (row->repair)
        ingest_repair (in, row);
    }
  return flush_rejects (in, error);
}

/* On the reading thread: place rows and work out their content keys ahead of the writer. */
static void
prepare_row (const UsgaCleanRow *row, gpointer out, gpointer data)
{
  UsgaIngestPreparer *p = data;

  if (p->incidents)
    {
      UsgaIncidentRow r = { row->date, row->time, row->delito, row->colonia, row->lat, row->lon, row->alcaldia };
      usga_incident_writer_prepare (p->incidents, &r, p->checksum, out);
    }
  else
    {
      UsgaVictimRow r = { row->date, row->time, row->delito, row->colonia, row->lat, row->lon,
                          row->sex, row->age, row->person_type, row->legal_status, row->alcaldia };
      usga_victim_writer_prepare (p->victims, &r, p->checksum, p->scratch, out);
    }
}

/* A pipe from the reading thread to this one, preparing rows on the way. */
UsgaRowPipe *
usga_ingest_pipe_new (UsgaIngest *in, GCancellable *cancellable)
{
  UsgaRowPipe *pipe = usga_row_pipe_new (&in->map, !in->city, cancellable);

  in->preparer.incidents = in->incidents;
  in->preparer.victims = in->victims;
  in->preparer.checksum = g_checksum_new (G_CHECKSUM_SHA1);
  in->preparer.scratch = g_string_sized_new (128);
  usga_row_pipe_set_prepare (pipe, sizeof (UsgaPreparedRow), prepare_row, &in->preparer);
  return pipe;
}

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

/* Progress and reasons of the run, inside the page's transaction. */
gboolean
usga_ingest_log_progress (UsgaIngest *in, gint64 next_offset, gint64 last_id, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt = usga_db_prepare (in->db,
      "UPDATE sync_log SET rows_added = ?, rows_skipped = ?, rows_rejected = ?, next_offset = ?, total = ?,"
      " last_id = ? WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, in->summary->added);
  sqlite3_bind_int64 (stmt, 2, in->summary->skipped + in->summary->out_of_scope);
  sqlite3_bind_int64 (stmt, 3, in->summary->rejected);
  if (next_offset >= 0)
    sqlite3_bind_int64 (stmt, 4, next_offset);
  sqlite3_bind_int64 (stmt, 5, in->summary->total);
  if (last_id > 0)
    sqlite3_bind_int64 (stmt, 6, last_id);
  sqlite3_bind_int64 (stmt, 7, in->log_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (in->db, rc, "sync_log", error);
  if (in->first_day[0])
    {
      stmt = usga_db_prepare (in->db,
          "INSERT INTO sync_days (sync_id, first_day, last_day) VALUES (?, ?, ?)"
          " ON CONFLICT (sync_id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, in->log_id);
      sqlite3_bind_text (stmt, 2, in->first_day, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, in->last_day, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return usga_db_fail (in->db, rc, "sync_days", error);
    }

  g_hash_table_iter_init (&iter, in->batch_reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      stmt = usga_db_prepare (in->db,
          "INSERT INTO sync_reject (sync_id, reason, count) VALUES (?, ?, ?)"
          " ON CONFLICT (sync_id, reason) DO UPDATE SET count = count + excluded.count", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, in->log_id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, GPOINTER_TO_SIZE (value));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return usga_db_fail (in->db, rc, "sync_reject", error);
    }
  g_hash_table_remove_all (in->batch_reasons);
  return TRUE;
}

gint64
usga_ingest_log_start (UsgaDb *db, const char *dataset, const char *kind, const char *resource,
                       const char *vintage, const char *scope, GError **error)
{
  g_autofree char *stamp = now_stamp ();
  sqlite3_stmt *stmt = usga_db_prepare (db, g_str_equal (dataset, "victimas")
      ? "INSERT INTO sync_log (dataset, kind, started_at, status, resource, vintage, scope, next_offset, first_row_id)"
        " VALUES (?, ?, ?, 'running', ?, ?, ?, 0, (SELECT COALESCE (max (id), 0) FROM victim))"
      : "INSERT INTO sync_log (dataset, kind, started_at, status, resource, vintage, scope, next_offset, first_row_id)"
        " VALUES (?, ?, ?, 'running', ?, ?, ?, 0, (SELECT COALESCE (max (id), 0) FROM incident))", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, resource, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, vintage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, scope, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "sync_log", error);
      return -1;
    }
  /* syncnet: whose job it is, so a job whose process died is later marked interrupted. */
  if (!usga_job_owner_claim (db, sqlite3_last_insert_rowid (usga_db_handle (db)), error))
    return -1;
  return sqlite3_last_insert_rowid (usga_db_handle (db));
}

/* Outside any transaction: the outcome must be recorded even when the work was rolled back. */
void
usga_ingest_log_finish (UsgaDb *db, gint64 log_id, const UsgaSyncSummary *s, const GError *failure)
{
  g_autofree char *stamp = now_stamp ();
  g_autofree char *reasons = usga_sync_summary_reasons (s);
  g_autofree char *message = NULL;
  const char *status = "ok";
  sqlite3_stmt *stmt;

  if (log_id <= 0)
    return;
  if (failure && g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    status = "cancelled";
  else if (failure)
    status = "failed";
  if (failure)
    message = g_strdup (failure->message);
  else if (s->up_to_date)
    message = g_strdup (_("already up to date"));
  else if (s->generation)
    message = g_strdup_printf (_("schema %s"), s->generation);
  stmt = usga_db_prepare (db,
      "UPDATE sync_log SET status = ?, finished_at = ?, message = ? WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, log_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("could not record the sync result: %s", sqlite3_errmsg (usga_db_handle (db)));
  sqlite3_reset (stmt);
}

gboolean
usga_ingest_record_dataset (UsgaDb *db, const char *dataset, const char *source, const char *vintage,
                            const char *origin, GError **error)
{
  g_autofree char *stamp = now_stamp ();
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO dataset (id, source, license, vintage, origin, loaded_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO UPDATE SET source = excluded.source, vintage = excluded.vintage,"
      "  origin = excluded.origin, loaded_at = excluded.loaded_at", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, LICENSE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, vintage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || usga_db_fail (db, rc, "dataset", error);
}

gboolean
usga_ingest_record_new_dataset (UsgaDb *db, const char *dataset, const char *source, const char *vintage,
                            const char *origin, GError **error)
{
  g_autofree char *stamp = now_stamp ();
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO dataset (id, source, license, vintage, origin, loaded_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO NOTHING", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, LICENSE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, vintage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || usga_db_fail (db, rc, "dataset", error);
}

const char *
usga_ingest_kind_title (UsgaTableKind kind)
{
  return kind == USGA_TABLE_VICTIMAS ? _("Victims") : _("Carpetas");
}

void
usga_ingest_report (UsgaProgressFunc progress, gpointer user_data, double fraction,
                    const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (progress == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  progress (CLAMP (fraction, 0.0, 1.0), message, user_data);
}


static void
report_page (UsgaIngest *in, gint64 offset, UsgaProgressFunc progress, gpointer user_data)
{
  usga_ingest_report (progress, user_data, in->summary->total > 0 ? (double) offset / in->summary->total : 0,
                      _("%s: %ld of %ld rows read, %ld added"), usga_ingest_kind_title (in->kind), (long) offset,
          (long) in->summary->total, (long) in->summary->added);
}


/* The writing half of an import or a sync, on the caller's thread: writes what the reader
 * sends until it is done. With @per_page, each page is one transaction committed with the
 * run's position; otherwise the caller holds one transaction for everything. */
gboolean
usga_ingest_write (UsgaIngest *in, UsgaRowPipe *pipe, gboolean per_page, UsgaProgressFunc progress,
                   gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) failure = NULL;
  gboolean in_transaction = FALSE;
  gint64 reported = 0;  /* CSV: rows read at the last progress line */

  for (;;)
    {
      UsgaRowBatch *b = usga_row_pipe_pop (pipe);
      gboolean last = b->last;

      if (failure == NULL)
        {
          gboolean ok = TRUE;

          if (per_page && !in_transaction && (b->rows->len || b->rejects->len || b->out_of_scope || b->page_end))
            ok = in_transaction = usga_db_begin (in->db, &failure);
          ok = ok && ingest_batch (in, b, &failure);
          if (!per_page)
            in->summary->total += b->read;
          if (ok && b->page_end)
            {
              if (b->mark.total >= 0)
                in->summary->total = b->mark.total;
              ok = usga_ingest_log_progress (in, b->mark.offset, b->mark.last_id, &failure) && usga_db_commit (in->db, &failure);
              in_transaction = !ok;
              if (ok)
                report_page (in, b->mark.offset, progress, user_data);
            }
          else if (ok && !per_page && in->summary->total - reported >= 65536)
            {
              reported = in->summary->total;
              usga_ingest_report (progress, user_data, MAX (b->fraction, 0), _("%s: %ld rows read, %ld added"),
                                  usga_ingest_kind_title (in->kind), (long) in->summary->total, (long) in->summary->added);
            }
          if (ok && b->error)
            {
              failure = g_error_copy (b->error);
              /* The reader's own errors say where they are: the file's name is enough. */
              if (!per_page && in->line_prefix)
                g_prefix_error (&failure, "%s: ", in->line_prefix);
            }
          else if (ok)
            g_cancellable_set_error_if_cancelled (cancellable, &failure);
          else if (!per_page && in->line_prefix)
            g_prefix_error (&failure, _("%s, line %lu: "), in->line_prefix, (unsigned long) b->line);
          if (failure)
            usga_row_pipe_stop (pipe);
        }
      usga_row_pipe_recycle (pipe, b);
      if (last)
        break;
    }
  /* A page the reader could not finish is not kept: a resumed run reads it again. */
  if (in_transaction)
    usga_db_rollback (in->db);
  if (per_page && g_error_matches (failure, USGA_DB_ERROR, USGA_DB_ERROR_FULL))
    {
      g_clear_error (&failure);
      g_set_error (&failure, USGA_DB_ERROR, USGA_DB_ERROR_FULL,
                   _("The disk is full. The %ld rows saved before it are kept; free some space and "
                     "synchronise again to continue from there."), (long) in->summary->added);
    }
  if (failure)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  return TRUE;
}
