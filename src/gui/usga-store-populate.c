/* usga-store-populate.c — loading the bundled data into an empty database on a worker, its
 * progress reported on the main thread.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-store.h"

typedef struct {
  UsgaProgressFunc progress;
  gpointer         progress_data;
  double           fraction;
  char            *message;
} PopulateProgress;

typedef struct {
  char             *db_path;
  PopulateProgress *progress;
} PopulateTask;

static gboolean
deliver_progress (gpointer data)
{
  PopulateProgress *p = data;

  p->progress (p->fraction, p->message, p->progress_data);
  g_free (p->message);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
populate_progress_cb (double fraction, const char *message, gpointer user_data)
{
  PopulateTask *t = user_data;
  PopulateProgress *copy;

  if (t->progress->progress == NULL)
    return;
  copy = g_new0 (PopulateProgress, 1);
  copy->progress = t->progress->progress;
  copy->progress_data = t->progress->progress_data;
  copy->fraction = fraction;
  copy->message = g_strdup (message);
  g_idle_add (deliver_progress, copy);
}

static void
populate_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PopulateTask *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (t->db_path, USGA_DB_OPEN_DEFAULT, &error);

  if (db == NULL || !usga_bundled_import (db, populate_progress_cb, t, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
populate_task_free (gpointer data)
{
  PopulateTask *t = data;

  g_free (t->db_path);
  g_free (t->progress);
  g_free (t);
}

void
usga_store_populate_async (UsgaStore *self, UsgaProgressFunc progress, gpointer progress_data,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  PopulateTask *t = g_new0 (PopulateTask, 1);

  t->db_path = g_strdup (usga_store_get_db_path (self));
  t->progress = g_new0 (PopulateProgress, 1);
  t->progress->progress = progress;
  t->progress->progress_data = progress_data;
  g_task_set_task_data (task, t, populate_task_free);
  g_task_run_in_thread (task, populate_thread);
}

gboolean
usga_store_populate_finish (UsgaStore *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
