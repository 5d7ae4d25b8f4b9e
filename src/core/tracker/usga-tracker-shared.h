/* usga-tracker-shared.h — a shared tracker as the app and the CLI use it: the server (libpq),
 * an SQLite copy of its last fetched state (read by the same code as the local tracker, and
 * shown read-only while the server is unreachable), and the queue of unsent edits in the local
 * database. Blocking; one thread at a time.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-tracker-pg.h"

G_BEGIN_DECLS

typedef struct _UsgaSharedTracker UsgaSharedTracker;

typedef struct {
  gint64  id;
  char   *recommendation_id;
  char   *kind;        /* change | undo */
  char   *summary;     /* what the edit does, for the queue list */
  char   *queued_at;
  char   *refused;     /* why the server refused it (stale base, …); NULL while waiting */
} UsgaQueuedEdit;

void usga_queued_edit_free (UsgaQueuedEdit *edit);

/* Opens the local database @local_path (for the queue) and the copy beside it; does not
 * connect yet. */
UsgaSharedTracker *usga_shared_tracker_new        (const char *local_path, const char *conninfo, GError **error);
void               usga_shared_tracker_free       (UsgaSharedTracker *self);
const char        *usga_shared_tracker_server     (UsgaSharedTracker *self);
/* The SQLite copy: every read (list, history, progress, exports) is served from it. */
UsgaDb            *usga_shared_tracker_cache      (UsgaSharedTracker *self);
const char        *usga_shared_tracker_cache_path (UsgaSharedTracker *self);
/* The time of the last successful fetch, or NULL if never. */
char              *usga_shared_tracker_fetched_at (UsgaSharedTracker *self);
/* NULL while not connected. */
UsgaTrackerPg     *usga_shared_tracker_pg         (UsgaSharedTracker *self);
void               usga_shared_tracker_disconnect (UsgaSharedTracker *self);

gboolean usga_shared_tracker_connect (UsgaSharedTracker *self, GError **error);
/* Connects if needed and copies the server's state into the copy. */
gboolean usga_shared_tracker_refresh (UsgaSharedTracker *self, GError **error);
/* Sends @change; when the server cannot be reached it is queued (with the base it was made
 * on) and USGA_TRACKER_ERROR_UNREACHABLE says so. Refreshes the copy after a write. */
int      usga_shared_tracker_apply   (UsgaSharedTracker *self, const char *id, const UsgaTrackerChange *change,
                                      GError **error);
gboolean usga_shared_tracker_undo    (UsgaSharedTracker *self, const char *uuid, const char *by, GError **error);

/* The queue for this server, oldest first. */
GPtrArray *usga_shared_tracker_queue   (UsgaSharedTracker *self, GError **error);
guint      usga_shared_tracker_n_queued (UsgaSharedTracker *self);
/* Sends the waiting edits in order; a refused one is kept, marked with the reason, and
 * counted in @n_refused. Returns how many were sent, -1 (with @error) when the server
 * cannot be reached (the rest stay queued). */
int        usga_shared_tracker_send_queue (UsgaSharedTracker *self, guint *n_refused, GError **error);
gboolean   usga_shared_tracker_discard (UsgaSharedTracker *self, gint64 edit_id, GError **error);
/* Sends a refused edit again on the current state (its base dropped: the user has seen it). */
int        usga_shared_tracker_reapply (UsgaSharedTracker *self, gint64 edit_id, GError **error);

/* "Publish my local tracker to the server": the local database's history merged with the
 * file-import rules; conflicts in the report. */
UsgaTrackerImportReport *usga_shared_tracker_publish (UsgaSharedTracker *self, GError **error);
/* Merges a colleague's export file into the shared tracker. */
UsgaTrackerImportReport *usga_shared_tracker_import  (UsgaSharedTracker *self, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaSharedTracker, usga_shared_tracker_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaQueuedEdit, usga_queued_edit_free)

G_END_DECLS
