/* usga-tracker-shared.c — a shared tracker: server, local copy, queue of unsent edits.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-tracker-shared.h"
#include "usga-tracker-private.h"
#include "usga-tracker-store.h"

struct _UsgaSharedTracker {
  char          *conninfo;
  char          *server;
  UsgaDb        *local;   /* the queue lives here */
  UsgaDb        *cache;   /* the last fetched state */
  UsgaTrackerPg *pg;
};

void
usga_queued_edit_free (UsgaQueuedEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->recommendation_id); g_free (edit->kind); g_free (edit->summary);
  g_free (edit->queued_at); g_free (edit->refused);
  g_free (edit);
}

/* A new copy starts from the local database's recommendations (the same data file); the
 * state and history then come from the server. */
static gboolean
fill_cache (UsgaDb *cache, const char *local_path, GError **error)
{
  sqlite3_stmt *attach;
  gboolean ok;
  int rc;

  /* The copy mirrors the server, which keeps the history append-only itself; the copy must be
   * able to follow it exactly (a database re-created on the same server). */
  if (!usga_db_exec (cache, "DROP TRIGGER IF EXISTS recommendation_history_no_update;"
                            "DROP TRIGGER IF EXISTS recommendation_history_no_delete;", error))
    return FALSE;
  if (usga_db_query_int (cache, "SELECT count(*) FROM recommendation", 0) > 0)
    return TRUE;
  attach = usga_db_prepare (cache, "ATTACH DATABASE ? AS src", error);
  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, local_path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (attach);
  sqlite3_reset (attach);
  if (rc != SQLITE_DONE)
    return usga_db_fail (cache, rc, "attach", error);
  ok = usga_db_begin (cache, error) &&
       usga_db_exec (cache, "INSERT INTO category SELECT * FROM src.category", error) &&
       usga_db_exec (cache,
           "INSERT INTO recommendation (id, kind, sdg, section, theme_en, theme_es, topic_en, topic_es,"
           "  summary_en, summary_es, partners, indicator, source_ref)"
           " SELECT id, kind, sdg, section, theme_en, theme_es, topic_en, topic_es,"
           "  summary_en, summary_es, partners, indicator, source_ref FROM src.recommendation", error) &&
       usga_db_commit (cache, error);
  if (!ok)
    usga_db_rollback (cache);
  usga_db_exec (cache, "DETACH DATABASE src", NULL);
  return ok;
}

UsgaSharedTracker *
usga_shared_tracker_new (const char *local_path, const char *conninfo, GError **error)
{
  g_autoptr(UsgaSharedTracker) self = g_new0 (UsgaSharedTracker, 1);
  g_autofree char *hash = NULL;
  g_autofree char *cache_path = NULL;

  self->conninfo = g_strdup (conninfo);
  self->server = usga_tracker_pg_server_name (conninfo);
  self->local = usga_db_open (local_path, USGA_DB_OPEN_NO_CREATE, error);
  if (self->local == NULL)
    return NULL;
  /* One copy per local database and server, beside the database. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, self->server, -1);
  hash[12] = '\0';
  cache_path = g_strdup_printf ("%s.shared-%s", local_path, hash);
  self->cache = usga_db_open (cache_path, USGA_DB_OPEN_DEFAULT, error);
  if (self->cache == NULL || !fill_cache (self->cache, local_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
usga_shared_tracker_free (UsgaSharedTracker *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pg, usga_tracker_pg_free);
  g_clear_pointer (&self->cache, usga_db_close);
  g_clear_pointer (&self->local, usga_db_close);
  g_free (self->conninfo);
  g_free (self->server);
  g_free (self);
}

const char *usga_shared_tracker_server (UsgaSharedTracker *self) { return self->server; }
UsgaDb *usga_shared_tracker_cache (UsgaSharedTracker *self) { return self->cache; }
const char *usga_shared_tracker_cache_path (UsgaSharedTracker *self) { return usga_db_path (self->cache); }
UsgaTrackerPg *usga_shared_tracker_pg (UsgaSharedTracker *self) { return self->pg; }

char *
usga_shared_tracker_fetched_at (UsgaSharedTracker *self)
{
  return usga_db_meta_get (self->cache, "shared_fetched_at");
}

void
usga_shared_tracker_disconnect (UsgaSharedTracker *self)
{
  g_clear_pointer (&self->pg, usga_tracker_pg_free);
}

gboolean
usga_shared_tracker_connect (UsgaSharedTracker *self, GError **error)
{
  if (self->pg == NULL)
    self->pg = usga_tracker_pg_connect (self->conninfo, error);
  return self->pg != NULL;
}

/* A lost connection is dropped, so the next call reconnects. */
static void
note_failure (UsgaSharedTracker *self, GError *error)
{
  if (error && g_error_matches (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE))
    usga_shared_tracker_disconnect (self);
}

/* TRUE when @local says an old connection died (a server restart): worth one new attempt. */
static gboolean
retry_after (UsgaSharedTracker *self, gboolean was_connected, GError **local)
{
  if (!was_connected || !g_error_matches (*local, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE))
    return FALSE;
  usga_shared_tracker_disconnect (self);
  g_clear_error (local);
  return TRUE;
}

gboolean
usga_shared_tracker_refresh (UsgaSharedTracker *self, GError **error)
{
  GError *local = NULL;
  gboolean was_connected = self->pg != NULL;

  if (usga_shared_tracker_connect (self, &local) && usga_tracker_pg_fetch (self->pg, self->cache, &local))
    return TRUE;
  if (retry_after (self, was_connected, &local) &&
      usga_shared_tracker_connect (self, &local) && usga_tracker_pg_fetch (self->pg, self->cache, &local))
    return TRUE;
  note_failure (self, local);
  g_propagate_error (error, local);
  return FALSE;
}

/* --- the queue ---------------------------------------------------------- */

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static char *
change_to_json (const UsgaTrackerChange *c, const char *undo_uuid)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "undo", undo_uuid);
  add_string (b, "status", c->status);
  add_string (b, "term", c->term);
  add_string (b, "responsible", c->responsible);
  add_string (b, "due_date", c->due_date);
  if (c->progress >= 0)
    {
      json_builder_set_member_name (b, "progress");
      json_builder_add_int_value (b, c->progress);
    }
  add_string (b, "by", c->by);
  add_string (b, "note", c->note);
  add_string (b, "evidence_url", c->evidence_url);
  add_string (b, "criterion", c->criterion);
  add_string (b, "base_uuid", c->base_uuid);
  add_string (b, "base_status", c->base_status);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* @c's strings point into @root's object, which must outlive it. */
static JsonNode *
change_from_json (const char *text, UsgaTrackerChange *c, const char **undo_uuid)
{
  JsonNode *root = json_from_string (text, NULL);
  JsonObject *o;

  *c = (UsgaTrackerChange) USGA_TRACKER_CHANGE_INIT;
  *undo_uuid = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return root;
  o = json_node_get_object (root);
#define S(name) (json_object_has_member (o, name) ? json_object_get_string_member (o, name) : NULL)
  *undo_uuid = S ("undo");
  c->status = S ("status");
  c->term = S ("term");
  c->responsible = S ("responsible");
  c->due_date = S ("due_date");
  c->progress = json_object_has_member (o, "progress") ? (int) json_object_get_int_member (o, "progress") : -1;
  c->by = S ("by");
  c->note = S ("note");
  c->evidence_url = S ("evidence_url");
  c->criterion = S ("criterion");
  c->base_uuid = S ("base_uuid");
  c->base_status = S ("base_status");
#undef S
  return root;
}

static char *
summarize (const UsgaTrackerChange *c, const char *undo_uuid)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (undo_uuid)
    g_string_append_printf (s, _("undo of %s"), undo_uuid);
  if (c->status)
    g_string_append_printf (s, "%s%s → %s", s->len ? "; " : "", _("status"), usga_status_name (c->status));
  if (c->term)
    g_string_append_printf (s, "%s%s → %s", s->len ? "; " : "", _("term"), *c->term ? usga_term_name (c->term) : "—");
  if (c->responsible)
    g_string_append_printf (s, "%s%s → %s", s->len ? "; " : "", _("responsible"), *c->responsible ? c->responsible : "—");
  if (c->due_date)
    g_string_append_printf (s, "%s%s → %s", s->len ? "; " : "", _("due"), *c->due_date ? c->due_date : "—");
  if (c->progress >= 0)
    g_string_append_printf (s, "%s%s → %d %%", s->len ? "; " : "", _("progress"), c->progress);
  if (c->note && *c->note)
    g_string_append_printf (s, "%s%s: %s", s->len ? "; " : "", _("note"), c->note);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
enqueue (UsgaSharedTracker *self, const char *id, const UsgaTrackerChange *change, const char *undo_uuid, GError **error)
{
  UsgaTrackerChange based = *change;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autofree char *json = NULL;
  g_autofree char *at = usga_tracker_now_iso8601 ();
  sqlite3_stmt *stmt;

  /* A queued edit always carries the state it was made on (what the copy showed), so when it
   * is sent later it cannot overwrite a colleague's change made meanwhile, nor be applied twice. */
  if (based.base_uuid == NULL && based.base_status == NULL &&
      (rec = usga_tracker_get (self->cache, id, NULL)) != NULL)
    based.base_uuid = rec->last_uuid ? rec->last_uuid : "";
  json = change_to_json (&based, undo_uuid);
  stmt = usga_db_prepare (self->local,
      "INSERT INTO tracker_outbox (server, recommendation_id, kind, change, queued_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, undo_uuid ? "undo" : "change", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  return usga_db_step_done (self->local, stmt, "tracker_outbox", error);
}

/* Sends one edit to the connected server. */
static int
send_one (UsgaSharedTracker *self, const char *id, const UsgaTrackerChange *change, const char *undo_uuid,
          GError **error)
{
  if (undo_uuid)
    return usga_tracker_pg_undo (self->pg, undo_uuid, change->by, error) ? 1 : -1;
  return usga_tracker_pg_apply (self->pg, id, change, error);
}

static int
apply_or_queue (UsgaSharedTracker *self, const char *id, const UsgaTrackerChange *change, const char *undo_uuid,
                GError **error)
{
  GError *local = NULL;
  gboolean was_connected = self->pg != NULL;
  int written = -1;

  if (usga_shared_tracker_connect (self, &local))
    written = send_one (self, id, change, undo_uuid, &local);
  /* A connection that died while idle (the server restarted) is not "unreachable" yet: try a
   * new one. The edit is one transaction, so it was most likely not committed; in case only
   * the commit's answer was lost, the retry carries a base and is refused rather than doubled. */
  if (written < 0 && retry_after (self, was_connected, &local) && usga_shared_tracker_connect (self, &local))
    {
      UsgaTrackerChange based = *change;
      g_autoptr(UsgaRecommendation) rec = NULL;

      if (based.base_uuid == NULL && based.base_status == NULL &&
          (rec = usga_tracker_get (self->cache, id, NULL)) != NULL)
        based.base_uuid = rec->last_uuid ? rec->last_uuid : "";
      written = send_one (self, id, &based, undo_uuid, &local);
    }
  if (written >= 0)
    {
      g_autoptr(GError) ignored = NULL;

      /* The write is done; a failed refresh only means the copy catches up later. */
      if (!usga_tracker_pg_fetch (self->pg, self->cache, &ignored))
        note_failure (self, ignored);
      return written;
    }
  if (g_error_matches (local, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE))
    {
      g_autoptr(GError) queue_error = NULL;

      note_failure (self, local);
      if (!enqueue (self, id, change, undo_uuid, &queue_error))
        {
          g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE,
                       _("%s The edit could not be queued either: %s"), local->message, queue_error->message);
          g_error_free (local);
          return -1;
        }
      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE,
                   _("%s The edit is queued in %s and will be sent when the server can be reached."),
                   local->message, usga_db_path (self->local));
      g_error_free (local);
      return -1;
    }
  g_propagate_error (error, local);
  return -1;
}

int
usga_shared_tracker_apply (UsgaSharedTracker *self, const char *id, const UsgaTrackerChange *change, GError **error)
{
  return apply_or_queue (self, id, change, NULL, error);
}

gboolean
usga_shared_tracker_undo (UsgaSharedTracker *self, const char *uuid, const char *by, GError **error)
{
  g_autoptr(UsgaHistoryEntry) e = usga_tracker_sqlite_entry (self->cache, uuid, error);
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

  if (e == NULL)
    return FALSE;
  change.by = by;
  return apply_or_queue (self, e->recommendation_id, &change, uuid, error) >= 0;
}

GPtrArray *
usga_shared_tracker_queue (UsgaSharedTracker *self, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_queued_edit_free);
  sqlite3_stmt *stmt = usga_db_prepare (self->local,
      "SELECT id, recommendation_id, kind, change, queued_at, refused FROM tracker_outbox WHERE server = ? ORDER BY id",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, self->server, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaQueuedEdit *q = g_new0 (UsgaQueuedEdit, 1);
      UsgaTrackerChange c;
      const char *undo_uuid;
      g_autoptr(JsonNode) root = change_from_json ((const char *) sqlite3_column_text (stmt, 3), &c, &undo_uuid);

      q->id = sqlite3_column_int64 (stmt, 0);
      q->recommendation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      q->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      q->summary = summarize (&c, undo_uuid);
      q->queued_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      q->refused = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (out, q);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (self->local, rc, "tracker_outbox", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

guint
usga_shared_tracker_n_queued (UsgaSharedTracker *self)
{
  sqlite3_stmt *stmt = usga_db_prepare (self->local, "SELECT count(*) FROM tracker_outbox WHERE server = ?", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, self->server, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
outbox_update (UsgaSharedTracker *self, const char *sql, gint64 edit_id, const char *text, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (self->local, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, edit_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->server, -1, SQLITE_TRANSIENT);
  if (!usga_db_step_done (self->local, stmt, "tracker_outbox", error))
    return FALSE;
  if (sqlite3_changes (usga_db_handle (self->local)) == 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no queued edit %lld"), (long long) edit_id);
      return FALSE;
    }
  return TRUE;
}

/* Sends queued edit @edit_id; @drop_base for a re-apply on the current state. */
static int
send_queued (UsgaSharedTracker *self, gint64 edit_id, const char *id, const char *json, gboolean drop_base,
             GError **error)
{
  UsgaTrackerChange c;
  const char *undo_uuid;
  g_autoptr(JsonNode) root = change_from_json (json, &c, &undo_uuid);
  GError *local = NULL;
  int written;

  if (drop_base)
    c.base_uuid = c.base_status = NULL;
  written = send_one (self, id, &c, undo_uuid, &local);
  if (written >= 0)
    return outbox_update (self, "DELETE FROM tracker_outbox WHERE id = ?1 AND server = ?3",
                          edit_id, NULL, error) ? written : -1;
  if (g_error_matches (local, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE))
    {
      note_failure (self, local);
      g_propagate_error (error, local);
      return -1;
    }
  /* Refused (stale base, workflow rule): kept, with the reason, until re-applied or discarded. */
  outbox_update (self, "UPDATE tracker_outbox SET refused = ?2 WHERE id = ?1 AND server = ?3", edit_id, local->message, NULL);
  g_propagate_error (error, local);
  return -2;
}

int
usga_shared_tracker_send_queue (UsgaSharedTracker *self, guint *n_refused, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  int sent = 0;

  if (n_refused)
    *n_refused = 0;
  stmt = usga_db_prepare (self->local,
      "SELECT id, recommendation_id, change FROM tracker_outbox WHERE server = ? AND refused IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, self->server, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      g_ptr_array_add (recs, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (changes, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (ids->len == 0)
    return 0;
  if (!usga_shared_tracker_connect (self, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local = NULL;
      int written = send_queued (self, g_array_index (ids, gint64, i), recs->pdata[i], changes->pdata[i], FALSE, &local);

      if (written == -2)
        {
          if (n_refused)
            (*n_refused)++;
          continue;
        }
      if (written < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
      sent++;
    }
  if (self->pg)
    {
      g_autoptr(GError) ignored = NULL;
      if (!usga_tracker_pg_fetch (self->pg, self->cache, &ignored))
        note_failure (self, ignored);
    }
  return sent;
}

gboolean
usga_shared_tracker_discard (UsgaSharedTracker *self, gint64 edit_id, GError **error)
{
  return outbox_update (self, "DELETE FROM tracker_outbox WHERE id = ?1 AND server = ?3",
                        edit_id, NULL, error);
}

int
usga_shared_tracker_reapply (UsgaSharedTracker *self, gint64 edit_id, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (self->local,
      "SELECT recommendation_id, change FROM tracker_outbox WHERE id = ? AND server = ?", error);
  g_autofree char *id = NULL, *json = NULL;
  int written;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, edit_id);
  sqlite3_bind_text (stmt, 2, self->server, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      json = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (id == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no queued edit %lld"), (long long) edit_id);
      return -1;
    }
  if (!usga_shared_tracker_connect (self, error))
    return -1;
  written = send_queued (self, edit_id, id, json, TRUE, error);
  if (written >= 0 && self->pg)
    usga_tracker_pg_fetch (self->pg, self->cache, NULL);
  return written < 0 ? -1 : written;
}

/* --- merges ------------------------------------------------------------- */

static UsgaTrackerImportReport *
merge (UsgaSharedTracker *self, GPtrArray *incoming, GError **error)
{
  UsgaTrackerImportReport *report = NULL;
  GError *local = NULL;

  if (usga_shared_tracker_connect (self, &local))
    report = usga_tracker_pg_merge (self->pg, incoming, &local);
  if (report == NULL)
    {
      note_failure (self, local);
      g_propagate_error (error, local);
      return NULL;
    }
  if (!usga_tracker_pg_fetch (self->pg, self->cache, NULL))
    usga_shared_tracker_disconnect (self);
  return report;
}

UsgaTrackerImportReport *
usga_shared_tracker_publish (UsgaSharedTracker *self, GError **error)
{
  g_autoptr(GPtrArray) history = usga_tracker_history (self->local, NULL, 0, error);

  if (history == NULL)
    return NULL;
  /* Oldest first, as a file lists them. */
  for (guint i = 0; i < history->len / 2; i++)
    {
      gpointer tmp = history->pdata[i];
      history->pdata[i] = history->pdata[history->len - 1 - i];
      history->pdata[history->len - 1 - i] = tmp;
    }
  return merge (self, history, error);
}

UsgaTrackerImportReport *
usga_shared_tracker_import (UsgaSharedTracker *self, const char *path, GError **error)
{
  g_autoptr(GPtrArray) incoming = usga_tracker_parse_export (self->cache, path, error);

  return incoming ? merge (self, incoming, error) : NULL;
}

/* --- as a tracker store backend ------------------------------------------ */

/* The command line never answers from an old copy: it says the server is unreachable. */
static UsgaDb *
shared_reader (gpointer backend, GError **error)
{
  UsgaSharedTracker *self = backend;

  return usga_shared_tracker_refresh (self, error) ? self->cache : NULL;
}

static int
shared_apply (gpointer backend, const char *id, const UsgaTrackerChange *change, GError **error)
{
  return usga_shared_tracker_apply (backend, id, change, error);
}

static gboolean
shared_undo (gpointer backend, const char *uuid, const char *by, GError **error)
{
  /* The entry is looked up in the copy, so bring it up to date first. */
  return usga_shared_tracker_refresh (backend, error) && usga_shared_tracker_undo (backend, uuid, by, error);
}

static UsgaTrackerImportReport *
shared_merge (gpointer backend, GPtrArray *incoming, GError **error)
{
  return merge (backend, incoming, error);
}

const UsgaTrackerBackend usga_tracker_shared_backend = { shared_reader, shared_apply, shared_undo, shared_merge };
