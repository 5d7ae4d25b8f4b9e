/* usga-store-write.c — the store's one writing thread: edits (tracker changes, corridors,
 * UTOPIAS, imported files) run there in the order they were asked, on a read-write connection
 * of their own, so the main loop never waits on SQLite (a sync in another process can hold
 * the write lock for a page).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-store.h"

typedef struct {
  char              *db_path;
  UsgaStoreWriteFunc func;
  gpointer           data;
  GDestroyNotify     data_free;
} WriteJob;

/* One connection for the one writing thread, reopened when a store of another file writes. */
static GThreadPool *writer_pool;
static UsgaDb      *writer_db;
static char        *writer_path;
static GMutex       writer_lock;   /* guards the pool's creation and usga_store_write_forget */
static gint         writes_in_flight;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->db_path);
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static void
run_write (gpointer item, gpointer unused)
{
  GTask *task = item;
  WriteJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&writer_lock);
  if (writer_db == NULL || g_strcmp0 (writer_path, job->db_path) != 0)
    {
      g_clear_pointer (&writer_db, usga_db_close);
      g_free (writer_path);
      writer_path = g_strdup (job->db_path);
      /* The store opened (and migrated) the file first: this open only checks the schema version. */
      writer_db = usga_db_open (job->db_path, USGA_DB_OPEN_NO_CREATE, &error);
    }
  if (writer_db)
    ok = job->func (writer_db, job->data, &error);
  g_mutex_unlock (&writer_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    {
      if (error == NULL)
        g_set_error_literal (&error, USGA_DB_ERROR, USGA_DB_ERROR_SQL, _("The change could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  /* After the return: its callback is already queued on the main context. */
  g_atomic_int_dec_and_test (&writes_in_flight);
  g_object_unref (task);
}

void
usga_store_write_async (UsgaStore *self, UsgaStoreWriteFunc func, gpointer data, GDestroyNotify data_free,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  WriteJob *job = g_new0 (WriteJob, 1);

  job->db_path = g_strdup (usga_store_get_db_path (self));
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, usga_store_write_async);
  g_task_set_task_data (task, job, write_job_free);

  g_mutex_lock (&writer_lock);
  if (writer_pool == NULL)   /* one thread, kept: edits run one at a time, first asked first done */
    writer_pool = g_thread_pool_new (run_write, NULL, 1, FALSE, NULL);
  g_mutex_unlock (&writer_lock);
  g_atomic_int_inc (&writes_in_flight);
  g_thread_pool_push (writer_pool, task, NULL);
}

gboolean
usga_store_write_finish (UsgaStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
usga_store_write_get_data (GAsyncResult *result)
{
  WriteJob *job = g_task_get_task_data (G_TASK (result));

  return job ? job->data : NULL;
}

guint
usga_store_get_writes_in_flight (void)
{
  return (guint) g_atomic_int_get (&writes_in_flight);
}

/* The store of @path is going away: close the writer's connection to it (checkpoints the WAL)
 * unless a write is still queued; the next write reopens it. */
void
usga_store_write_forget (const char *path)
{
  g_mutex_lock (&writer_lock);
  if (writer_path && g_strcmp0 (writer_path, path) == 0 && g_atomic_int_get (&writes_in_flight) == 0)
    {
      g_clear_pointer (&writer_db, usga_db_close);
      g_clear_pointer (&writer_path, g_free);
    }
  g_mutex_unlock (&writer_lock);
}
