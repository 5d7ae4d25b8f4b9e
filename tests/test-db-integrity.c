/* test-db-integrity.c — which damage a write-open finds: the whole file while it is small; in a
 * big one, every table but the crime data, unless the whole check is asked for.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "usga-test-util.h"

/* Overwrites the B-tree page header of @table's root page, as a bad sector would. */
static void
damage_root_page (const char *path, const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 page_size, root;
  FILE *f;

  {
    g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_READONLY, &error);
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    page_size = usga_db_query_int (db, "PRAGMA page_size", 0);
    stmt = usga_db_prepare (db, "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", &error);
    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    root = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
  }
  f = fopen (path, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (long) ((root - 1) * page_size), SEEK_SET), ==, 0);
  for (int i = 0; i < 12; i++)
    fputc (0xff, f);
  fclose (f);
}

/* A copy of the bundled database, grown past the size where write-opens check everything. */
static char *
bundled_copy (gboolean big)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);

  if (big)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE test_padding (x BLOB); "
                                              "INSERT INTO test_padding VALUES (zeroblob(%d))",
                                              USGA_DB_FULL_CHECK_BYTES + (4 << 20));
      g_assert_true (usga_db_exec (db, sql, &error));
    }
  g_assert_true (usga_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_refused (const char *path, UsgaDbOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, flags, &error);

  g_assert_null (db);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "recommendations export tracker.json"));
}

static void
assert_opens (const char *path, UsgaDbOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
}

static void
test_small_file_checked_whole (void)
{
  g_autofree char *path = bundled_copy (FALSE);

  assert_opens (path, USGA_DB_OPEN_DEFAULT);
  damage_root_page (path, "incident");
  assert_refused (path, USGA_DB_OPEN_DEFAULT);
  /* Worker queries open read-only and check nothing: the app's readers stay as fast as before. */
  assert_opens (path, USGA_DB_OPEN_READONLY);
  assert_refused (path, USGA_DB_OPEN_READONLY | USGA_DB_OPEN_VERIFY);
}

static void
test_big_file_tracker_always_checked (void)
{
  g_autofree char *path = bundled_copy (TRUE);

  damage_root_page (path, "recommendation_history");
  assert_refused (path, USGA_DB_OPEN_DEFAULT);
}

static void
test_big_file_data_needs_verify (void)
{
  g_autofree char *path = bundled_copy (TRUE);

  damage_root_page (path, "incident");
  /* The documented trade: a big file's carpetas are walked only by the whole check. */
  assert_opens (path, USGA_DB_OPEN_DEFAULT);
  assert_refused (path, USGA_DB_OPEN_VERIFY);
  assert_refused (path, USGA_DB_OPEN_READONLY | USGA_DB_OPEN_VERIFY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db-integrity/small-file-checked-whole", test_small_file_checked_whole);
  g_test_add_func ("/db-integrity/big-file-tracker-always-checked", test_big_file_tracker_always_checked);
  g_test_add_func ("/db-integrity/big-file-data-needs-verify", test_big_file_data_needs_verify);
  return g_test_run ();
}
