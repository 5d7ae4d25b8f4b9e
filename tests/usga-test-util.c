/* usga-test-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* nftw */
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "usga-test-util.h"

static GPtrArray *tmpdirs;   /* made by this process; removed when it exits normally */

static int
remove_entry (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  return remove (path);
}

static void
remove_tmpdirs (void)
{
  /* A failed test aborts and keeps its files for inspection; a passing one leaves nothing. */
  for (guint i = 0; i < tmpdirs->len; i++)
    nftw (tmpdirs->pdata[i], remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  g_ptr_array_unref (tmpdirs);
}

char *
usga_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("usga-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

char *
usga_test_db_path (void)
{
  g_autofree char *dir = usga_test_tmpdir ();

  return g_build_filename (dir, "usga.sqlite3", NULL);
}

void
usga_test_setlocale_or_skip (const char *locale)
{
  const char *wanted = locale;
  g_autofree char *language = NULL;

  if (setlocale (LC_ALL, locale ? locale : "") != NULL)
    return;
  if (wanted == NULL)
    wanted = g_getenv ("LC_ALL") ? g_getenv ("LC_ALL") : g_getenv ("LANG") ? g_getenv ("LANG") : "?";
  language = g_strndup (wanted, strcspn (wanted, "."));
  /* meson reads "1..0 # SKIP" as a skipped test; a non-zero exit would be an error under TAP. */
  printf ("1..0 # SKIP the locale %s is not installed (bash build-aux/usga-dev.sh test installs it, "
          "or: localedef -i %s -f UTF-8 %s)\n", wanted, language, wanted);
  fflush (stdout);
  exit (0);
}

void
usga_test_copy_file (const char *from, const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

UsgaDb *
usga_test_bundled_db (char **out_path)
{
  static char *template_path = NULL;
  g_autoptr(GError) error = NULL;
  char *path = usga_test_db_path ();
  UsgaDb *db;

  if (template_path == NULL)
    {
      g_autoptr(UsgaDb) fresh = NULL;

      template_path = usga_test_db_path ();
      fresh = usga_db_open (template_path, USGA_DB_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (usga_bundled_import (fresh, NULL, NULL, &error));
      g_assert_no_error (error);
      /* Fold the WAL into the main file so a plain copy is complete. */
      g_assert_true (usga_db_exec (fresh, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    }
  usga_test_copy_file (template_path, path);
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (out_path)
    *out_path = path;
  else
    g_free (path);
  return db;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Wakes the loop so a condition set by another thread (a worker's counter, the clock) without
 * an event on this context is still seen. */
static gboolean
poll_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
usga_test_wait_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  guint poll = g_timeout_add (5, poll_cb, NULL);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out || done (data);
}

static gboolean
clock_passed (gpointer data)
{
  return g_get_real_time () > *(gint64 *) data;
}

gboolean
usga_test_wait_clock_passes (gint64 after_us, guint timeout_ms)
{
  return usga_test_wait_until (clock_passed, &after_us, timeout_ms);
}

char *
usga_test_write_file (const char *name, const char *text)
{
  g_autofree char *dir = usga_test_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

gint64
usga_test_count (UsgaDb *db, const char *sql)
{
  return usga_db_query_int (db, sql, -1);
}

char *
usga_test_query_text (UsgaDb *db, const char *sql)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

void
usga_test_assert_references_hold (UsgaDb *db)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "PRAGMA foreign_key_check", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_assert_cmpint (usga_db_query_int (db, "PRAGMA foreign_keys", -1), ==, 1);
}

void
usga_test_sync_options (UsgaSyncOptions *o, const char *base_url, const char *rid, UsgaTableKind kind)
{
  memset (o, 0, sizeof *o);
  o->base_url = base_url;
  o->resource_id = rid;
  o->kind = kind;
  o->attempts = 3;
  o->retry_delay_ms = 5;
  o->timeout_s = 10;
}

gboolean
usga_test_sync (UsgaDb *db, const UsgaSyncOptions *o, GCancellable *cancellable, UsgaSyncSummary *s,
                GError **error)
{
  gboolean ok;

  usga_sync_summary_init (s);
  ok = usga_sync_dataset (db, o, NULL, NULL, cancellable, s, error);
  usga_test_assert_references_hold (db);
  return ok;
}

void
usga_test_sync_ok (UsgaDb *db, const UsgaSyncOptions *o, UsgaSyncSummary *s)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = usga_test_sync (db, o, NULL, s, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

void
usga_test_sync_fails (UsgaDb *db, const UsgaSyncOptions *o, UsgaSyncSummary *s, GError **error,
                      GQuark domain, int code)
{
  g_assert_false (usga_test_sync (db, o, NULL, s, error));
  g_assert_error (*error, domain, code);
}

GTlsCertificate *
usga_test_self_signed_certificate (char **pem_path)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "fixtures", "self-signed.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_file (pem, &error);

  g_assert_no_error (error);
  if (pem_path)
    *pem_path = g_steal_pointer (&pem);
  return certificate;
}

UsgaDb *
usga_test_rules_db (void)
{
  g_autofree char *path = usga_test_db_path ();
  g_autofree char *rules = usga_data_path ("delito_categories.csv");
  g_autoptr(GError) error = NULL;
  UsgaDb *db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (usga_categories_seed (db, &error));
  g_assert_true (usga_delito_rules_load (db, rules, &error));
  g_assert_no_error (error);
  return db;
}

void
usga_test_pg_cluster (const char *action)
{
  g_autofree char *cmd = g_strdup_printf ("%s %s %s", g_getenv ("USGA_TEST_PG_CLUSTER"), action,
                                          g_getenv ("USGA_TEST_PG_DIR"));
  g_assert_cmpint (system (cmd), ==, 0);
}
