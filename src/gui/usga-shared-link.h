/* usga-shared-link.h — the app's connection to a shared tracker: a dedicated connection
 * thread (libpq calls block, so they never run on the main loop) that keeps the local copy up
 * to date on every NOTIFY, reconnects while the server is unreachable, and sends edits and
 * queued edits. The copy is read on store workers (usga_store_query_file_async()); the main
 * thread gets results as GTasks.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_SHARED_LINK (usga_shared_link_get_type ())
G_DECLARE_FINAL_TYPE (UsgaSharedLink, usga_shared_link, USGA, SHARED_LINK, GObject)

UsgaSharedLink *usga_shared_link_new            (const char *local_path, const char *conninfo);
const char     *usga_shared_link_get_server     (UsgaSharedLink *self);
gboolean        usga_shared_link_get_online     (UsgaSharedLink *self);
/* Edits waiting to be sent, and those the server refused (stale base, …). */
guint           usga_shared_link_get_n_queued   (UsgaSharedLink *self);
guint           usga_shared_link_get_n_refused  (UsgaSharedLink *self);
/* Why the server cannot be reached, or NULL. */
const char     *usga_shared_link_get_problem    (UsgaSharedLink *self);
/* Time of the state shown (last fetch), or NULL. */
const char     *usga_shared_link_get_fetched_at (UsgaSharedLink *self);
/* The local copy's file, for usga_store_query_file_async(); NULL until it exists. */
const char     *usga_shared_link_get_cache_path (UsgaSharedLink *self);

/* @change is copied. The result: entries written, or -1 with the error (stale: refused;
 * unreachable: queued). */
void     usga_shared_link_apply_async  (UsgaSharedLink *self, const char *id, const UsgaTrackerChange *change,
                                        GAsyncReadyCallback callback, gpointer user_data);
int      usga_shared_link_apply_finish (UsgaSharedLink *self, GAsyncResult *result, GError **error);
void     usga_shared_link_undo_async   (UsgaSharedLink *self, const char *uuid, const char *by,
                                        GAsyncReadyCallback callback, gpointer user_data);
gboolean usga_shared_link_undo_finish  (UsgaSharedLink *self, GAsyncResult *result, GError **error);
/* "Publish my local tracker to the server". */
void     usga_shared_link_publish_async  (UsgaSharedLink *self, GAsyncReadyCallback callback, gpointer user_data);
/* Merges a colleague's export file into the shared tracker; finish with
 * usga_shared_link_publish_finish() (the same report). */
void     usga_shared_link_import_async   (UsgaSharedLink *self, const char *path, GAsyncReadyCallback callback,
                                          gpointer user_data);
UsgaTrackerImportReport *usga_shared_link_publish_finish (UsgaSharedLink *self, GAsyncResult *result, GError **error);

/* Queue handling; the outcome shows in the properties and the "changed" signal. */
void     usga_shared_link_send_queue      (UsgaSharedLink *self);
void     usga_shared_link_reapply_refused (UsgaSharedLink *self);
void     usga_shared_link_discard_queue   (UsgaSharedLink *self);

G_END_DECLS
