/* usga-db.c — opening, migrating and talking to the SQLite database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "usga-db.h"
#include "usga-job-owner.h"
#include "usga-migrations.h"

struct _UsgaDb {
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;  /* SQL text -> sqlite3_stmt* */
  int         depth;       /* nested begin/commit */
};

G_DEFINE_QUARK (usga-db-error-quark, usga_db_error)

char *
usga_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "usga-dashboard", "usga.sqlite3", NULL);
}

gboolean
usga_db_fail (UsgaDb *db, int rc, const char *what, GError **error)
{
  int code = USGA_DB_ERROR_SQL;
  const char *msg = db && db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = USGA_DB_ERROR_FULL;
      g_set_error (error, USGA_DB_ERROR, code,
                   _("The disk is full: %s could not be saved. Nothing was changed."), what);
      return FALSE;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = USGA_DB_ERROR_CORRUPT;
      g_set_error (error, USGA_DB_ERROR, code,
                   _("The database file “%s” is damaged or is not a USGA Dashboard database (%s)."),
                   db ? db->path : "?", msg);
      return FALSE;
    default:
      break;
    }
  g_set_error (error, USGA_DB_ERROR, code, "%s: %s", what, msg);
  return FALSE;
}

sqlite3 *
usga_db_handle (UsgaDb *db)
{
  return db->handle;
}

const char *
usga_db_path (UsgaDb *db)
{
  return db->path;
}

sqlite3_stmt *
usga_db_prepare (UsgaDb *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      usga_db_fail (db, rc, "prepare", error);
      return NULL;
    }
  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
usga_db_exec (UsgaDb *db, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      usga_db_fail (db, rc, errmsg ? errmsg : "exec", error);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_db_begin (UsgaDb *db, GError **error)
{
  if (db->depth++ > 0)
    return TRUE;
  if (!usga_db_exec (db, "BEGIN IMMEDIATE", error))
    {
      db->depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_db_commit (UsgaDb *db, GError **error)
{
  g_return_val_if_fail (db->depth > 0, FALSE);
  if (--db->depth > 0)
    return TRUE;
  if (!usga_db_exec (db, "COMMIT", error))
    {
      usga_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
usga_db_rollback (UsgaDb *db)
{
  if (db->depth == 0)
    return;
  db->depth = 0;
  usga_db_exec (db, "ROLLBACK", NULL);
}

gint64
usga_db_query_int (UsgaDb *db, const char *sql, gint64 fallback)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, NULL);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gint64
usga_db_sum_counts (UsgaDb *db, const char *const *sql, guint n_sql, const char *what, GError **error)
{
  gint64 sum = 0;

  for (guint i = 0; i < n_sql; i++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, sql[i], error);
      int rc;

      if (stmt == NULL)
        return -1;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sum += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          usga_db_fail (db, rc, what, error);
          return -1;
        }
    }
  return sum;
}

char *
usga_db_meta_get (UsgaDb *db, const char *key)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
usga_db_step_done (UsgaDb *db, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || usga_db_fail (db, rc, what, error);
}

gboolean
usga_db_run_texts (UsgaDb *db, const char *sql, const char *what, const char *const *values, guint n,
                   GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  /* Static: the values outlive the step, and every call binds all of them again. */
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_STATIC);
  return usga_db_step_done (db, stmt, what, error);
}

gboolean
usga_db_meta_set (UsgaDb *db, const char *key, const char *value, GError **error)
{
  const char *values[] = { key, value };

  return usga_db_run_texts (db,
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "meta", values, G_N_ELEMENTS (values), error);
}

int
usga_db_latest_version (void)
{
  return usga_migrations_count ();
}

int
usga_db_schema_version (UsgaDb *db)
{
  return (int) usga_db_query_int (db, "PRAGMA user_version", 0);
}

static gboolean
migrate (UsgaDb *db, GError **error)
{
  int version = usga_db_schema_version (db);
  int latest = usga_migrations_count ();

  if (version > latest)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer USGA Dashboard (schema %d; this version knows %d)."),
                   db->path, version, latest);
      return FALSE;
    }

  for (int v = version + 1; v <= latest; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      /* Each migration and its version bump commit together or not at all. */
      if (!usga_db_begin (db, error))
        return FALSE;
      if (!usga_db_exec (db, usga_migration_sql (v), error) ||
          !usga_db_exec (db, set_version, error) ||
          !usga_db_commit (db, error))
        {
          usga_db_rollback (db);
          g_prefix_error (error, "migration %d: ", v);
          return FALSE;
        }
    }
  return TRUE;
}

/* The crime data: a row per carpeta, víctima, synced key or published quarterly count. At 2.1 M
 * carpetas they are 400 MB and walking them takes 2 s warm, 9 s cold (the quarterly counts alone
 * 0.15 s), so only a full check (or a small file) covers them. Everything else (the tracker's
 * history, areas, settings) is small, and is what a re-sync could not bring back. */
static const char *const data_tables[] = { "incident", "victim", "sync_seen", "incident_quarterly", NULL };

static gboolean
set_damaged (UsgaDb *db, const char *finding, GError **error)
{
  g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_CORRUPT,
               _("The database “%s” is damaged (integrity check: %s); nothing was written to it. To "
                 "recover: keep the tracker’s history with “usga --db %s recommendations export "
                 "tracker.json” (it reads what it still can), move the damaged file aside, create a "
                 "new database from the bundled data with “usga --db %s init” (or by starting the "
                 "app), bring the history back with “usga --db %s recommendations import "
                 "tracker.json”, then sync or import your files again."),
               db->path, finding, db->path, db->path, db->path);
  return FALSE;
}

/* quick_check lists up to 100 problems, one a line, after a "*** in database main ***" title:
 * the message names the first. */
static char *
first_finding (const char *report)
{
  g_auto(GStrv) lines = g_strsplit (report ? report : "", "\n", -1);
  guint n = g_strv_length (lines);

  for (guint i = 0; i < n; i++)
    if (*g_strstrip (lines[i]) && !g_str_has_prefix (lines[i], "***"))
      return i + 1 < n ? g_strdup_printf ("%s, …", lines[i]) : g_strdup (lines[i]);
  return g_strdup (report ? report : "?");
}

/* SQLite's own word for damage; a busy lock, no memory or an I/O error is not that. */
static gboolean
check_failed (UsgaDb *db, int rc, GError **error)
{
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    return set_damaged (db, sqlite3_errmsg (db->handle), error);
  return usga_db_fail (db, rc, "integrity check", error);
}

/* Runs one quick_check; "ok" is the only healthy answer. */
static gboolean
quick_check (UsgaDb *db, const char *table, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *finding = NULL;
  int rc = sqlite3_prepare_v2 (db->handle, table ? "SELECT * FROM pragma_quick_check(?)"
                                                 : "SELECT * FROM pragma_quick_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return check_failed (db, rc, error);
  if (table)
    sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    finding = first_finding ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (finding)
    return set_damaged (db, finding, error);
  if (rc != SQLITE_ROW)
    return check_failed (db, rc, error);
  return TRUE;
}

gboolean
usga_db_check_integrity (UsgaDb *db, gboolean full, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  gint64 bytes = usga_db_query_int (db, "PRAGMA page_count", 0) * usga_db_query_int (db, "PRAGMA page_size", 0);
  int rc;

  if (full || bytes <= USGA_DB_FULL_CHECK_BYTES)
    return quick_check (db, NULL, error);

  rc = sqlite3_prepare_v2 (db->handle, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return check_failed (db, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_strv_contains (data_tables, name))
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return check_failed (db, rc, error);
  for (guint i = 0; i < tables->len; i++)
    if (!quick_check (db, g_ptr_array_index (tables, i), error))
      return FALSE;
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

UsgaDb *
usga_db_open (const char *path, UsgaDbOpenFlags flags, GError **error)
{
  g_autoptr(UsgaDb) db = NULL;
  gboolean readonly = (flags & USGA_DB_OPEN_READONLY) != 0;
  int open_flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!readonly && !(flags & USGA_DB_OPEN_NO_CREATE))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      open_flags |= SQLITE_OPEN_CREATE;
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_OPEN,
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_OPEN,
                   _("No database at “%s”. Run “usga init” first."), path);
      return NULL;
    }

  db = g_new0 (UsgaDb, 1);
  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &db->handle, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (db->handle, 5000);
  sqlite3_extended_result_codes (db->handle, 1);

  /* Reading the schema is the first thing that touches the file: a non-database fails here. */
  rc = sqlite3_exec (db->handle, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      usga_db_fail (db, rc, "open", error);
      if (!g_error_matches (*error, USGA_DB_ERROR, USGA_DB_ERROR_CORRUPT))
        {
          g_clear_error (error);
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_CORRUPT,
                       _("The database file “%s” is damaged or is not a USGA Dashboard database (%s)."),
                       path, sqlite3_errstr (rc));
        }
      return NULL;
    }

  if (!usga_db_exec (db, "PRAGMA foreign_keys = ON", error))
    return NULL;

  /* Before anything is written: a damaged file is refused, never migrated or added to. */
  if ((!readonly || (flags & USGA_DB_OPEN_VERIFY)) &&
      !usga_db_check_integrity (db, (flags & USGA_DB_OPEN_VERIFY) != 0, error))
    return NULL;

  if (readonly)
    {
      if (usga_db_schema_version (db) != usga_migrations_count ())
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("The database “%s” has schema version %d; version %d is needed."),
                       path, usga_db_schema_version (db), usga_migrations_count ());
          return NULL;
        }
      return g_steal_pointer (&db);
    }

  /* An existing file with tables but no version is someone else's database: leave it alone. */
  if (usga_db_schema_version (db) == 0 &&
      usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema", 0) > 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is an SQLite file but not a USGA Dashboard database; it was left untouched."),
                   path);
      return NULL;
    }

  if (!usga_db_exec (db, "PRAGMA journal_mode = WAL", error) ||
      !usga_db_exec (db, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (db, error))
    return NULL;
  /* A job left "running" by a process that is gone was interrupted. */
  usga_job_owner_reap (db);

  return g_steal_pointer (&db);
}

void
usga_db_close (UsgaDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle)
    sqlite3_close (db->handle);
  g_free (db->path);
  g_free (db);
}

gboolean
usga_db_is_populated (UsgaDb *db)
{
  return usga_db_query_int (db, "SELECT count(*) FROM colonia", 0) > 0;
}
