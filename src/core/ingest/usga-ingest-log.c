/* usga-ingest-log.c — the run log and its summary: sync_log rows, progress and reasons, dataset records.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

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

static char *
now_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
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
  if (!usga_db_step_done (in->db, stmt, "sync_log", error))
    return FALSE;
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
      if (!usga_db_step_done (in->db, stmt, "sync_days", error))
        return FALSE;
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
      if (!usga_db_step_done (in->db, stmt, "sync_reject", error))
        return FALSE;
    }
  g_hash_table_remove_all (in->batch_reasons);
  return TRUE;
}

gint64
usga_ingest_log_start (UsgaDb *db, const char *dataset, const char *kind, const char *resource,
                       const char *vintage, const char *scope, GError **error)
{
  g_autofree char *stamp = now_stamp ();
  const char *values[] = { dataset, kind, stamp, resource, vintage, scope };

  if (!usga_db_run_texts (db, g_str_equal (dataset, "victimas")
      ? "INSERT INTO sync_log (dataset, kind, started_at, status, resource, vintage, scope, next_offset, first_row_id)"
        " VALUES (?, ?, ?, 'running', ?, ?, ?, 0, (SELECT COALESCE (max (id), 0) FROM victim))"
      : "INSERT INTO sync_log (dataset, kind, started_at, status, resource, vintage, scope, next_offset, first_row_id)"
        " VALUES (?, ?, ?, 'running', ?, ?, ?, 0, (SELECT COALESCE (max (id), 0) FROM incident))",
      "sync_log", values, G_N_ELEMENTS (values), error))
    return -1;
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

/* Writes the dataset row with @sql, which differs only in what a row already there keeps. */
static gboolean
write_dataset (UsgaDb *db, const char *sql, const char *dataset, const char *source, const char *vintage,
               const char *origin, GError **error)
{
  g_autofree char *stamp = now_stamp ();
  const char *values[] = { dataset, source, LICENSE, vintage, origin, stamp };

  return usga_db_run_texts (db, sql, "dataset", values, G_N_ELEMENTS (values), error);
}

gboolean
usga_ingest_record_dataset (UsgaDb *db, const char *dataset, const char *source, const char *vintage,
                            const char *origin, GError **error)
{
  return write_dataset (db,
      "INSERT INTO dataset (id, source, license, vintage, origin, loaded_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO UPDATE SET source = excluded.source, vintage = excluded.vintage,"
      "  origin = excluded.origin, loaded_at = excluded.loaded_at",
      dataset, source, vintage, origin, error);
}

gboolean
usga_ingest_record_new_dataset (UsgaDb *db, const char *dataset, const char *source, const char *vintage,
                                const char *origin, GError **error)
{
  return write_dataset (db,
      "INSERT INTO dataset (id, source, license, vintage, origin, loaded_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO NOTHING",
      dataset, source, vintage, origin, error);
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
