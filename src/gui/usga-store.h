/* usga-store.h — the application's handle on the data: the database, the shared filter,
 * and asynchronous queries that run on worker threads with their own connections.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "usga-core.h"
#include "usga-cube.h"

G_BEGIN_DECLS

#define USGA_TYPE_STORE (usga_store_get_type ())
G_DECLARE_FINAL_TYPE (UsgaStore, usga_store, USGA, STORE, GObject)

UsgaStore  *usga_store_new          (const char *db_path);
const char *usga_store_get_db_path  (UsgaStore *self);
/* The main-thread connection. Pages never run SQL on it: they read with usga_store_query_async()
 * and edit with usga_store_write_async(); it is kept for the shared link's path and for tests. */
UsgaDb     *usga_store_get_db       (UsgaStore *self);
gboolean    usga_store_open         (UsgaStore *self, GError **error);
/* The same on a worker thread (the checks and migrations of usga_db_open are SQL too); the
 * file is opened once, every caller is answered when it is (the application starts it before
 * GTK initialises; the window waits for it). @populated says whether the database held the
 * bundled data when it was opened. */
void        usga_store_open_async   (UsgaStore *self, GAsyncReadyCallback callback, gpointer user_data);
gboolean    usga_store_open_finish  (UsgaStore *self, GAsyncResult *result, gboolean *populated, GError **error);
/* The filter every page reads. Read it; never write it: usga_store_set_filter() is its only writer. */
UsgaFilter *usga_store_get_filter   (UsgaStore *self);
/* Makes @value the shared filter. Nothing happens when it equals the filter in force; otherwise
 * ::changed is emitted on the filter and one ::refresh is scheduled (rapid changes coalesce). */
void        usga_store_set_filter   (UsgaStore *self, UsgaFilter *value);
/* Tells every page that the database changed (after an import or a sync): the catalogue (areas,
 * delitos, dates covered) is reloaded on a worker, then ::data-changed and one ::refresh follow. */
void        usga_store_emit_data_changed (UsgaStore *self);
/* Loads the catalogue on a worker unless it is loaded or loading (call once the database is populated). */
void        usga_store_load_catalog (UsgaStore *self);

/* The catalogue, read by the filter bar and page labels without SQL on the main thread. */
typedef struct {
  UsgaAreaLevel level;
  gint64        id;
  char         *label;   /* "Colonia X", "Cuadrante Y", … */
} UsgaStoreArea;

gboolean    usga_store_catalog_ready (UsgaStore *self);
/* Areas in the order of the filter bar's list (alcaldía first); UsgaStoreArea items. */
GPtrArray  *usga_store_get_areas    (UsgaStore *self);
/* Delito names present in carpetas or the quarterly counts, sorted. */
GPtrArray  *usga_store_get_delitos  (UsgaStore *self);
/* First and last day of the carpeta rows (NULL when there are none). */
const char *usga_store_get_data_first (UsgaStore *self);
const char *usga_store_get_data_last  (UsgaStore *self);
/* The name of @filter's area, from the catalogue. */
char       *usga_store_area_name    (UsgaStore *self, UsgaFilter *filter);

/* Goes up by one each time the catalogue is reloaded after new data (pages cache what only
 * depends on the data, not on the filter, per generation). */
guint       usga_store_get_data_generation (UsgaStore *self);
/* Queries whose callback has not run yet (read on the main thread): tests wait for 0, with the
 * writes in flight at 0 too, then drain the main context. */
guint       usga_store_get_queries_in_flight (UsgaStore *self);
/* How many ::refresh fan-outs have run (one per coalesced change), for tests and bench. */
guint       usga_store_get_refresh_count (UsgaStore *self);
/* The aggregate index the workers read now (NULL: none; not a reference) and whether a build
 * is running, for tests. */
UsgaCube   *usga_store_get_cube (UsgaStore *self, gboolean *building);

/* With USGA_TRACE_MAIN_SQL set in the environment, the main-thread connection records the
 * time its statements take: @statements and @ns since the last reset. */
gboolean    usga_store_get_main_sql (UsgaStore *self, guint *statements, gint64 *ns);
void        usga_store_reset_main_sql (UsgaStore *self);

/* Work for a worker thread: it gets its own read-only connection and a copy of the filter,
 * and returns a result (freed with the @result_free given to usga_store_query_async). */
typedef gpointer (*UsgaStoreQueryFunc) (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error);

void        usga_store_query_async  (UsgaStore           *self,
                                     UsgaFilter          *filter,
                                     UsgaStoreQueryFunc   func,
                                     gpointer             data,
                                     GDestroyNotify       data_free,
                                     GDestroyNotify       result_free,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gpointer    usga_store_query_finish (UsgaStore *self, GAsyncResult *result, GError **error);

/* The same on another SQLite file, e.g. a shared tracker's local copy (@filter may be NULL). */
void        usga_store_query_file_async (UsgaStore           *self,
                                         const char          *path,
                                         UsgaFilter          *filter,
                                         UsgaStoreQueryFunc   func,
                                         gpointer             data,
                                         GDestroyNotify       data_free,
                                         GDestroyNotify       result_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

/* Edits: @func runs on the store's one writing thread with a read-write connection of its own,
 * one edit at a time in the order asked (usga-store-write.c). It returns TRUE or sets @error; it
 * may leave outputs in @data, which the callback reads with usga_store_write_get_data(). Edits
 * are not cancellable: an edit asked for is made. */
typedef gboolean (*UsgaStoreWriteFunc) (UsgaDb *db, gpointer data, GError **error);

void        usga_store_write_async  (UsgaStore           *self,
                                     UsgaStoreWriteFunc   func,
                                     gpointer             data,
                                     GDestroyNotify       data_free,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    usga_store_write_finish (UsgaStore *self, GAsyncResult *result, GError **error);
gpointer    usga_store_write_get_data (GAsyncResult *result);
/* Edits queued or running, for tests. */
guint       usga_store_get_writes_in_flight (void);
/* Closes the writing thread's connection to @path (the store's finalize). */
void        usga_store_write_forget (const char *path);

/* Runs usga_stats_query() for @filter on a worker thread. */
void        usga_store_stats_async  (UsgaStore           *self,
                                     UsgaFilter          *filter,
                                     UsgaGroupBy          by,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
UsgaStats  *usga_store_stats_finish (UsgaStore *self, GAsyncResult *result, GError **error);

/* Loads the bundled data into an empty database on a worker thread; progress is
 * reported on the main thread through @progress. */
void        usga_store_populate_async  (UsgaStore           *self,
                                        UsgaProgressFunc     progress,
                                        gpointer             progress_data,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    usga_store_populate_finish (UsgaStore *self, GAsyncResult *result, GError **error);

G_END_DECLS
