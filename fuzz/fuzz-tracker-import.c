/* fuzz-tracker-import.c — a colleague's tracker export through `recommendations import`,
 * into a database that holds the bundled recommendations. Each input's import is rolled back,
 * so every input meets the same database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "usga-bundled.h"
#include "usga-categories.h"
#include "usga-db.h"
#include "usga-recommendations.h"
#include "usga-tracker.h"
#include "usga-fuzz.h"

static UsgaDb *db;
static char *db_dir;

static void
close_db (void)
{
  g_autofree char *path = NULL;

  if (db == NULL)
    return;
  path = g_strdup (usga_db_path (db));
  g_clear_pointer (&db, usga_db_close);
  for (const char *const *ext = (const char *const[]) { "", "-wal", "-shm", NULL }; *ext; ext++)
    {
      g_autofree char *file = g_strconcat (path, *ext, NULL);
      g_unlink (file);
    }
  g_rmdir (db_dir);
  g_clear_pointer (&db_dir, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *recs = usga_data_path ("recommendations.json");

  usga_fuzz_quiet_logs ();
  db_dir = g_dir_make_tmp ("usga-fuzz-db-XXXXXX", &error);
  if (db_dir == NULL)
    g_error ("fuzz: %s", error->message);
  path = g_build_filename (db_dir, "tracker.sqlite3", NULL);
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  if (db == NULL || !usga_db_begin (db, &error) ||
      !usga_categories_seed (db, &error) ||
      !usga_recommendations_load_bundled (db, recs, &error) || !usga_db_commit (db, &error))
    g_error ("fuzz: cannot make the tracker database: %s", error->message);
  atexit (close_db);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = usga_fuzz_scratch_file (".json", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaTrackerImportReport) report = NULL;

  /* The import nests inside this transaction; rolling it back keeps the database pristine. */
  if (!usga_db_begin (db, &error))
    g_error ("fuzz: %s", error->message);
  report = usga_tracker_import_json (db, path, &error);
  usga_fuzz_outcome ("import", error);
  if (report)
    {
      g_assert_no_error (error);
      for (guint i = 0; i < report->conflicts->len; i++)
        g_assert (g_utf8_validate (report->conflicts->pdata[i], -1, NULL));
    }
  else
    g_assert (error != NULL && error->message != NULL);
  usga_db_rollback (db);
  return 0;
}
