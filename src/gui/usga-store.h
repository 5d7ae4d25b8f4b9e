/* usga-store.h — the application's handle on the data: the database, the shared filter,
 * and asynchronous queries that run on worker threads with their own connections.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_STORE (usga_store_get_type ())
G_DECLARE_FINAL_TYPE (UsgaStore, usga_store, USGA, STORE, GObject)

UsgaStore  *usga_store_new          (const char *db_path);
const char *usga_store_get_db_path  (UsgaStore *self);
/* The main-thread connection, for small reads and for edits (one transaction per change). */
UsgaDb     *usga_store_get_db       (UsgaStore *self);
gboolean    usga_store_open         (UsgaStore *self, GError **error);
UsgaFilter *usga_store_get_filter   (UsgaStore *self);
/* Tells every page that the database changed (after an import or a sync). */
void        usga_store_emit_data_changed (UsgaStore *self);

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
