/* usga-ingest.c — the writer of an import or a sync: setup and teardown, rejects, upserting each row.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-csv.h"
#include "usga-ingest.h"

const char *
usga_table_kind_dataset (UsgaTableKind kind)
{
  return kind == USGA_TABLE_VICTIMAS ? "victimas" : "carpetas";
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
  /* A fixed, bounded page cache for large imports. The keys of both indexes begin with the
   * date, so inserts land near each other: 64 MiB costs no more time than 128 MiB did at
   * 2.1 M rows (within noise) and keeps the whole process near 105 MiB instead of 186. */
  usga_db_exec (db, "PRAGMA cache_size = -65536", NULL);
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
