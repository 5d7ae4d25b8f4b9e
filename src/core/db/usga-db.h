/* usga-db.h — the dashboard's SQLite database: open, migrate, transactions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define USGA_DB_ERROR (usga_db_error_quark ())
GQuark usga_db_error_quark (void);

typedef enum {
  USGA_DB_ERROR_OPEN,
  USGA_DB_ERROR_CORRUPT,
  USGA_DB_ERROR_TOO_NEW,
  USGA_DB_ERROR_SQL,
  USGA_DB_ERROR_FULL,
  USGA_DB_ERROR_EMPTY,
  USGA_DB_ERROR_INVALID,
} UsgaDbError;

typedef enum {
  USGA_DB_OPEN_DEFAULT   = 0,
  USGA_DB_OPEN_READONLY  = 1 << 0,  /* for worker-thread readers; never migrates */
  USGA_DB_OPEN_NO_CREATE = 1 << 1,  /* fail if the file does not exist */
  USGA_DB_OPEN_VERIFY    = 1 << 2,  /* the whole integrity check, whatever the size (also read-only) */
} UsgaDbOpenFlags;

/* A write-open runs PRAGMA quick_check and refuses a damaged file (USGA_DB_ERROR_CORRUPT, with
 * how to recover): over the whole file up to USGA_DB_FULL_CHECK_BYTES (the bundled data is 13 MB,
 * about 0.1 s), else over every table but the crime data (carpetas, víctimas, sync keys,
 * quarterly counts), which at 2.1 M rows take seconds to walk: the tracker, areas and settings
 * are always checked. Read-only opens (worker queries) check nothing unless USGA_DB_OPEN_VERIFY;
 * the usga command asks for the whole check before it writes and in `usga info`. */
#define USGA_DB_FULL_CHECK_BYTES (32 * 1024 * 1024)

typedef struct _UsgaDb UsgaDb;

char     *usga_db_default_path   (void);
UsgaDb   *usga_db_open           (const char *path, UsgaDbOpenFlags flags, GError **error);
void      usga_db_close          (UsgaDb *db);
sqlite3  *usga_db_handle         (UsgaDb *db);
const char *usga_db_path         (UsgaDb *db);
int       usga_db_schema_version (UsgaDb *db);
int       usga_db_latest_version (void);

/* Prepared statements are cached per connection, keyed by their SQL text. */
sqlite3_stmt *usga_db_prepare    (UsgaDb *db, const char *sql, GError **error);

gboolean  usga_db_exec           (UsgaDb *db, const char *sql, GError **error);
gboolean  usga_db_begin          (UsgaDb *db, GError **error);
gboolean  usga_db_commit         (UsgaDb *db, GError **error);
void      usga_db_rollback       (UsgaDb *db);

/* Sets @error from the connection's last error, mapping SQLITE_FULL/CORRUPT to our codes. */
gboolean  usga_db_fail           (UsgaDb *db, int rc, const char *what, GError **error);

/* Steps @stmt (a write) once and resets it: TRUE when it completed, else usga_db_fail() for @what. */
gboolean  usga_db_step_done      (UsgaDb *db, sqlite3_stmt *stmt, const char *what, GError **error);
/* Prepares @sql, binds the @n texts @values to ?1…?n (NULL binds NULL) and runs it, as above. */
gboolean  usga_db_run_texts      (UsgaDb *db, const char *sql, const char *what,
                                  const char *const *values, guint n, GError **error);
gint64    usga_db_query_int      (UsgaDb *db, const char *sql, gint64 fallback);
/* Runs each of @sql (one integer row each) and sums the answers: the checks that count cells
 * differing between a table and its source. -1 with @error set (@what names it) on failure. */
gint64    usga_db_sum_counts     (UsgaDb *db, const char *const *sql, guint n_sql, const char *what,
                                  GError **error);
char     *usga_db_meta_get       (UsgaDb *db, const char *key);
gboolean  usga_db_meta_set       (UsgaDb *db, const char *key, const char *value, GError **error);

/* PRAGMA quick_check over the whole file (@full) or all but the crime data tables; FALSE with
 * USGA_DB_ERROR_CORRUPT and how to recover when the file is damaged. */
gboolean  usga_db_check_integrity (UsgaDb *db, gboolean full, GError **error);

/* TRUE once the bundled data has been loaded (or any data imported). */
gboolean  usga_db_is_populated   (UsgaDb *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaDb, usga_db_close)

G_END_DECLS
