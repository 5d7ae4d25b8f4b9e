/* usga-sync.c — see usga-sync.h for the behaviour this implements.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-csv.h"
#include "usga-incidents.h"
#include "usga-row-pipe.h"
#include "usga-sync.h"
#include "usga-victims.h"

#define DEFAULT_PAGE_SIZE 32000
#define LICENSE "CC-BY-4.0 (Portal de Datos Abiertos CDMX)"

void
usga_sync_summary_init (UsgaSyncSummary *s)
{
  memset (s, 0, sizeof *s);
  s->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
usga_sync_summary_clear (UsgaSyncSummary *s)
{
  g_clear_pointer (&s->vintage, g_free);
  g_clear_pointer (&s->generation, g_free);
  g_clear_pointer (&s->replacement, g_free);
  g_clear_pointer (&s->reasons, g_hash_table_unref);
}

char *
usga_sync_summary_reasons (const UsgaSyncSummary *s)
{
  GHashTableIter iter;
  gpointer key, value;
  GString *text;

  if (s->reasons == NULL || g_hash_table_size (s->reasons) == 0)
    return NULL;
  text = g_string_new (NULL);
  g_hash_table_iter_init (&iter, s->reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (text, "%s%ld %s", text->len ? ", " : "", (long) GPOINTER_TO_SIZE (value),
                            g_dgettext (GETTEXT_PACKAGE, key));
  return g_string_free (text, FALSE);
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

/* The reading thread's view of the writer, with a checksum and a scratch string of its own. */
typedef struct {
  UsgaIncidentWriter *incidents;
  UsgaVictimWriter   *victims;
  GChecksum          *checksum;
  GString            *scratch;
} Preparer;

/* What one run writes with (on the caller's thread): the writer, the months it has superseded,
 * and what the reading thread uses to prepare carpetas. */
typedef struct {
  UsgaDb             *db;
  UsgaTableKind       kind;
  gboolean            city;
  UsgaColumnMap       map;
  UsgaIncidentWriter *incidents;
  UsgaVictimWriter   *victims;
  GHashTable         *superseded;    /* "YYYY-MM" */
  char                last_superseded[8];
  GHashTable         *batch_reasons; /* reason -> count since the last commit */
  UsgaSyncSummary    *summary;
  gint64              log_id;
  const char         *line_prefix;   /* CSV: the file name errors are reported against */
  Preparer            preparer;      /* the reading thread's (see prepare_row) */
} Ingest;

static gboolean
ingest_init (Ingest *in, UsgaDb *db, UsgaTableKind kind, gboolean city, const char *origin,
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
  /* The writers only ever refer to delitos they have just looked up or created and to colonias
   * and cuadrantes from the area indexes, so checking each row's three references again is
   * wasted work (a tenth of a bulk load); tests run PRAGMA foreign_key_check after syncs. */
  usga_db_exec (db, "PRAGMA foreign_keys = OFF", NULL);
  in->superseded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  in->batch_reasons = g_hash_table_new (g_str_hash, g_str_equal);
  if (kind == USGA_TABLE_VICTIMAS)
    in->victims = usga_victim_writer_new (db, origin, error);
  else
    in->incidents = usga_incident_writer_new (db, origin, error);
  return in->victims || in->incidents;
}

static void
ingest_clear (Ingest *in)
{
  if (in->db)
    {
      usga_db_exec (in->db, "PRAGMA cache_size = -2000", NULL);
      usga_db_exec (in->db, "PRAGMA foreign_keys = ON", NULL);
    }
  usga_column_map_clear (&in->map);
  g_clear_pointer (&in->incidents, usga_incident_writer_free);
  g_clear_pointer (&in->victims, usga_victim_writer_free);
  g_clear_pointer (&in->superseded, g_hash_table_unref);
  g_clear_pointer (&in->preparer.checksum, g_checksum_free);
  if (in->preparer.scratch)
    g_string_free (g_steal_pointer (&in->preparer.scratch), TRUE);
  g_clear_pointer (&in->batch_reasons, g_hash_table_unref);
}

static void
ingest_track_run (Ingest *in, gint64 log_id)
{
  sqlite3_stmt *stmt = usga_db_prepare (in->db, "SELECT COALESCE (first_row_id, 0) FROM sync_log WHERE id = ?", NULL);
  gint64 first_new_id = G_MAXINT64;  /* unknown: treat every row as older than the run */

  in->log_id = log_id;
  if (stmt)
    {
      sqlite3_bind_int64 (stmt, 1, log_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        first_new_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (in->incidents)
    usga_incident_writer_track_run (in->incidents, log_id, first_new_id);
  if (in->victims)
    usga_victim_writer_track_run (in->victims, log_id, first_new_id);
}

/* A finished run no longer needs its occurrence counts, nor do older runs of the dataset. */
static gboolean
forget_seen (UsgaDb *db, const char *dataset, gint64 log_id, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "DELETE FROM sync_seen WHERE sync_id IN (SELECT id FROM sync_log WHERE dataset = ? AND id <= ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, log_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || usga_db_fail (db, rc, "sync_seen", error);
}

static void
ingest_reject (Ingest *in, const char *reason)
{
  gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (in->summary->reasons, reason));

  g_hash_table_replace (in->summary->reasons, g_strdup (reason), GSIZE_TO_POINTER (n + 1));
  n = GPOINTER_TO_SIZE (g_hash_table_lookup (in->batch_reasons, reason));
  g_hash_table_replace (in->batch_reasons, (gpointer) reason, GSIZE_TO_POINTER (n + 1));
  in->summary->rejected++;
}

/* The bundled carpetas of a month give way to the real thing, in the caller's transaction. */
static gboolean
supersede_month (Ingest *in, const char *date, GError **error)
{
  char month[8], from[11], to[11];
  int y, m;
  sqlite3_stmt *stmt;
  int rc;

  /* Rows come month by month: most calls are for the month just handled. */
  if (strncmp (in->last_superseded, date, 7) == 0)
    return TRUE;
  g_strlcpy (month, date, sizeof month);
  if (g_hash_table_contains (in->superseded, month))
    {
      memcpy (in->last_superseded, month, sizeof month);
      return TRUE;
    }
  y = atoi (date);
  m = atoi (date + 5);
  g_snprintf (from, sizeof from, "%04d-%02d-01", y, m);
  g_snprintf (to, sizeof to, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  stmt = usga_db_prepare (in->db, "DELETE FROM incident WHERE origin = 'bundled' AND date >= ? AND date < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (in->db, rc, "incident", error);
  g_hash_table_add (in->superseded, g_strdup (month));
  memcpy (in->last_superseded, month, sizeof month);
  return TRUE;
}

/* FALSE only when the database fails; bad rows are counted and skipped. @prepared is what
 * the reading thread worked out ahead, or NULL. */
static gboolean
ingest_clean (Ingest *in, const UsgaCleanRow *row, const UsgaPreparedRow *prepared, GError **error)
{
  g_autoptr(GError) row_error = NULL;
  UsgaWriteResult result;

  if (in->kind == USGA_TABLE_CARPETAS)
    {
      UsgaIncidentRow r = { row->date, row->time, row->delito, row->colonia, row->lat, row->lon, row->alcaldia };

      if (!supersede_month (in, row->date, error))
        return FALSE;
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
      break;
    case USGA_WRITE_DUPLICATE:
      in->summary->skipped++;
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

static gboolean
ingest_batch (Ingest *in, const UsgaRowBatch *b, GError **error)
{
  for (guint i = 0; i < b->rejects->len; i++)
    ingest_reject (in, b->rejects->pdata[i]);
  in->summary->out_of_scope += b->out_of_scope;
  for (guint i = 0; i < b->rows->len; i++)
    if (!ingest_clean (in, &g_array_index (b->rows, UsgaCleanRow, i),
                       b->prepared ? &g_array_index (b->prepared, UsgaPreparedRow, i) : NULL, error))
      return FALSE;
  return TRUE;
}

/* On the reading thread: place rows and work out their content keys ahead of the writer. */
static void
prepare_row (const UsgaCleanRow *row, gpointer out, gpointer data)
{
  Preparer *p = data;

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
static UsgaRowPipe *
ingest_pipe_new (Ingest *in, GCancellable *cancellable)
{
  UsgaRowPipe *pipe = usga_row_pipe_new (&in->map, !in->city, cancellable);

  in->preparer.incidents = in->incidents;
  in->preparer.victims = in->victims;
  in->preparer.checksum = g_checksum_new (G_CHECKSUM_SHA1);
  in->preparer.scratch = g_string_sized_new (128);
  usga_row_pipe_set_prepare (pipe, sizeof (UsgaPreparedRow), prepare_row, &in->preparer);
  return pipe;
}

/* Progress and reasons of the run, inside the page's transaction. */
static gboolean
log_progress (Ingest *in, gint64 next_offset, gint64 last_id, GError **error)
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

static gint64
log_start (UsgaDb *db, const char *dataset, const char *kind, const char *resource, const char *vintage,
           const char *scope, GError **error)
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
  return sqlite3_last_insert_rowid (usga_db_handle (db));
}

/* Outside any transaction: the outcome must be recorded even when the work was rolled back. */
static void
log_finish (UsgaDb *db, gint64 log_id, const UsgaSyncSummary *s, const GError *failure)
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

static gboolean
record_dataset (UsgaDb *db, const char *dataset, const char *source, const char *vintage,
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

static const char *
kind_title (UsgaTableKind kind)
{
  return kind == USGA_TABLE_VICTIMAS ? _("Victims") : _("Carpetas");
}

static void
report (UsgaProgressFunc progress, gpointer user_data, double fraction, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
report (UsgaProgressFunc progress, gpointer user_data, double fraction, const char *format, ...)
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

/* ------------------------------------------------------------------ CKAN */

static char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* The offset a _links.next URL asks for, or -1. */
static gint64
link_offset (const char *link)
{
  const char *query = strchr (link, '?');
  g_autoptr(GHashTable) params = query ? g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  const char *offset = params ? g_hash_table_lookup (params, "offset") : NULL;

  return offset ? g_ascii_strtoll (offset, NULL, 10) : -1;
}

typedef struct {
  gint64 id;
  char  *status, *vintage;
  gint64 next_offset, added, skipped, rejected, last_id;
} LastRun;

static gboolean
last_run (UsgaDb *db, const char *dataset, const char *resource, const char *scope, LastRun *run)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT id, status, vintage, COALESCE (next_offset, 0), rows_added, rows_skipped, rows_rejected,"
      " COALESCE (last_id, 0)"
      " FROM sync_log WHERE dataset = ? AND kind = 'ckan' AND resource = ? AND scope = ? AND vintage IS NOT NULL"
      " ORDER BY id DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  memset (run, 0, sizeof *run);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, resource, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      run->id = sqlite3_column_int64 (stmt, 0);
      run->status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      run->vintage = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      run->next_offset = sqlite3_column_int64 (stmt, 3);
      run->added = sqlite3_column_int64 (stmt, 4);
      run->skipped = sqlite3_column_int64 (stmt, 5);
      run->rejected = sqlite3_column_int64 (stmt, 6);
      run->last_id = sqlite3_column_int64 (stmt, 7);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
restore_reasons (UsgaDb *db, gint64 log_id, UsgaSyncSummary *s)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT reason, count FROM sync_reject WHERE sync_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_replace (s->reasons, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  return TRUE;
}

/* One page of records, handed to the writer, which commits it in one transaction together
 * with the run's progress. @offset counts rows read; @last_id follows the largest CKAN _id. */
static gboolean
send_page (UsgaRowPipe *pipe, const UsgaColumnMap *map, UsgaCkanPage *page, gint64 *offset,
           gint64 *last_id, gint64 total, guint *n_rows)
{
  const char *names[USGA_N_COLS + 1];
  UsgaPageMark mark;
  guint n = *n_rows = usga_ckan_page_n_records (page);

  for (int c = 0; c < USGA_N_COLS; c++)
    names[c] = map->name[c];
  names[USGA_N_COLS] = "_id";
  for (guint i = 0; i < n; i++)
    {
      const char *values[USGA_N_COLS + 1];
      gboolean more;

      if (!usga_ckan_page_record (page, i, names, G_N_ELEMENTS (names), values))
        more = usga_row_pipe_reject (pipe, N_("record is not an object"));
      else
        {
          char *end;
          gint64 id = g_ascii_strtoll (values[USGA_N_COLS], &end, 10);

          if (*end == '\0' && end != values[USGA_N_COLS])
            *last_id = MAX (*last_id, id);
          more = usga_row_pipe_add (pipe, values);
        }
      if (!more)
        return FALSE;
    }
  *offset += n;
  mark.offset = *offset;
  mark.last_id = *last_id;
  mark.total = total;
  return usga_row_pipe_end_page (pipe, &mark);
}

/* Only the columns we use, as lists: about a third of the bytes to send and parse. Portals
 * that refuse either parameter get the plain form. */
static char *
wanted_fields (const UsgaColumnMap *map)
{
  GString *fields = g_string_new (NULL);

  for (int c = 0; c < USGA_N_COLS; c++)
    if (map->name[c] && strchr (map->name[c], ',') == NULL)
      g_string_append_printf (fields, "%s%s", fields->len ? "," : "", map->name[c]);
  return g_string_free (fields, FALSE);
}

static void
append_identifier (GString *sql, const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

/* Keyset paging through datastore_search_sql: "_id > last" stays fast deep into 2 M rows,
 * where OFFSET makes the portal's database skip every earlier row again. Only with a
 * resource id that is a plain UUID; every value in the query is ours, none from the data. */
static char *
sql_page_url (UsgaCkanClient *client, const UsgaSyncOptions *o, const UsgaColumnMap *map,
              gint64 last_id, guint limit)
{
  g_autoptr(GString) sql = g_string_new ("SELECT \"_id\"");
  g_autofree char *escaped = NULL;

  for (const char *p = o->resource_id; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return NULL;
  for (int c = 0; c < USGA_N_COLS; c++)
    if (map->name[c])
      {
        g_string_append (sql, ", ");
        append_identifier (sql, map->name[c]);
      }
  g_string_append (sql, " FROM ");
  append_identifier (sql, o->resource_id);
  g_string_append_printf (sql, " WHERE \"_id\" > %" G_GINT64_FORMAT, last_id);
  if (!o->city && map->name[USGA_COL_ALCALDIA])
    {
      g_string_append (sql, " AND ");
      append_identifier (sql, map->name[USGA_COL_ALCALDIA]);
      g_string_append (sql, " = 'IZTAPALAPA'");
    }
  g_string_append_printf (sql, " ORDER BY \"_id\" LIMIT %u", limit);
  escaped = g_uri_escape_string (sql->str, NULL, FALSE);
  return g_strdup_printf ("%s/api/3/action/datastore_search_sql?sql=%s", usga_ckan_client_base_url (client), escaped);
}

static void
report_page (Ingest *in, gint64 offset, UsgaProgressFunc progress, gpointer user_data)
{
  report (progress, user_data, in->summary->total > 0 ? (double) offset / in->summary->total : 0,
          _("%s: %ld of %ld rows read, %ld added"), kind_title (in->kind), (long) offset,
          (long) in->summary->total, (long) in->summary->added);
}

/* What the page-reading thread needs; it never touches the database. */
typedef struct {
  UsgaCkanClient        *client;
  const UsgaSyncOptions *o;
  const UsgaColumnMap   *map;
  const char            *filters;
  gint64                 offset, last_id, total;
} PageReader;

/* The reading thread of a sync: fetches pages and sends their rows down the pipe. */
static gboolean
read_pages (UsgaRowPipe *pipe, gpointer data, GError **error)
{
  PageReader *r = data;
  const UsgaSyncOptions *o = r->o;
  GCancellable *cancellable = usga_row_pipe_get_cancellable (pipe);
  guint limit = o->page_size ? o->page_size : DEFAULT_PAGE_SIZE;
  g_autofree char *fields = wanted_fields (r->map);
  gboolean compact = TRUE, first = TRUE;
  g_autofree char *url = NULL;

  /* The optimisation first, when the run can use it (a fresh run, or one that kept its _id). */
  if (!o->no_sql && (r->offset == 0 || r->last_id > 0))
    for (gboolean first_sql = TRUE;; first_sql = FALSE)
      {
        g_autofree char *sql_url = sql_page_url (r->client, o, r->map, r->last_id, limit);
        g_autoptr(UsgaCkanPage) page = NULL;
        g_autoptr(GError) local = NULL;
        guint n;

        if (sql_url == NULL)
          break;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        page = usga_ckan_client_get_page (r->client, sql_url, cancellable, &local);
        if (page == NULL)
          {
            /* Portals may disable datastore_search_sql (often as 403 or success:false): the
             * plain API carries on from the same row. Later failures are real failures. */
            if (first_sql && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
              {
                g_debug ("datastore_search_sql unavailable (%s); using datastore_search", local->message);
                break;
              }
            g_propagate_error (error, g_steal_pointer (&local));
            return FALSE;
          }
        if (!send_page (pipe, r->map, page, &r->offset, &r->last_id, -1, &n))
          return TRUE;  /* the writer stopped; it knows why */
        if (n == 0 || (r->total > 0 && r->offset >= r->total))
          return TRUE;
      }

  url = usga_ckan_datastore_search_url (r->client, o->resource_id, r->filters, fields, TRUE, r->offset, limit);
  for (;;)
    {
      g_autoptr(UsgaCkanPage) page = NULL;
      g_autoptr(GError) local = NULL;
      const char *next;
      gboolean has_total;
      guint n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = usga_ckan_client_get_page (r->client, url, cancellable, &local);
      if (page == NULL && first && compact && g_error_matches (local, USGA_SYNC_ERROR, USGA_SYNC_ERROR_CKAN))
        {
          compact = FALSE;
          g_clear_pointer (&url, g_free);
          url = usga_ckan_datastore_search_url (r->client, o->resource_id, r->filters, NULL, FALSE, r->offset, limit);
          g_clear_error (&local);
          page = usga_ckan_client_get_page (r->client, url, cancellable, &local);
        }
      if (page == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      first = FALSE;
      has_total = usga_ckan_page_get_total (page, &r->total);
      if (!send_page (pipe, r->map, page, &r->offset, &r->last_id, has_total ? r->total : -1, &n))
        return TRUE;  /* the writer stopped; it knows why */

      if (n == 0 || n < limit || (has_total && r->offset >= r->total))
        return TRUE;

      /* Follow _links.next when it agrees with what was actually received. */
      next = usga_ckan_page_next_link (page);
      g_clear_pointer (&url, g_free);
      if (next && link_offset (next) == r->offset)
        url = g_strdup (next);
      if (url == NULL)
        url = usga_ckan_datastore_search_url (r->client, o->resource_id, r->filters, compact ? fields : NULL,
                                              compact, r->offset, limit);
    }
}

/* The writing half of an import or a sync, on the caller's thread: writes what the reader
 * sends until it is done. With @per_page, each page is one transaction committed with the
 * run's position; otherwise the caller holds one transaction for everything. */
static gboolean
write_batches (Ingest *in, UsgaRowPipe *pipe, gboolean per_page, UsgaProgressFunc progress,
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
              ok = log_progress (in, b->mark.offset, b->mark.last_id, &failure) && usga_db_commit (in->db, &failure);
              in_transaction = !ok;
              if (ok)
                report_page (in, b->mark.offset, progress, user_data);
            }
          else if (ok && !per_page && in->summary->total - reported >= 65536)
            {
              reported = in->summary->total;
              report (progress, user_data, MAX (b->fraction, 0), _("%s: %ld rows read, %ld added"),
                      kind_title (in->kind), (long) in->summary->total, (long) in->summary->added);
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

/* Reads pages on a thread of their own while this one writes them. */
static gboolean
sync_pages (UsgaCkanClient *client, Ingest *in, const UsgaSyncOptions *o, const char *filters,
            gint64 offset, gint64 last_id, UsgaProgressFunc progress, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  PageReader reader = { client, o, &in->map, filters, offset, last_id, in->summary->total };
  g_autoptr(UsgaRowPipe) pipe = ingest_pipe_new (in, cancellable);

  usga_row_pipe_start (pipe, read_pages, &reader);
  return write_batches (in, pipe, TRUE, progress, user_data, cancellable, error);
}

/* The DataStore resource @package serves now: the cumulative ("acumulado") file first, then
 * the most recently modified. @gone says why the configured resource was not used. */
static char *
current_resource (UsgaCkanClient *client, const char *package_id, const GError *gone,
                  GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) package = usga_ckan_package_show (client, package_id, cancellable, &local);
  JsonObject *object = package && JSON_NODE_HOLDS_OBJECT (package) ? json_node_get_object (package) : NULL;
  JsonArray *resources = object && json_object_has_member (object, "resources")
                         ? json_object_get_array_member (object, "resources") : NULL;
  g_autofree char *best = NULL, *best_modified = NULL;
  gboolean best_cumulative = FALSE;

  if (package == NULL && g_error_matches (local, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND,
                   _("%s Its dataset %s, asked for the current resource, is not on the portal either."),
                   gone->message, package_id);
      return NULL;
    }
  if (package == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  for (guint i = 0; resources && i < json_array_get_length (resources); i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);
      g_autofree char *id = string_member (r, "id");
      g_autofree char *name = string_member (r, "name");
      g_autofree char *modified = string_member (r, "last_modified");
      g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;
      gboolean cumulative = lower && strstr (lower, "acumulado");

      if (id == NULL || r == NULL || !json_object_get_boolean_member_with_default (r, "datastore_active", FALSE))
        continue;
      if (modified == NULL)
        modified = string_member (r, "metadata_modified");
      if (best == NULL || (cumulative && !best_cumulative) ||
          (cumulative == best_cumulative && g_strcmp0 (modified, best_modified) > 0))
        {
          g_free (best);
          g_free (best_modified);
          best = g_steal_pointer (&id);
          best_modified = g_steal_pointer (&modified);
          best_cumulative = cumulative;
        }
    }
  if (best == NULL)
    g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND,
                 _("Dataset %s on %s has no DataStore resource to synchronise from. Download its CSV "
                   "file and use Import CSV instead."), package_id, usga_ckan_client_base_url (client));
  return g_steal_pointer (&best);
}

static gboolean
sync_dataset (UsgaDb *db, const UsgaSyncOptions *o, UsgaProgressFunc progress, gpointer user_data,
              GCancellable *cancellable, UsgaSyncSummary *summary, gint64 *log_id, GError **error)
{
  const char *dataset = summary->dataset = usga_table_kind_dataset (o->kind);
  const char *scope = o->city ? "city" : "iztapalapa";
  g_autoptr(UsgaCkanClient) client = NULL;
  g_autoptr(JsonNode) resource = NULL;
  g_autoptr(JsonNode) probe = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *probe_url = NULL;
  g_autofree char *filters = NULL;
  g_autofree char *source = NULL;
  JsonObject *res;
  JsonArray *fields;
  LastRun last;
  gint64 offset = 0, last_id = 0;
  const char *original_rid = o->resource_id;
  UsgaSyncOptions replaced;
  Ingest in;
  gboolean ok;

  client = usga_ckan_client_new (o->base_url, error);
  if (client == NULL)
    return FALSE;
  usga_ckan_client_set_retry (client, o->attempts ? o->attempts : 4, o->retry_delay_ms ? o->retry_delay_ms : 2000);
  if (o->timeout_s)
    usga_ckan_client_set_timeout (client, o->timeout_s);

  report (progress, user_data, 0, _("%s: contacting the portal…"), kind_title (o->kind));
  resource = usga_ckan_resource_show (client, o->resource_id, cancellable, &local);
  if (resource == NULL && o->package_id && g_error_matches (local, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND))
    {
      /* The portal replaced the resource: ask the dataset which one it serves now. */
      summary->replacement = current_resource (client, o->package_id, local, cancellable, error);
      if (summary->replacement == NULL)
        return FALSE;
      replaced = *o;
      replaced.resource_id = summary->replacement;
      o = &replaced;
      report (progress, user_data, 0, _("%s: the portal no longer has resource %s; using %s from dataset %s"),
              kind_title (o->kind), original_rid, o->resource_id, o->package_id);
      g_clear_error (&local);
      resource = usga_ckan_resource_show (client, o->resource_id, cancellable, &local);
    }
  if (resource == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  res = JSON_NODE_HOLDS_OBJECT (resource) ? json_node_get_object (resource) : NULL;
  {
    g_autofree char *name = string_member (res, "name");
    g_autofree char *modified = string_member (res, "last_modified");

    if (modified == NULL)
      modified = string_member (res, "metadata_modified");
    summary->vintage = name && modified ? g_strdup_printf ("%s (%s)", name, modified)
                       : g_strdup (name ? name : modified ? modified : o->resource_id);
  }
  if (res && json_object_has_member (res, "datastore_active") &&
      !json_object_get_boolean_member (res, "datastore_active"))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_CKAN,
                   _("Resource %s on %s has no DataStore table to query. Download its CSV file and "
                     "use Import CSV instead."), o->resource_id, o->base_url);
      return FALSE;
    }

  /* Columns first: the scope filter names the alcaldía column the way this generation does. */
  probe_url = usga_ckan_datastore_search_url (client, o->resource_id, NULL, NULL, FALSE, 0, 0);
  probe = usga_ckan_client_get (client, probe_url, cancellable, error);
  if (probe == NULL)
    return FALSE;
  fields = JSON_NODE_HOLDS_OBJECT (probe) && json_object_has_member (json_node_get_object (probe), "fields")
           ? json_object_get_array_member (json_node_get_object (probe), "fields") : NULL;
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      JsonObject *f = json_array_get_object_element (fields, i);
      const char *id = f && json_object_has_member (f, "id") ? json_object_get_string_member (f, "id") : NULL;
      if (id && !g_str_equal (id, "_id") && !g_str_equal (id, "_full_text"))
        g_ptr_array_add (names, (gpointer) id);
    }

  if (!ingest_init (&in, db, o->kind, o->city, "ckan", summary, error))
    {
      ingest_clear (&in);
      return FALSE;
    }
  if (!usga_column_map_init (&in.map, o->kind, (const char *const *) names->pdata, names->len, &local))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA, _("Resource %s: %s"), o->resource_id, local->message);
      ingest_clear (&in);
      return FALSE;
    }
  summary->generation = g_strdup (in.map.generation);
  if (!o->city && in.map.name[USGA_COL_ALCALDIA])
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, in.map.name[USGA_COL_ALCALDIA]);
      json_builder_add_string_value (builder, "IZTAPALAPA");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      filters = json_generator_to_data (gen, NULL);
    }

  /* The number of rows in scope, for progress and for knowing when keyset paging is done. */
  if (JSON_NODE_HOLDS_OBJECT (probe) && json_object_has_member (json_node_get_object (probe), "total"))
    summary->total = json_object_get_int_member (json_node_get_object (probe), "total");
  if (filters)
    {
      g_autofree char *count_url = usga_ckan_datastore_search_url (client, o->resource_id, filters, NULL, FALSE, 0, 0);
      g_autoptr(JsonNode) counted = usga_ckan_client_get (client, count_url, cancellable, &local);

      if (counted == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          ingest_clear (&in);
          return FALSE;
        }
      summary->total = JSON_NODE_HOLDS_OBJECT (counted) && json_object_has_member (json_node_get_object (counted), "total")
                       ? json_object_get_int_member (json_node_get_object (counted), "total") : 0;
    }

  /* Incremental: same vintage as a complete run means nothing new; an interrupted run of the
   * same upload continues from its last committed page. */
  if (!o->full && last_run (db, dataset, o->resource_id, scope, &last))
    {
      gboolean same = g_strcmp0 (last.vintage, summary->vintage) == 0;

      if (same && g_strcmp0 (last.status, "ok") == 0)
        summary->up_to_date = TRUE;
      else if (same && last.next_offset > 0)
        {
          in.log_id = last.id;
          offset = last.next_offset;
          last_id = last.last_id;
          summary->resumed = TRUE;
          summary->resumed_at = offset;
          summary->added = last.added;
          summary->skipped = last.skipped;
          summary->rejected = last.rejected;
          restore_reasons (db, last.id, summary);
        }
      g_free (last.status);
      g_free (last.vintage);
    }

  if (in.log_id == 0)
    in.log_id = log_start (db, dataset, "ckan", o->resource_id, summary->vintage, scope, error);
  if (in.log_id <= 0)
    {
      ingest_clear (&in);
      return FALSE;
    }
  *log_id = in.log_id;
  ingest_track_run (&in, in.log_id);
  if (summary->resumed)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, "UPDATE sync_log SET status = 'running', finished_at = NULL WHERE id = ?", NULL);
      if (stmt)
        {
          sqlite3_bind_int64 (stmt, 1, in.log_id);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
      report (progress, user_data, 0, _("%s: resuming an interrupted sync at row %ld"), kind_title (o->kind), (long) offset);
    }

  if (summary->up_to_date)
    ok = TRUE;
  else
    ok = sync_pages (client, &in, o, filters, offset, last_id, progress, user_data, cancellable, &local);

  source = g_strdup_printf ("FGJ-CDMX %s (%s, resource %s)", dataset, o->base_url, o->resource_id);
  if (ok && !summary->up_to_date)
    ok = record_dataset (db, dataset, source, summary->vintage, "ckan", &local) &&
         forget_seen (db, dataset, in.log_id, &local);
  log_finish (db, in.log_id, summary, local);
  ingest_clear (&in);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_sync_dataset (UsgaDb *db, const UsgaSyncOptions *o, UsgaProgressFunc progress, gpointer user_data,
                   GCancellable *cancellable, UsgaSyncSummary *summary, GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 log_id = 0;

  if (sync_dataset (db, o, progress, user_data, cancellable, summary, &log_id, &local))
    return TRUE;
  /* Failed before a run was recorded (portal unreachable, refused, schema): record the attempt
   * so the Data page and `usga info` show it. No vintage, so it is never taken for a run to resume. */
  if (log_id == 0)
    {
      const char *dataset = usga_table_kind_dataset (o->kind);
      log_id = log_start (db, dataset, "ckan", o->resource_id, NULL, o->city ? "city" : "iztapalapa", NULL);
      log_finish (db, log_id, summary, local);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* ------------------------------------------------------------------ CSV */

/* The 2019 Opendatasoft export is ';'-separated; everything since uses ','. */
static char
sniff_separator (GBufferedInputStream *stream, GCancellable *cancellable)
{
  gsize size;
  const char *head;
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  g_buffered_input_stream_fill (stream, 16384, cancellable, NULL);
  head = g_buffered_input_stream_peek_buffer (stream, &size);
  for (gsize i = 0; i < size && (quoted || (head[i] != '\n' && head[i] != '\r')); i++)
    {
      if (head[i] == '"')
        quoted = !quoted;
      else if (!quoted && head[i] == ',')
        commas++;
      else if (!quoted && head[i] == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

/* What the CSV-reading thread needs; it never touches the database. */
typedef struct {
  UsgaCsvReader       *reader;
  GSeekable           *file;
  goffset              size;
  const UsgaColumnMap *map;
} CsvSource;

/* The reading thread of an import: parses rows and sends them down the pipe. */
static gboolean
read_csv (UsgaRowPipe *pipe, gpointer data, GError **error)
{
  CsvSource *src = data;
  GCancellable *cancellable = usga_row_pipe_get_cancellable (pipe);
  const GPtrArray *fields;
  double fraction = 0;
  guint64 n = 0;

  while ((fields = usga_csv_reader_next (src->reader, error)) != NULL)
    {
      const char *raw[USGA_N_COLS];

      if (fields->len == 1 && *(const char *) fields->pdata[0] == '\0')
        continue;  /* blank line */
      for (int c = 0; c < USGA_N_COLS; c++)
        raw[c] = src->map->index[c] < 0 ? NULL
                 : (guint) src->map->index[c] < fields->len ? fields->pdata[src->map->index[c]] : "";
      if (++n % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            break;
          fraction = src->size > 0 ? (double) g_seekable_tell (src->file) / src->size : 0;
        }
      usga_row_pipe_set_position (pipe, fraction, usga_csv_reader_line (src->reader));
      if (!usga_row_pipe_add (pipe, raw))
        return TRUE;  /* the writer stopped; it knows why */
    }
  usga_row_pipe_set_position (pipe, 1, usga_csv_reader_line (src->reader));
  return error == NULL || *error == NULL;
}

gboolean
usga_import_csv (UsgaDb *db, const char *path, UsgaTableKind kind, gboolean city,
                 UsgaProgressFunc progress, gpointer user_data, GCancellable *cancellable,
                 UsgaSyncSummary *summary, GError **error)
{
  const char *dataset;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(UsgaCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *fields;
  goffset size = 0;
  Ingest in;
  gboolean ok = FALSE;

  file_stream = g_file_read (file, cancellable, error);
  if (file_stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info)
    size = g_file_info_get_size (info);
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      plain = g_converter_input_stream_new (G_INPUT_STREAM (file_stream), G_CONVERTER (gz));
    }
  else
    plain = g_object_ref (G_INPUT_STREAM (file_stream));
  buffered = g_buffered_input_stream_new_sized (plain, 65536);
  reader = usga_csv_reader_new (buffered, sniff_separator (G_BUFFERED_INPUT_STREAM (buffered), cancellable));

  fields = usga_csv_reader_next (reader, &local);
  if (fields == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: %s"), basename,
                   local ? local->message : _("the file is empty"));
      return FALSE;
    }
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = fields->pdata[i];
      /* A UTF-8 byte-order mark would hide the first column's name. */
      if (i == 0 && g_str_has_prefix (name, "\xef\xbb\xbf"))
        name += 3;
      g_ptr_array_add (header, g_strdup (name));
    }

  if (kind == USGA_TABLE_AUTO)
    {
      kind = USGA_TABLE_CARPETAS;
      for (guint i = 0; i < header->len; i++)
        if (g_ascii_strcasecmp (header->pdata[i], "sexo") == 0 || g_ascii_strcasecmp (header->pdata[i], "edad") == 0)
          kind = USGA_TABLE_VICTIMAS;
    }
  dataset = summary->dataset = usga_table_kind_dataset (kind);
  if (!ingest_init (&in, db, kind, city, "csv", summary, error))
    {
      ingest_clear (&in);
      return FALSE;
    }
  if (!usga_column_map_init (&in.map, kind, (const char *const *) header->pdata, header->len, &local))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA, _("%s: %s"), basename, local->message);
      ingest_clear (&in);
      return FALSE;
    }
  summary->generation = g_strdup (in.map.generation);
  summary->vintage = g_strdup (basename);
  in.log_id = log_start (db, dataset, "csv", basename, basename, city ? "city" : "iztapalapa", error);
  if (in.log_id <= 0)
    {
      ingest_clear (&in);
      return FALSE;
    }
  ingest_track_run (&in, in.log_id);
  report (progress, user_data, 0, _("%s: reading %s (schema %s)…"), kind_title (kind), basename, in.map.generation);

  /* One transaction: all of the file or nothing. The file is read and cleaned on a thread of
   * its own while this one writes. */
  if (!usga_db_begin (db, &local))
    goto out;
  {
    CsvSource src = { reader, G_SEEKABLE (file_stream), size, &in.map };
    g_autoptr(UsgaRowPipe) pipe = ingest_pipe_new (&in, cancellable);

    in.line_prefix = basename;
    usga_row_pipe_start (pipe, read_csv, &src);
    if (!write_batches (&in, pipe, FALSE, progress, user_data, cancellable, &local))
      {
        usga_db_rollback (db);
        goto out;
      }
  }
  source = g_strdup_printf ("FGJ-CDMX %s (CSV file %s)", dataset, basename);
  if (!forget_seen (db, dataset, in.log_id, &local) ||
      !log_progress (&in, -1, -1, &local) ||
      !record_dataset (db, dataset, source, basename, "csv", &local) ||
      !usga_db_commit (db, &local))
    {
      usga_db_rollback (db);
      goto out;
    }
  report (progress, user_data, 1, _("%s: %ld rows read, %ld added"), kind_title (kind), (long) summary->total,
          (long) summary->added);
  ok = TRUE;

out:
  if (!ok)
    {
      /* Nothing of the file was kept; the log says what was attempted. */
      summary->added = 0;
    }
  log_finish (db, in.log_id, summary, local);
  ingest_clear (&in);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}
