/* usga-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-store.h"
#include "usga-worker-db.h"

struct _UsgaStore {
  GObject     parent_instance;
  char       *db_path;
  guint       id;              /* tells worker threads' cached connections apart */
  UsgaDb     *db;
  UsgaFilter *filter;
  guint       refresh_source;
  guint       refresh_count;
  guint       data_generation;
  gint        in_flight;      /* queries whose callback has not run yet (main thread) */
  /* the catalogue */
  gboolean      catalog_ready;
  GCancellable *catalog_cancellable;
  GPtrArray    *areas;
  GPtrArray    *delitos;
  char         *data_first;
  char         *data_last;
  /* opening on a worker (usga_store_open_async) */
  gboolean    opening;
  gboolean    populated;
  GError     *open_error;
  GPtrArray  *open_waiters;    /* GTask */
  /* main-thread SQL, when traced */
  gboolean    trace_main_sql;
  guint       main_sql_statements;
  gint64      main_sql_ns;
  /* the aggregate index the workers' statistics read (cube block below) */
  UsgaCube   *cube;
  gboolean    cube_building, cube_again;
};

G_DEFINE_FINAL_TYPE (UsgaStore, usga_store, G_TYPE_OBJECT)

enum { DATA_CHANGED, REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
store_area_free (gpointer data)
{
  UsgaStoreArea *a = data;

  g_free (a->label);
  g_free (a);
}

static void
usga_store_finalize (GObject *object)
{
  UsgaStore *self = USGA_STORE (object);

  if (self->trace_main_sql)
    g_printerr ("usga-store: main-thread SQL: %u statements, %.3f ms\n",
                self->main_sql_statements, self->main_sql_ns / 1e6);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->delitos, g_ptr_array_unref);
  g_free (self->data_first);
  g_free (self->data_last);
  g_clear_pointer (&self->db, usga_db_close);
  g_clear_pointer (&self->cube, usga_cube_unref);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->open_waiters, g_ptr_array_unref);
  g_clear_object (&self->filter);
  usga_store_write_forget (self->db_path);
  g_free (self->db_path);
  G_OBJECT_CLASS (usga_store_parent_class)->finalize (object);
}

static void
usga_store_class_init (UsgaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = usga_store_finalize;

  /* The catalogue was reloaded after the data changed: lists (areas, delitos) refill from it. */
  signals[DATA_CHANGED] = g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The one fan-out: visible pages query now, hidden ones when they are shown. */
  signals[REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
usga_store_init (UsgaStore *self)
{
  static guint next_id = 1;

  self->id = next_id++;
  self->filter = usga_filter_new ();
  self->areas = g_ptr_array_new_with_free_func (store_area_free);
  self->delitos = g_ptr_array_new_with_free_func (g_free);
  self->open_waiters = g_ptr_array_new_with_free_func (g_object_unref);
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

static int
trace_main_sql (unsigned type, void *user_data, void *statement, void *x)
{
  UsgaStore *self = user_data;

  if (type == SQLITE_TRACE_PROFILE)
    {
      self->main_sql_statements++;
      self->main_sql_ns += *(sqlite3_int64 *) x;
      if (g_strcmp0 (g_getenv ("USGA_TRACE_MAIN_SQL"), "verbose") == 0)
        g_printerr ("usga-store: main-thread SQL %.3f ms: %s\n", *(sqlite3_int64 *) x / 1e6,
                    sqlite3_sql (statement));
    }
  return 0;
}

static void
take_db (UsgaStore *self, UsgaDb *db)
{
  self->db = db;
  if (self->db && g_getenv ("USGA_TRACE_MAIN_SQL"))
    {
      self->trace_main_sql = TRUE;
      sqlite3_trace_v2 (usga_db_handle (self->db), SQLITE_TRACE_PROFILE, trace_main_sql, self);
    }
}

gboolean
usga_store_open (UsgaStore *self, GError **error)
{
  if (self->db == NULL)
    take_db (self, usga_db_open (self->db_path, USGA_DB_OPEN_DEFAULT, error));
  return self->db != NULL;
}

/* Opening checks the file and runs any migration: SQL that stays off the main thread. The
 * connection then moves to the main thread (SQLite allows it: it is used by one thread at a time). */
typedef struct {
  UsgaDb   *db;
  gboolean  populated;
} Opened;

static void
opened_free (gpointer data)
{
  Opened *o = data;

  g_clear_pointer (&o->db, usga_db_close);
  g_free (o);
}

static void
open_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  Opened *o = g_new0 (Opened, 1);

  o->db = usga_db_open (data, USGA_DB_OPEN_DEFAULT, &error);
  if (o->db == NULL)
    {
      opened_free (o);
      g_task_return_error (task, error);
      return;
    }
  o->populated = usga_db_is_populated (o->db);
  g_task_return_pointer (task, o, opened_free);
}

static void
answer_open_waiter (UsgaStore *self, GTask *task)
{
  if (self->db)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_error_copy (self->open_error));
}

static void
opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UsgaStore *self = USGA_STORE (source);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->open_waiters);
  Opened *o = g_task_propagate_pointer (G_TASK (result), &self->open_error);

  self->opening = FALSE;
  self->open_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  if (o)
    {
      take_db (self, g_steal_pointer (&o->db));
      self->populated = o->populated;
      opened_free (o);
    }
  for (guint i = 0; i < waiters->len; i++)
    answer_open_waiter (self, waiters->pdata[i]);
}

void
usga_store_open_async (UsgaStore *self, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, usga_store_open_async);
  if (self->db || self->open_error)
    {
      answer_open_waiter (self, task);
      return;
    }
  g_ptr_array_add (self->open_waiters, g_steal_pointer (&task));
  if (!self->opening)
    {
      g_autoptr(GTask) open = g_task_new (self, NULL, opened, NULL);

      self->opening = TRUE;
      g_task_set_task_data (open, g_strdup (self->db_path), g_free);
      g_task_run_in_thread (open, open_thread);
    }
}

gboolean
usga_store_open_finish (UsgaStore *self, GAsyncResult *result, gboolean *populated, GError **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *populated = self->populated;
  return TRUE;
}

gboolean
usga_store_get_main_sql (UsgaStore *self, guint *statements, gint64 *ns)
{
  if (statements)
    *statements = self->main_sql_statements;
  if (ns)
    *ns = self->main_sql_ns;
  return self->trace_main_sql;
}

void
usga_store_reset_main_sql (UsgaStore *self)
{
  self->main_sql_statements = 0;
  self->main_sql_ns = 0;
}

UsgaFilter *
usga_store_get_filter (UsgaStore *self)
{
  return self->filter;
}

guint
usga_store_get_data_generation (UsgaStore *self)
{
  return self->data_generation;
}

guint
usga_store_get_queries_in_flight (UsgaStore *self)
{
  return (guint) self->in_flight;
}

guint
usga_store_get_refresh_count (UsgaStore *self)
{
  return self->refresh_count;
}

UsgaCube *
usga_store_get_cube (UsgaStore *self, gboolean *building)
{
  *building = self->cube_building;
  return self->cube;
}

static gboolean
run_refresh (gpointer user_data)
{
  UsgaStore *self = user_data;

  self->refresh_source = 0;
  self->refresh_count++;
  g_signal_emit (self, signals[REFRESH], 0);
  return G_SOURCE_REMOVE;
}

/* Changes made in one go (a burst of edits, or data-changed plus the filter bar's new period)
 * fan out once: the refresh runs when the main loop is next idle. */
static void
schedule_refresh (UsgaStore *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, run_refresh, self, NULL);
}

void
usga_store_set_filter (UsgaStore *self, UsgaFilter *value)
{
  g_return_if_fail (USGA_IS_STORE (self));

  if (value == self->filter || usga_filter_equal (self->filter, value))
    return;
  usga_filter_assign (self->filter, value);
  schedule_refresh (self);
}

gboolean
usga_store_catalog_ready (UsgaStore *self)
{
  return self->catalog_ready;
}

GPtrArray *
usga_store_get_areas (UsgaStore *self)
{
  return self->areas;
}

GPtrArray *
usga_store_get_delitos (UsgaStore *self)
{
  return self->delitos;
}

const char *
usga_store_get_data_first (UsgaStore *self)
{
  return self->data_first;
}

const char *
usga_store_get_data_last (UsgaStore *self)
{
  return self->data_last;
}

char *
usga_store_area_name (UsgaStore *self, UsgaFilter *filter)
{
  UsgaAreaLevel level = usga_filter_get_area_level (filter);
  gint64 id = usga_filter_get_area_id (filter);

  if (level == USGA_AREA_LEVEL_ALCALDIA)
    return g_strdup (_("Iztapalapa (whole alcaldía)"));
  for (guint i = 0; i < self->areas->len; i++)
    {
      UsgaStoreArea *a = g_ptr_array_index (self->areas, i);
      if (a->level == level && a->id == id)
        return g_strdup (a->label);
    }
  /* Not in the catalogue (yet): say which area it is without guessing a name. */
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    return g_strdup_printf (_("Area %s"), number);
  }
}

typedef struct {
  char              *db_path;
  guint              store_id;
  GAsyncReadyCallback callback;    /* the caller's, run by query_done */
  gpointer           user_data;
  UsgaFilter        *filter;
  UsgaStoreQueryFunc func;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
  UsgaCube          *cube;
} QueryTask;

static void
query_task_free (gpointer data)
{
  QueryTask *t = data;

  g_free (t->db_path);
  g_clear_object (&t->filter);
  g_clear_pointer (&t->cube, usga_cube_unref);
  if (t->data_free)
    t->data_free (t->data);
  g_free (t);
}

/* The aggregate index (usga-cube.h): built on a worker after the first catalogue (never before
 * the first frame) and after new data; the workers' statistics use it while it is fresh and
 * fall back to SQL when a write (another window, a CLI sync) made it stale, which rebuilds it. */
static gboolean
drop_stale_cube (gpointer data)
{
  if (USGA_STORE (data)->cube && usga_cube_found_stale (USGA_STORE (data)->cube))
    g_clear_pointer (&USGA_STORE (data)->cube, usga_cube_unref);
  return G_SOURCE_REMOVE;
}

/* The store's cube when still fresh is the same index (data-changed after a sync that wrote
 * nothing): kept, not built twice. A stale one is never read again: the store drops it so the
 * two are not resident together while the new one builds. */
static void
cube_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  UsgaCube *cube = g_object_steal_data (G_OBJECT (task), "usga-old-cube");

  if (cube && !usga_cube_is_fresh (cube))
    {
      g_clear_pointer (&cube, usga_cube_unref);
      g_idle_add_full (G_PRIORITY_DEFAULT, drop_stale_cube, g_object_ref (source), g_object_unref);
    }
  if (cube == NULL)
    cube = usga_cube_build (data, &error);

  if (cube)
    g_task_return_pointer (task, cube, (GDestroyNotify) usga_cube_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void build_cube (UsgaStore *self);

static void
cube_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UsgaStore *self = USGA_STORE (source);
  g_autoptr(GError) error = NULL;
  UsgaCube *cube = g_task_propagate_pointer (G_TASK (result), &error);

  self->cube_building = FALSE;
  if (cube == NULL)
    g_message ("Statistics without the aggregate index: %s", error->message);
  else
    {
      gsize cells, quarterly, bytes;
      double ms;

      usga_cube_describe (cube, &cells, &quarterly, &bytes, &ms);
      g_debug ("Aggregate index: %zu cells, %zu published rows, %.1f MiB, built in %.0f ms", cells, quarterly,
               bytes / 1048576.0, ms);
      g_clear_pointer (&self->cube, usga_cube_unref);
      self->cube = cube;
    }
  if (self->cube_again)
    build_cube (self);
}

static void
build_cube (UsgaStore *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->cube_building)
    {
      self->cube_again = TRUE;
      return;
    }
  self->cube_building = TRUE;
  self->cube_again = FALSE;
  task = g_task_new (self, NULL, cube_built, NULL);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  if (self->cube)
    g_object_set_data_full (G_OBJECT (task), "usga-old-cube", usga_cube_ref (self->cube), (GDestroyNotify) usga_cube_unref);
  g_task_run_in_thread (task, cube_thread);
}

static gboolean
rebuild_stale_cube (gpointer data)
{
  UsgaStore *self = data;

  if (self->cube && usga_cube_found_stale (self->cube) && !self->cube_building)
    build_cube (self);
  return G_SOURCE_REMOVE;
}

static void
query_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  QueryTask *t = data;
  g_autoptr(GError) error = NULL;
  UsgaDb *db;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  db = usga_worker_db_get (t->store_id, t->db_path, &error);
  usga_cube_set_for_thread (t->cube);
  result = db ? t->func (db, t->filter, t->data, &error) : NULL;
  usga_cube_set_for_thread (NULL);
  if (t->cube && usga_cube_found_stale (t->cube))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_stale_cube, g_object_ref (source), g_object_unref);
  if (result == NULL && db && error == NULL)
    g_set_error_literal (&error, USGA_DB_ERROR, USGA_DB_ERROR_SQL, _("The query returned nothing"));
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, t->result_free);
}

/* A threaded GTask queues its callback only once the thread function has returned, so the
 * count drops here, on the main thread, right before the caller sees the result: "0 in flight"
 * then means every answer has been delivered or is being delivered now. */
static void
query_done (GObject *source, GAsyncResult *result, gpointer unused)
{
  UsgaStore *self = USGA_STORE (source);
  QueryTask *t = g_task_get_task_data (G_TASK (result));

  self->in_flight--;
  if (t->callback)
    t->callback (source, result, t->user_data);
}

void
usga_store_query_async (UsgaStore *self, UsgaFilter *filter, UsgaStoreQueryFunc func, gpointer data,
                        GDestroyNotify data_free, GDestroyNotify result_free, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_file_async (self, self->db_path, filter, func, data, data_free, result_free, cancellable,
                               callback, user_data);
}

void
usga_store_query_file_async (UsgaStore *self, const char *path, UsgaFilter *filter, UsgaStoreQueryFunc func,
                             gpointer data, GDestroyNotify data_free, GDestroyNotify result_free,
                             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, query_done, NULL);
  QueryTask *t = g_new0 (QueryTask, 1);

  t->db_path = g_strdup (path);
  t->store_id = self->id;
  t->callback = callback;
  t->user_data = user_data;
  self->in_flight++;
  t->filter = filter ? usga_filter_copy (filter) : NULL;
  t->func = func;
  t->data = data;
  t->data_free = data_free;
  t->result_free = result_free;
  t->cube = self->cube && g_strcmp0 (path, self->db_path) == 0 ? usga_cube_ref (self->cube) : NULL;
  g_task_set_source_tag (task, usga_store_query_async);
  g_task_set_task_data (task, t, query_task_free);
  if (path == NULL)   /* e.g. a shared tracker's copy not fetched yet: an answer, not a crash */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no database to read yet."));
  else
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
  GPtrArray *areas;
  GPtrArray *delitos;
  char      *first;
  char      *last;
} Catalog;

static void
catalog_free (gpointer data)
{
  Catalog *c = data;

  g_ptr_array_unref (c->areas);
  g_ptr_array_unref (c->delitos);
  g_free (c->first);
  g_free (c->last);
  g_free (c);
}

static void
add_area (GPtrArray *areas, UsgaAreaLevel level, gint64 id, char *label)
{
  UsgaStoreArea *a = g_new0 (UsgaStoreArea, 1);

  a->level = level;
  a->id = id;
  a->label = label;
  g_ptr_array_add (areas, a);
}

static gpointer
catalog_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  static const struct { UsgaAreaLevel level; const char *sql; const char *format; } levels[] = {
    { USGA_AREA_LEVEL_SECTOR, "SELECT id, name FROM sector ORDER BY name", N_("Sector %s") },
    { USGA_AREA_LEVEL_COLONIA, "SELECT id, name FROM colonia ORDER BY name", N_("Colonia %s") },
    { USGA_AREA_LEVEL_CUADRANTE, "SELECT id, code FROM cuadrante ORDER BY code", N_("Cuadrante %s") },
  };
  Catalog *c = g_new0 (Catalog, 1);
  sqlite3_stmt *stmt;

  c->areas = g_ptr_array_new_with_free_func (store_area_free);
  c->delitos = g_ptr_array_new_with_free_func (g_free);
  add_area (c->areas, USGA_AREA_LEVEL_ALCALDIA, 0, g_strdup (_("Whole alcaldía")));
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      if ((stmt = usga_db_prepare (db, levels[l].sql, error)) == NULL)
        goto fail;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        add_area (c->areas, levels[l].level, sqlite3_column_int64 (stmt, 0),
                  g_strdup_printf (_(levels[l].format), sqlite3_column_text (stmt, 1)));
      sqlite3_reset (stmt);
    }
  stmt = usga_db_prepare (db,
      "SELECT name FROM delito WHERE id IN (SELECT delito_id FROM incident UNION SELECT delito_id FROM incident_quarterly)"
      " ORDER BY name", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (c->delitos, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  usga_stats_point_coverage (db, &c->first, &c->last);
  return c;

fail:
  catalog_free (c);
  return NULL;
}

static void
catalog_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UsgaStore *self = USGA_STORE (source);
  g_autoptr(GError) error = NULL;
  Catalog *c = usga_store_query_finish (self, result, &error);

  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the areas and delitos: %s", error->message);
      return;
    }
  g_ptr_array_unref (self->areas);
  self->areas = g_ptr_array_ref (c->areas);
  g_ptr_array_unref (self->delitos);
  self->delitos = g_ptr_array_ref (c->delitos);
  g_free (self->data_first);
  self->data_first = g_steal_pointer (&c->first);
  g_free (self->data_last);
  self->data_last = g_steal_pointer (&c->last);
  catalog_free (c);
  self->catalog_ready = TRUE;
  self->data_generation++;
  build_cube (self);
  g_signal_emit (self, signals[DATA_CHANGED], 0);
  /* Pages wait for the first catalogue (their labels name areas); after it, and after new data,
   * every visible page queries, once, together with any period change the lists brought. */
  schedule_refresh (self);
}

static void
load_catalog (UsgaStore *self)
{
  g_autoptr(UsgaFilter) none = usga_filter_new ();

  if (self->catalog_cancellable)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  self->catalog_cancellable = g_cancellable_new ();
  usga_store_query_async (self, none, catalog_query, NULL, NULL, catalog_free, self->catalog_cancellable,
                          catalog_ready, NULL);
}

void
usga_store_load_catalog (UsgaStore *self)
{
  if (!self->catalog_ready && self->catalog_cancellable == NULL)
    load_catalog (self);
}

void
usga_store_emit_data_changed (UsgaStore *self)
{
  load_catalog (self);
}
