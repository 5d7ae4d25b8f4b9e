/* usga-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-store.h"

struct _UsgaStore {
  GObject     parent_instance;
  char       *db_path;
  UsgaDb     *db;
  UsgaFilter *filter;
};

G_DEFINE_FINAL_TYPE (UsgaStore, usga_store, G_TYPE_OBJECT)

enum { DATA_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
usga_store_finalize (GObject *object)
{
  UsgaStore *self = USGA_STORE (object);

  g_clear_pointer (&self->db, usga_db_close);
  g_clear_object (&self->filter);
  g_free (self->db_path);
  G_OBJECT_CLASS (usga_store_parent_class)->finalize (object);
}

static void
usga_store_class_init (UsgaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = usga_store_finalize;

  signals[DATA_CHANGED] = g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
usga_store_init (UsgaStore *self)
{
  self->filter = usga_filter_new ();
}

UsgaStore *
usga_store_new (const char *db_path)
{
  UsgaStore *self = g_object_new (USGA_TYPE_STORE, NULL);

  self->db_path = g_strdup (db_path);
  return self;
}

const char *
usga_store_get_db_path (UsgaStore *self)
{
  return self->db_path;
}

UsgaDb *
usga_store_get_db (UsgaStore *self)
{
  return self->db;
}

gboolean
usga_store_open (UsgaStore *self, GError **error)
{
  if (self->db)
    return TRUE;
  self->db = usga_db_open (self->db_path, USGA_DB_OPEN_DEFAULT, error);
  return self->db != NULL;
}

UsgaFilter *
usga_store_get_filter (UsgaStore *self)
{
  return self->filter;
}

void
usga_store_emit_data_changed (UsgaStore *self)
{
  g_signal_emit (self, signals[DATA_CHANGED], 0);
}

typedef struct {
  char              *db_path;
  UsgaFilter        *filter;
  UsgaStoreQueryFunc func;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
} QueryTask;

static void
query_task_free (gpointer data)
{
  QueryTask *t = data;

  g_free (t->db_path);
  g_object_unref (t->filter);
  if (t->data_free)
    t->data_free (t->data);
  g_free (t);
}

static void
query_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  QueryTask *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* SQLite connections are not shared across threads: each query opens a reader (WAL lets it run beside writers). */
  db = usga_db_open (t->db_path, USGA_DB_OPEN_READONLY, &error);
  result = db ? t->func (db, t->filter, t->data, &error) : NULL;
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, t->result_free);
}

void
usga_store_query_async (UsgaStore *self, UsgaFilter *filter, UsgaStoreQueryFunc func, gpointer data,
                        GDestroyNotify data_free, GDestroyNotify result_free, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  QueryTask *t = g_new0 (QueryTask, 1);

  t->db_path = g_strdup (self->db_path);
  t->filter = usga_filter_copy (filter);
  t->func = func;
  t->data = data;
  t->data_free = data_free;
  t->result_free = result_free;
  g_task_set_source_tag (task, usga_store_query_async);
  g_task_set_task_data (task, t, query_task_free);
  g_task_run_in_thread (task, query_thread);
}

gpointer
usga_store_query_finish (UsgaStore *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
stats_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  return usga_stats_query (db, filter, GPOINTER_TO_INT (data), error);
}

void
usga_store_stats_async (UsgaStore *self, UsgaFilter *filter, UsgaGroupBy by, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_async (self, filter, stats_query, GINT_TO_POINTER (by), NULL, (GDestroyNotify) usga_stats_free,
                          cancellable, callback, user_data);
}

UsgaStats *
usga_store_stats_finish (UsgaStore *self, GAsyncResult *result, GError **error)
{
  return usga_store_query_finish (self, result, error);
}

typedef struct {
  UsgaProgressFunc progress;
  gpointer         progress_data;
  double           fraction;
  char            *message;
  GWeakRef         store;
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
  g_weak_ref_clear (&p->store);
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

  t->db_path = g_strdup (self->db_path);
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
