/* usga-sync.c — see usga-sync.h for the behaviour this implements.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-format.h"
#include "usga-ingest.h"
#include "usga-job-owner.h"
#include "usga-json.h"
#include "usga-row-pipe.h"
#include "usga-sync.h"

#define DEFAULT_PAGE_SIZE 32000

/* ------------------------------------------------------------------ CKAN */

static char *
string_member (JsonObject *object, const char *name)
{
  return g_strdup (usga_json_member_string (object, name));
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
  char  *status, *vintage, *started_at;
  gint64 next_offset, added, skipped, rejected, last_id;
} LastRun;

static gboolean
last_run (UsgaDb *db, const char *dataset, const char *resource, const char *scope, LastRun *run)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT id, status, vintage, COALESCE (next_offset, 0), rows_added, rows_skipped, rows_rejected,"
      " COALESCE (last_id, 0), started_at"
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
      run->started_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
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
        /* Portals cap a page below the limit asked for: only an empty page or the total ends
         * the run, never a short page (the caller checks the count against the total). */
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

      /* A short page is normal (portals cap page sizes whatever the limit): only an empty
       * page, the total, or the end of _links.next without a total ends the run. */
      if (n == 0 || (has_total && r->offset >= r->total))
        return TRUE;
      next = usga_ckan_page_next_link (page);
      if (!has_total && next == NULL)
        return TRUE;

      /* Follow _links.next when it agrees with what was actually received. */
      g_clear_pointer (&url, g_free);
      if (next && link_offset (next) == r->offset)
        url = g_strdup (next);
      if (url == NULL)
        url = usga_ckan_datastore_search_url (r->client, o->resource_id, r->filters, compact ? fields : NULL,
                                              compact, r->offset, limit);
    }
}

/* Reads pages on a thread of their own while this one writes them. */
static gboolean
sync_pages (UsgaCkanClient *client, UsgaIngest *in, const UsgaSyncOptions *o, const char *filters,
            gint64 *offset, gint64 last_id, UsgaProgressFunc progress, gpointer user_data,
            GCancellable *cancellable, GError **error)
{
  PageReader reader = { client, o, &in->map, filters, *offset, last_id, in->summary->total };
  g_autoptr(UsgaRowPipe) pipe = usga_ingest_pipe_new (in, cancellable);
  gboolean ok;

  usga_row_pipe_start (pipe, read_pages, &reader);
  ok = usga_ingest_write (in, pipe, TRUE, progress, user_data, cancellable, error);
  g_clear_pointer (&pipe, usga_row_pipe_free);  /* joins the reader: @reader is final */
  *offset = reader.offset;
  if (reader.total > 0)
    in->summary->total = reader.total;
  return ok;
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
  JsonArray *resources = usga_json_member_array (object, "resources");
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
      JsonObject *r = usga_json_array_object (resources, i);
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

/* Messages name the portal: never with the password of an endpoint like http://user:secret@host. */
static void
redact_error (GError *error)
{
  if (error && strstr (error->message, "@"))
    {
      char *shown = usga_ckan_redact (error->message);
      g_free (error->message);
      error->message = shown;
    }
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
  UsgaIngest in;
  gboolean ok;

  client = usga_ckan_client_new (o->base_url, error);
  if (client == NULL)
    return FALSE;
  usga_ckan_client_set_retry (client, o->attempts ? o->attempts : 4, o->retry_delay_ms ? o->retry_delay_ms : 2000);
  if (o->timeout_s)
    usga_ckan_client_set_timeout (client, o->timeout_s);
  if (o->deadline_ms)
    usga_ckan_client_set_deadline (client, o->deadline_ms);
  usga_ckan_client_set_limits (client, o->max_metadata_bytes, o->max_page_bytes);
  if (o->ca_file && !usga_ckan_client_set_ca_file (client, o->ca_file, error))
    return FALSE;

  usga_ingest_report (progress, user_data, 0, _("%s: contacting the portal…"), usga_ingest_kind_title (o->kind));
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
      usga_ingest_report (progress, user_data, 0, _("%s: the portal no longer has resource %s; using %s from dataset %s"),
                          usga_ingest_kind_title (o->kind), original_rid, o->resource_id, o->package_id);
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
                     "use Import CSV instead."), o->resource_id, usga_ckan_client_display_url (client));
      return FALSE;
    }

  /* Columns first: the scope filter names the alcaldía column the way this generation does. */
  probe_url = usga_ckan_datastore_search_url (client, o->resource_id, NULL, NULL, FALSE, 0, 0);
  probe = usga_ckan_client_get (client, probe_url, cancellable, error);
  if (probe == NULL)
    return FALSE;
  fields = usga_json_member_array (JSON_NODE_HOLDS_OBJECT (probe) ? json_node_get_object (probe) : NULL, "fields");
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      const char *id = usga_json_member_string (usga_json_array_object (fields, i), "id");
      if (id && !g_str_equal (id, "_id") && !g_str_equal (id, "_full_text"))
        g_ptr_array_add (names, (gpointer) id);
    }

  if (!usga_ingest_init (&in, db, o->kind, o->city, "ckan", summary, error))
    {
      usga_ingest_clear (&in);
      return FALSE;
    }
  if (!usga_column_map_init (&in.map, o->kind, (const char *const *) names->pdata, names->len, &local))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA, _("Resource %s: %s"), o->resource_id, local->message);
      usga_ingest_clear (&in);
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
  summary->total = usga_json_member_int (JSON_NODE_HOLDS_OBJECT (probe) ? json_node_get_object (probe) : NULL,
                                         "total", summary->total);
  if (filters)
    {
      g_autofree char *count_url = usga_ckan_datastore_search_url (client, o->resource_id, filters, NULL, FALSE, 0, 0);
      g_autoptr(JsonNode) counted = usga_ckan_client_get (client, count_url, cancellable, &local);

      if (counted == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          usga_ingest_clear (&in);
          return FALSE;
        }
      summary->total = usga_json_member_int (JSON_NODE_HOLDS_OBJECT (counted) ? json_node_get_object (counted) : NULL,
                                             "total", 0);
    }

  /* Incremental: same vintage as a complete run means nothing new; an interrupted run of the
   * same upload continues from its last committed page. */
  if (!o->full && last_run (db, dataset, o->resource_id, scope, &last))
    {
      gboolean same = g_strcmp0 (last.vintage, summary->vintage) == 0;

      /* Two processes may sync at once, but never the same run: the other one is left alone. */
      if (usga_job_owner_running (db, last.id))
        {
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BUSY,
                       _("Another sync of %s from this resource is running (since %s); it was left "
                         "alone. Try again when it has finished."), dataset, last.started_at);
          g_free (last.status);
          g_free (last.vintage);
          g_free (last.started_at);
          usga_ingest_clear (&in);
          *log_id = -1;
          return FALSE;
        }
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
      g_free (last.started_at);
    }

  if (in.log_id == 0)
    in.log_id = usga_ingest_log_start (db, dataset, "ckan", o->resource_id, summary->vintage, scope, error);
  if (in.log_id <= 0)
    {
      usga_ingest_clear (&in);
      return FALSE;
    }
  *log_id = in.log_id;
  usga_ingest_track_run (&in, in.log_id);
  if (summary->resumed)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, "UPDATE sync_log SET status = 'running', finished_at = NULL WHERE id = ?", NULL);
      usga_job_owner_claim (db, in.log_id, NULL);
      if (stmt)
        {
          sqlite3_bind_int64 (stmt, 1, in.log_id);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
      usga_ingest_report (progress, user_data, 0, _("%s: resuming an interrupted sync at row %ld"),
                          usga_ingest_kind_title (o->kind), (long) offset);
    }

  if (summary->up_to_date)
    ok = TRUE;
  else
    {
      ok = sync_pages (client, &in, o, filters, &offset, last_id, progress, user_data, cancellable, &local);
      if (ok && summary->total > 0 && offset < summary->total)
        {
          /* Every row of the total, or it is not a sync: the pages kept stay, the run stays
           * open to resume (whatever the portal's vintage says next time), nothing is replaced. */
          g_autofree char *got = usga_format_count (offset);
          g_autofree char *total = usga_format_count (summary->total);
          g_set_error (&local, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INCOMPLETE,
                       _("Incomplete: got %s of %s rows (the portal sent no more); will resume from there "
                         "at the next sync. Nothing was replaced."), got, total);
          ok = FALSE;
        }
      else if (!ok && offset > 0 && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *got = usga_format_count (offset);
          g_autofree char *total = usga_format_count (summary->total);

          if (summary->total > 0)
            g_prefix_error (&local, _("Incomplete: got %s of %s rows; will resume from there at the next "
                                      "sync. Nothing was replaced. "), got, total);
          else
            g_prefix_error (&local, _("Incomplete: got %s rows; will resume from there at the next "
                                      "sync. Nothing was replaced. "), got);
        }
    }

  /* Only a complete run supersedes, records its coverage and becomes the dataset's source. */
  {
    g_autofree char *shown = usga_ckan_redact (o->base_url);
    source = g_strdup_printf ("FGJ-CDMX %s (%s, resource %s)", dataset, shown, o->resource_id);
  }
  if (ok && !summary->up_to_date)
    {
      /* One transaction: the bundled carpetas give way, the coverage, the dataset's source. */
      ok = usga_db_begin (db, &local);
      if (ok && !(usga_ingest_finish_complete (&in, NULL, NULL, &local) &&
                  usga_ingest_record_dataset (db, dataset, source, summary->vintage, "ckan", &local) &&
                  usga_ingest_forget_seen (db, dataset, in.log_id, &local) &&
                  usga_db_commit (db, &local)))
        {
          usga_db_rollback (db);
          ok = FALSE;
        }
    }
  redact_error (local);
  usga_ingest_log_finish (db, in.log_id, summary, local);
  usga_ingest_clear (&in);
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
  redact_error (local);
  /* Failed before a run was recorded (portal unreachable, refused, schema): record the attempt
   * so the Data page and `usga info` show it. No vintage, so it is never taken for a run to resume.
   * (-1: another process's run is going on; recording a failure would hide it.) */
  if (log_id == 0)
    {
      const char *dataset = usga_table_kind_dataset (o->kind);
      log_id = usga_ingest_log_start (db, dataset, "ckan", o->resource_id, NULL, o->city ? "city" : "iztapalapa", NULL);
      usga_ingest_log_finish (db, log_id, summary, local);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
