/* usga-tracker-pg.c — the shared tracker on PostgreSQL 15 through libpq: schema migrations,
 * seeding, base-checked writes, fetching into the local SQLite copy, merging, LISTEN/NOTIFY.
 * Every statement takes its values as parameters; column names come from fixed lists.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "usga-bundled.h"
#include "usga-json.h"
#include "usga-tracker-pg.h"
#include "usga-tracker-private.h"

struct _UsgaTrackerPg {
  PGconn *conn;
  char   *server;
  int     schema_version;
};

/* Server schema migrations, each applied in the one migration transaction; never edit a
 * released one, append. History is append-only: the server itself refuses UPDATE, DELETE and
 * TRUNCATE, and every entry records the database role that wrote it beside the name typed. */
static const char *const pg_migrations[] = {
  /* 1 */
  "CREATE TABLE usga_tracker_meta (key text PRIMARY KEY, value text NOT NULL);"
  "INSERT INTO usga_tracker_meta VALUES ('instance', gen_random_uuid()::text);"
  "CREATE TABLE usga_tracker_recommendation ("
  "  id text PRIMARY KEY,"
  "  kind text NOT NULL CHECK (kind IN ('mayor','population','section3')),"
  "  sdg integer, theme_en text, summary_en text NOT NULL, summary_es text NOT NULL,"
  "  status text NOT NULL DEFAULT 'not_started' CHECK (status IN"
  "    ('not_started','planned','in_progress','implemented','blocked','not_pursued')),"
  "  term text CHECK (term IN ('short','medium','long')),"
  "  responsible text, due_date text,"
  "  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100));"
  "CREATE TABLE usga_tracker_history ("
  "  hid bigserial PRIMARY KEY,"
  "  uuid text NOT NULL UNIQUE,"
  "  recommendation_id text NOT NULL REFERENCES usga_tracker_recommendation(id),"
  "  at text NOT NULL, by text NOT NULL DEFAULT '',"
  "  field text NOT NULL CHECK (field IN ('status','term','responsible','due_date','progress','note')),"
  "  old_value text, new_value text, note text, evidence_url text, criterion text,"
  "  recorded_at timestamptz NOT NULL DEFAULT now(),"
  "  recorded_by text NOT NULL DEFAULT session_user);"
  "CREATE INDEX usga_tracker_history_rec ON usga_tracker_history (recommendation_id, at);"
  "CREATE FUNCTION usga_tracker_history_refuse () RETURNS trigger LANGUAGE plpgsql AS $$"
  "  BEGIN RAISE EXCEPTION 'recommendation history is append-only'; END $$;"
  "CREATE TRIGGER usga_tracker_history_no_edit BEFORE UPDATE OR DELETE ON usga_tracker_history"
  "  FOR EACH ROW EXECUTE FUNCTION usga_tracker_history_refuse ();"
  "CREATE TRIGGER usga_tracker_history_no_truncate BEFORE TRUNCATE ON usga_tracker_history"
  "  FOR EACH STATEMENT EXECUTE FUNCTION usga_tracker_history_refuse ();"
  /* NOTIFY is sent at commit, so a listener never sees a change that was rolled back. */
  "CREATE FUNCTION usga_tracker_history_notify () RETURNS trigger LANGUAGE plpgsql AS $$"
  "  BEGIN PERFORM pg_notify('" USGA_TRACKER_PG_CHANNEL "', NEW.recommendation_id); RETURN NULL; END $$;"
  "CREATE TRIGGER usga_tracker_history_changed AFTER INSERT ON usga_tracker_history"
  "  FOR EACH ROW EXECUTE FUNCTION usga_tracker_history_notify ();",
};

/* An arbitrary constant: the advisory lock that serialises schema migrations. */
#define MIGRATION_LOCK "727114"

/* libpq's message, on one line: its first line says what happened, the rest is boilerplate
 * ("This probably means the server terminated abnormally…"). */
static char *
chomp (const char *message)
{
  g_autofree char *text = g_strstrip (g_strdup (message ? message : ""));
  char *newline = strchr (text, '\n');

  if (newline)
    *newline = '\0';
  return g_strstrip (g_steal_pointer (&text));
}

char *
usga_tracker_pg_server_name (const char *conninfo)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo ? conninfo : "", NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  const char *host = NULL, *port = NULL, *dbname = NULL, *user = NULL;
  char *name;

  for (PQconninfoOption *o = opts; o && o->keyword; o++)
    {
      if (o->val == NULL || !*o->val) continue;
      if (g_str_equal (o->keyword, "host") || (g_str_equal (o->keyword, "hostaddr") && host == NULL)) host = o->val;
      else if (g_str_equal (o->keyword, "port")) port = o->val;
      else if (g_str_equal (o->keyword, "dbname")) dbname = o->val;
      else if (g_str_equal (o->keyword, "user")) user = o->val;
    }
  /* What libpq would use for the rest (PGHOST, PGPORT, …, or its built-in defaults). */
  for (PQconninfoOption *o = defaults; o && o->keyword; o++)
    {
      if (o->val == NULL || !*o->val) continue;
      if (host == NULL && g_str_equal (o->keyword, "host")) host = o->val;
      else if (port == NULL && g_str_equal (o->keyword, "port")) port = o->val;
      else if (dbname == NULL && g_str_equal (o->keyword, "dbname")) dbname = o->val;
      else if (user == NULL && g_str_equal (o->keyword, "user")) user = o->val;
    }
  name = g_strdup_printf ("%s on %s:%s", dbname ? dbname : (user ? user : "postgres"),
                          host ? host : "/var/run/postgresql", port ? port : "5432");
  PQconninfoFree (opts);
  PQconninfoFree (defaults);
  return name;
}

gboolean
usga_tracker_pg_has_password (const char *conninfo)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo ? conninfo : "", NULL);
  gboolean found = FALSE;

  for (PQconninfoOption *o = opts; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "password") && o->val && *o->val)
      found = TRUE;
  PQconninfoFree (opts);
  return found;
}

/* Sets @error from a failed command: a lost connection is "unreachable", the rest the server's word. */
static gboolean
fail (UsgaTrackerPg *pg, PGresult *res, GError **error)
{
  g_autofree char *message = chomp (res ? PQresultErrorMessage (res) : PQerrorMessage (pg->conn));
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  if (!*message)
    message = chomp (PQerrorMessage (pg->conn));
  /* libpq's own errors (the socket closed, …) carry no SQLSTATE. */
  if (PQstatus (pg->conn) == CONNECTION_BAD || state == NULL || g_str_has_prefix (state, "08") ||
      g_strcmp0 (state, "57P01") == 0 || g_strcmp0 (state, "57P02") == 0 || g_strcmp0 (state, "57P03") == 0)
    g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE,
                 _("Lost the connection to the shared tracker %s: %s"), pg->server, message);
  else
    g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_SERVER,
                 _("The shared tracker %s refused: %s"), pg->server, message);
  if (res)
    PQclear (res);
  return FALSE;
}

/* Runs @sql with text parameters; returns the result (tuples or command ok) or NULL + @error. */
static PGresult *
run (UsgaTrackerPg *pg, const char *sql, int n, const char *const *values, GError **error)
{
  PGresult *res = PQexecParams (pg->conn, sql, n, NULL, values, NULL, NULL, 0);
  ExecStatusType st = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    {
      fail (pg, res, error);
      return NULL;
    }
  return res;
}

/* Fixed SQL without parameters (it may hold several statements: the migrations). */
static gboolean
exec (UsgaTrackerPg *pg, const char *sql, GError **error)
{
  PGresult *res = PQexec (pg->conn, sql);
  ExecStatusType st = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return fail (pg, res, error);
  PQclear (res);
  return TRUE;
}

static void
rollback (UsgaTrackerPg *pg)
{
  if (PQstatus (pg->conn) == CONNECTION_OK && PQtransactionStatus (pg->conn) != PQTRANS_IDLE)
    PQclear (PQexec (pg->conn, "ROLLBACK"));
}

static char *
value (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static gboolean
seed (UsgaTrackerPg *pg, GError **error)
{
  g_autofree char *path = usga_data_path ("recommendations.json");
  g_autoptr(JsonNode) root = usga_json_load_file (path, error);
  const char *lists[] = { "recommendations", "other_items" };
  const char *kinds[] = { "mayor", "population" };

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: no “recommendations” list"), path);
      return FALSE;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *items = json_object_has_member (json_node_get_object (root), lists[l])
                         ? json_object_get_array_member (json_node_get_object (root), lists[l]) : NULL;

      for (guint i = 0; items && i < json_array_get_length (items); i++)
        {
          JsonObject *o = json_array_get_object_element (items, i);
          g_autofree char *sdg = NULL;
          const char *values[6];
          PGresult *res;

          if (o == NULL || usga_json_member_string (o, "id") == NULL)
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: item %u has no id or summary"), path, i + 1);
              return FALSE;
            }
          if (json_object_has_member (o, "sdg") && !json_object_get_null_member (o, "sdg"))
            sdg = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, "sdg"));
          values[0] = usga_json_member_string (o, "id");
          values[1] = usga_json_member_string (o, "kind") ? usga_json_member_string (o, "kind") : kinds[l];
          values[2] = sdg;
          values[3] = usga_json_member_string (o, "theme_en") ? usga_json_member_string (o, "theme_en")
                                                              : usga_json_member_string (o, "list");
          values[4] = usga_json_member_string (o, "summary_en");
          values[5] = usga_json_member_string (o, "summary_es");
          res = run (pg, "INSERT INTO usga_tracker_recommendation (id, kind, sdg, theme_en, summary_en, summary_es)"
                         " VALUES ($1, $2, $3::integer, $4, $5, $6) ON CONFLICT (id) DO NOTHING", 6, values, error);
          if (res == NULL)
            return FALSE;
          PQclear (res);
        }
    }
  return TRUE;
}

static gboolean
migrate (UsgaTrackerPg *pg, GError **error)
{
  PGresult *res;
  int version;

  if (!exec (pg, "BEGIN", error))
    return FALSE;
  if (!exec (pg, "SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", error) ||
      !exec (pg, "CREATE TABLE IF NOT EXISTS usga_tracker_schema (version integer NOT NULL)", error) ||
      (res = run (pg, "SELECT coalesce (max (version), 0) FROM usga_tracker_schema", 0, NULL, error)) == NULL)
    goto fail;
  version = atoi (PQgetvalue (res, 0, 0));
  PQclear (res);
  if (version > (int) G_N_ELEMENTS (pg_migrations))
    {
      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_SERVER,
                   _("The shared tracker %s was set up by a newer USGA Dashboard (schema %d; this one knows %d)"),
                   pg->server, version, (int) G_N_ELEMENTS (pg_migrations));
      goto fail;
    }
  if (version < (int) G_N_ELEMENTS (pg_migrations))
    {
      g_autofree char *text = g_strdup_printf ("%d", (int) G_N_ELEMENTS (pg_migrations));
      const char *values[] = { text };

      for (int v = version; v < (int) G_N_ELEMENTS (pg_migrations); v++)
        if (!exec (pg, pg_migrations[v], error))
          goto fail;
      /* Seeded once, by the migration that created the table. */
      if (version == 0 && !seed (pg, error))
        goto fail;
      if (!exec (pg, "DELETE FROM usga_tracker_schema", error) ||
          (res = run (pg, "INSERT INTO usga_tracker_schema VALUES ($1::integer)", 1, values, error)) == NULL)
        goto fail;
      PQclear (res);
    }
  if (!exec (pg, "COMMIT", error))
    goto fail;
  pg->schema_version = G_N_ELEMENTS (pg_migrations);
  return TRUE;

fail:
  rollback (pg);
  return FALSE;
}

static void
ignore_notice (void *data, const char *message)
{
}

UsgaTrackerPg *
usga_tracker_pg_connect (const char *conninfo, GError **error)
{
  g_autoptr(UsgaTrackerPg) pg = g_new0 (UsgaTrackerPg, 1);
  g_autofree char *message = NULL;

  pg->server = usga_tracker_pg_server_name (conninfo);
  {
    /* A server that does not answer fails in 10 s unless the string says otherwise (the
     * expanded string overrides what comes before it). */
    const char *const keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
    const char *const values[] = { "10", "usga-dashboard", conninfo ? conninfo : "", NULL };

    pg->conn = PQconnectdbParams (keywords, values, 1);
  }
  if (pg->conn == NULL || PQstatus (pg->conn) != CONNECTION_OK)
    {
      message = chomp (pg->conn ? PQerrorMessage (pg->conn) : "out of memory");
      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE,
                   _("Cannot reach the shared tracker %s: %s"), pg->server, message);
      return NULL;
    }
  /* Notices ("already exists, skipping") are for administrators, not for planners. */
  PQsetNoticeProcessor (pg->conn, ignore_notice, NULL);
  if (!migrate (pg, error))
    return NULL;
  return g_steal_pointer (&pg);
}

void
usga_tracker_pg_free (UsgaTrackerPg *pg)
{
  if (pg == NULL)
    return;
  if (pg->conn)
    PQfinish (pg->conn);
  g_free (pg->server);
  g_free (pg);
}

const char *
usga_tracker_pg_server (UsgaTrackerPg *pg)
{
  return pg->server;
}

int
usga_tracker_pg_schema_version (UsgaTrackerPg *pg)
{
  return pg->schema_version;
}

/* --- writes ------------------------------------------------------------- */

#define PG_HISTORY_COLUMNS "uuid, recommendation_id, at, by, field, old_value, new_value, note, evidence_url, criterion"

static UsgaHistoryEntry *
entry_from_row (PGresult *res, int row)
{
  UsgaHistoryEntry *e = g_new0 (UsgaHistoryEntry, 1);

  e->uuid = value (res, row, 0);
  e->recommendation_id = value (res, row, 1);
  e->at = value (res, row, 2);
  e->by = value (res, row, 3);
  e->field = value (res, row, 4);
  e->old_value = value (res, row, 5);
  e->new_value = value (res, row, 6);
  e->note = value (res, row, 7);
  e->evidence_url = value (res, row, 8);
  e->criterion = value (res, row, 9);
  return e;
}

/* The recommendation's state, locked until the transaction ends. */
static UsgaRecommendation *
lock_rec (UsgaTrackerPg *pg, const char *id, GError **error)
{
  const char *values[] = { id };
  PGresult *res = run (pg, "SELECT id, kind, status, term, responsible, due_date, progress"
                           " FROM usga_tracker_recommendation WHERE id = $1 FOR UPDATE", 1, values, error);
  UsgaRecommendation *rec;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("There is no recommendation “%s” (ids run R001–R109)"), id ? id : "");
      return NULL;
    }
  rec = g_new0 (UsgaRecommendation, 1);
  rec->id = value (res, 0, 0);
  rec->kind = value (res, 0, 1);
  rec->status = value (res, 0, 2);
  rec->term = value (res, 0, 3);
  rec->responsible = value (res, 0, 4);
  rec->due_date = value (res, 0, 5);
  rec->progress = atoi (PQgetvalue (res, 0, 6));
  PQclear (res);
  return rec;
}

static UsgaHistoryEntry *
latest_entry (UsgaTrackerPg *pg, const char *id, const char *field, GError **error, gboolean *ok)
{
  const char *values[] = { id, field };
  PGresult *res = run (pg, "SELECT " PG_HISTORY_COLUMNS " FROM usga_tracker_history"
                           " WHERE recommendation_id = $1 AND ($2::text IS NULL OR field = $2)"
                           " ORDER BY at DESC, hid DESC LIMIT 1", 2, values, error);
  UsgaHistoryEntry *e = NULL;

  *ok = res != NULL;
  if (res && PQntuples (res) > 0)
    e = entry_from_row (res, 0);
  if (res)
    PQclear (res);
  return e;
}

static gboolean
insert_entry (UsgaTrackerPg *pg, const UsgaHistoryEntry *e, GError **error)
{
  const char *values[] = { e->uuid, e->recommendation_id, e->at, e->by ? e->by : "", e->field,
                           e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };
  PGresult *res = run (pg, "INSERT INTO usga_tracker_history (" PG_HISTORY_COLUMNS ")"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, values, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

static gboolean
set_field (UsgaTrackerPg *pg, const char *id, const char *field, const char *new_value, GError **error)
{
  const char *sql = NULL;
  const char *values[] = { id, new_value };
  PGresult *res;

  if (g_str_equal (field, "status")) sql = "UPDATE usga_tracker_recommendation SET status = $2 WHERE id = $1";
  else if (g_str_equal (field, "term")) sql = "UPDATE usga_tracker_recommendation SET term = $2 WHERE id = $1";
  else if (g_str_equal (field, "responsible")) sql = "UPDATE usga_tracker_recommendation SET responsible = $2 WHERE id = $1";
  else if (g_str_equal (field, "due_date")) sql = "UPDATE usga_tracker_recommendation SET due_date = $2 WHERE id = $1";
  else if (g_str_equal (field, "progress"))
    sql = "UPDATE usga_tracker_recommendation SET progress = coalesce ($2::integer, 0) WHERE id = $1";
  if (sql == NULL)   /* notes carry no state */
    return TRUE;
  res = run (pg, sql, 2, values, error);
  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

static int
apply_in_transaction (UsgaTrackerPg *pg, const char *id, const UsgaTrackerChange *change, GError **error)
{
  g_autoptr(UsgaRecommendation) rec = lock_rec (pg, id, error);
  g_autoptr(GPtrArray) entries = NULL;
  gboolean ok = TRUE;

  if (rec == NULL)
    return -1;
  if (change->base_uuid || change->base_status)
    {
      g_autoptr(UsgaHistoryEntry) latest = latest_entry (pg, id, NULL, error, &ok);
      g_autoptr(UsgaHistoryEntry) latest_status = ok ? latest_entry (pg, id, "status", error, &ok) : NULL;

      if (!ok || !usga_tracker_check_base (rec, latest, latest_status, change, error))
        return -1;
    }
  if ((entries = usga_tracker_plan_change (rec, change, error)) == NULL)
    return -1;
  for (guint i = 0; i < entries->len; i++)
    {
      UsgaHistoryEntry *e = entries->pdata[i];

      if (!set_field (pg, rec->id, e->field, e->new_value, error) || !insert_entry (pg, e, error))
        return -1;
    }
  return (int) entries->len;
}

int
usga_tracker_pg_apply (UsgaTrackerPg *pg, const char *id, const UsgaTrackerChange *change, GError **error)
{
  int written;

  if (!exec (pg, "BEGIN", error))
    return -1;
  written = apply_in_transaction (pg, id, change, error);
  if (written < 0 || !exec (pg, "COMMIT", error))
    {
      rollback (pg);
      return -1;
    }
  return written;
}

gboolean
usga_tracker_pg_undo (UsgaTrackerPg *pg, const char *uuid, const char *by, GError **error)
{
  const char *values[] = { uuid };
  g_autoptr(UsgaHistoryEntry) e = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autofree char *note = NULL;
  UsgaTrackerChange change;
  PGresult *res;

  if (!exec (pg, "BEGIN", error))
    return FALSE;
  if ((res = run (pg, "SELECT " PG_HISTORY_COLUMNS " FROM usga_tracker_history WHERE uuid = $1", 1, values, error)) == NULL)
    goto fail;
  if (PQntuples (res) > 0)
    e = entry_from_row (res, 0);
  PQclear (res);
  if (e == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no history entry “%s”"), uuid);
      goto fail;
    }
  /* Locked first, so nothing can change between the check and the write. */
  if ((rec = lock_rec (pg, e->recommendation_id, error)) == NULL ||
      !usga_tracker_undo_change (rec, e, by, &change, &note, error) ||
      apply_in_transaction (pg, rec->id, &change, error) < 0 ||
      !exec (pg, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  rollback (pg);
  return FALSE;
}

/* --- reading into the local copy ---------------------------------------- */

static GPtrArray *
all_history (UsgaTrackerPg *pg, GError **error)
{
  PGresult *res = run (pg, "SELECT " PG_HISTORY_COLUMNS " FROM usga_tracker_history ORDER BY hid", 0, NULL, error);
  GPtrArray *out;

  if (res == NULL)
    return NULL;
  out = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) usga_history_entry_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, entry_from_row (res, i));
  PQclear (res);
  return out;
}

gboolean
usga_tracker_pg_fetch (UsgaTrackerPg *pg, UsgaDb *cache, GError **error)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *fetched_at = usga_tracker_now_iso8601 ();
  PGresult *state = NULL, *meta = NULL;
  sqlite3_stmt *insert, *update;
  gboolean ok = FALSE;
  int rc;

  /* One snapshot: the state and the history agree. Sequence numbers are not commit order, so
   * the whole history is read and the copy keeps what it lacks (by uuid). */
  if (!exec (pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  if ((state = run (pg, "SELECT id, status, term, responsible, due_date, progress FROM usga_tracker_recommendation",
                    0, NULL, error)) == NULL ||
      (meta = run (pg, "SELECT value FROM usga_tracker_meta WHERE key = 'instance'", 0, NULL, error)) == NULL ||
      (history = all_history (pg, error)) == NULL ||
      !exec (pg, "COMMIT", error))
    goto out;

  if (!usga_db_begin (cache, error))
    goto out;
  insert = usga_db_prepare (cache,
      "INSERT INTO recommendation_history (" USGA_HISTORY_COLUMNS ") SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10"
      " WHERE NOT EXISTS (SELECT 1 FROM recommendation_history WHERE uuid = ?1)", error);
  update = usga_db_prepare (cache,
      "UPDATE recommendation SET status = ?2, term = ?3, responsible = ?4, due_date = ?5, progress = ?6 WHERE id = ?1",
      error);
  if (insert == NULL || update == NULL)
    goto rollback;
  for (guint i = 0; i < history->len; i++)
    {
      UsgaHistoryEntry *e = history->pdata[i];
      const char *values[] = { e->uuid, e->recommendation_id, e->at, e->by ? e->by : "", e->field,
                               e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };

      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        sqlite3_bind_text (insert, k + 1, values[k], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          usga_db_fail (cache, rc, "recommendation_history", error);
          goto rollback;
        }
    }
  for (int i = 0; i < PQntuples (state); i++)
    {
      for (int k = 0; k < 5; k++)
        sqlite3_bind_text (update, k + 1, PQgetisnull (state, i, k) ? NULL : PQgetvalue (state, i, k), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (update, 6, atoi (PQgetvalue (state, i, 5)));
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        {
          usga_db_fail (cache, rc, "recommendation", error);
          goto rollback;
        }
    }
  /* Entries the server does not have (it was re-created): the copy follows the server. */
  if (usga_db_query_int (cache, "SELECT count(*) FROM recommendation_history", -1) != (gint64) history->len)
    {
      sqlite3_stmt *keep;

      if (!usga_db_exec (cache, "CREATE TEMP TABLE IF NOT EXISTS fetched_uuid (uuid TEXT PRIMARY KEY);"
                                "DELETE FROM fetched_uuid;", error) ||
          (keep = usga_db_prepare (cache, "INSERT OR IGNORE INTO fetched_uuid VALUES (?)", error)) == NULL)
        goto rollback;
      for (guint i = 0; i < history->len; i++)
        {
          sqlite3_bind_text (keep, 1, ((UsgaHistoryEntry *) history->pdata[i])->uuid, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (keep);
          sqlite3_reset (keep);
          if (rc != SQLITE_DONE)
            {
              usga_db_fail (cache, rc, "fetched_uuid", error);
              goto rollback;
            }
        }
      if (!usga_db_exec (cache, "DELETE FROM recommendation_history WHERE uuid NOT IN (SELECT uuid FROM fetched_uuid)", error))
        goto rollback;
    }
  if (!usga_db_meta_set (cache, "shared_fetched_at", fetched_at, error) ||
      (PQntuples (meta) > 0 && !usga_db_meta_set (cache, "shared_instance", PQgetvalue (meta, 0, 0), error)) ||
      !usga_db_commit (cache, error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  usga_db_rollback (cache);
out:
  rollback (pg);
  if (state)
    PQclear (state);
  if (meta)
    PQclear (meta);
  return ok;
}

UsgaTrackerImportReport *
usga_tracker_pg_merge (UsgaTrackerPg *pg, GPtrArray *incoming, GError **error)
{
  g_autoptr(UsgaTrackerImportReport) report = g_new0 (UsgaTrackerImportReport, 1);
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) to_add = g_ptr_array_new ();
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) checked = g_hash_table_new (g_str_hash, g_str_equal);

  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  /* Writers wait while the merge reads the history and decides, so none is overtaken. */
  if (!exec (pg, "BEGIN", error) ||
      !exec (pg, "LOCK TABLE usga_tracker_recommendation IN EXCLUSIVE MODE", error) ||
      (here = all_history (pg, error)) == NULL)
    goto fail;
  for (guint i = 0; i < incoming->len; i++)
    {
      UsgaHistoryEntry *e = incoming->pdata[i];
      const char *values[] = { e->recommendation_id };
      PGresult *res;

      /* Each recommendation is checked once, not once per entry. */
      if (!g_hash_table_add (checked, e->recommendation_id))
        continue;
      res = run (pg, "SELECT 1 FROM usga_tracker_recommendation WHERE id = $1 AND kind = 'mayor'", 1, values, error);

      if (res == NULL)
        goto fail;
      if (PQntuples (res) == 0)
        {
          PQclear (res);
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("The shared tracker %s has no recommendation “%s”"), pg->server, e->recommendation_id);
          goto fail;
        }
      PQclear (res);
    }
  usga_tracker_merge_plan (here, incoming, report, to_add, sets);
  for (guint i = 0; i < to_add->len; i++)
    if (!insert_entry (pg, to_add->pdata[i], error))
      goto fail;
  for (guint i = 0; i + 2 < sets->len; i += 3)
    if (!set_field (pg, sets->pdata[i], sets->pdata[i + 1], sets->pdata[i + 2], error))
      goto fail;
  if (!exec (pg, "COMMIT", error))
    goto fail;
  return g_steal_pointer (&report);

fail:
  rollback (pg);
  return NULL;
}

/* --- live refresh ------------------------------------------------------- */

gboolean
usga_tracker_pg_listen (UsgaTrackerPg *pg, GError **error)
{
  return exec (pg, "LISTEN " USGA_TRACKER_PG_CHANNEL, error);
}

int
usga_tracker_pg_socket (UsgaTrackerPg *pg)
{
  return PQsocket (pg->conn);
}

gboolean
usga_tracker_pg_consume (UsgaTrackerPg *pg, gboolean *notified, GError **error)
{
  PGnotify *n;

  *notified = FALSE;
  if (!PQconsumeInput (pg->conn) || PQstatus (pg->conn) != CONNECTION_OK)
    return fail (pg, NULL, error);
  while ((n = PQnotifies (pg->conn)) != NULL)
    {
      *notified = TRUE;
      PQfreemem (n);
    }
  return TRUE;
}
