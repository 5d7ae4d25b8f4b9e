/* usga-worker-db.c — each store worker thread's own read-only connection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-worker-db.h"

/* A worker thread's read-only connection, kept between queries so a filter change does not pay
 * for opening the file and parsing the schema again. */
typedef struct {
  guint   store_id;
  char   *path;
  UsgaDb *db;
} WorkerDb;

static void
worker_db_free (gpointer data)
{
  WorkerDb *w = data;

  g_clear_pointer (&w->db, usga_db_close);
  g_free (w->path);
  g_free (w);
}

static GPrivate worker_db = G_PRIVATE_INIT (worker_db_free);

UsgaDb *
usga_worker_db_get (guint store_id, const char *path, GError **error)
{
  WorkerDb *w = g_private_get (&worker_db);

  if (w && w->store_id == store_id && g_strcmp0 (w->path, path) == 0 && w->db)
    return w->db;
  if (w == NULL)
    {
      w = g_new0 (WorkerDb, 1);
      g_private_set (&worker_db, w);
    }
  g_clear_pointer (&w->db, usga_db_close);
  g_free (w->path);
  w->store_id = store_id;
  w->path = g_strdup (path);
  /* SQLite connections are not shared across threads: each worker has its own reader (WAL lets it run beside writers). */
  w->db = usga_db_open (path, USGA_DB_OPEN_READONLY, error);
  if (w->db)   /* a dozen workers at 2 MiB each; they mostly read the index, the OS caches the file */
    usga_db_exec (w->db, "PRAGMA cache_size = -256", NULL);
  return w->db;
}
