/* usga-worker-db.c — each store worker thread's own read-only connections.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "usga-worker-db.h"

/* A worker thread's read-only connection, kept between queries so a filter change does not pay
 * for opening the file and parsing the schema again. A thread keeps one per file it reads (the
 * dashboard's database and at most a shared tracker's local copy), the newest first. */
#define WORKER_DB_FILES 2

typedef struct {
  guint   store_id;
  char   *path;
  UsgaDb *db;
} WorkerDb;

static void
worker_db_clear (WorkerDb *w)
{
  g_clear_pointer (&w->db, usga_db_close);
  g_clear_pointer (&w->path, g_free);
}

static void
worker_dbs_free (gpointer data)
{
  WorkerDb *w = data;

  for (guint i = 0; i < WORKER_DB_FILES; i++)
    worker_db_clear (&w[i]);
  g_free (w);
}

static GPrivate worker_dbs = G_PRIVATE_INIT (worker_dbs_free);

UsgaDb *
usga_worker_db_get (guint store_id, const char *path, GError **error)
{
  WorkerDb *w = g_private_get (&worker_dbs);
  WorkerDb fresh;

  if (w == NULL)
    {
      w = g_new0 (WorkerDb, WORKER_DB_FILES);
      g_private_set (&worker_dbs, w);
    }
  for (guint i = 0; i < WORKER_DB_FILES; i++)
    if (w[i].db && w[i].store_id == store_id && g_strcmp0 (w[i].path, path) == 0)
      {
        if (i > 0)   /* most recently used first */
          {
            fresh = w[i];
            memmove (&w[1], &w[0], i * sizeof (WorkerDb));
            w[0] = fresh;
          }
        return w[0].db;
      }

  /* SQLite connections are not shared across threads: each worker has its own reader (WAL lets it run beside writers). */
  fresh.store_id = store_id;
  fresh.path = g_strdup (path);
  fresh.db = usga_db_open (path, USGA_DB_OPEN_READONLY, error);
  if (fresh.db == NULL)
    {
      g_free (fresh.path);
      return NULL;
    }
  /* a dozen workers at 2 MiB each; they mostly read the index, the OS caches the file */
  usga_db_exec (fresh.db, "PRAGMA cache_size = -256", NULL);
  worker_db_clear (&w[WORKER_DB_FILES - 1]);
  memmove (&w[1], &w[0], (WORKER_DB_FILES - 1) * sizeof (WorkerDb));
  w[0] = fresh;
  return w[0].db;
}
