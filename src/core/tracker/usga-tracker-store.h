/* usga-tracker-store.h — the tracker's storage interface, with two backends: the dashboard's
 * own SQLite database (the default; usga-tracker-sqlite.c) and a shared tracker on PostgreSQL
 * (usga-tracker-shared.c over usga-tracker-pg.c). Writes go to the backend; reads are always
 * answered by an SQLite tracker — the database itself, or the shared tracker's freshly fetched
 * copy — so listing, search, progress, related items and exports are one implementation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-tracker-shared.h"

G_BEGIN_DECLS

typedef struct _UsgaTrackerStore UsgaTrackerStore;

typedef struct {
  /* Where to read the tracker, brought up to date; borrowed from the backend. */
  UsgaDb  *(*reader) (gpointer backend, GError **error);
  int      (*apply)  (gpointer backend, const char *id, const UsgaTrackerChange *change, GError **error);
  gboolean (*undo)   (gpointer backend, const char *uuid, const char *by, GError **error);
  /* Merges history entries (UsgaHistoryEntry*) with the file-import rules. */
  UsgaTrackerImportReport *(*merge) (gpointer backend, GPtrArray *incoming, GError **error);
} UsgaTrackerBackend;

extern const UsgaTrackerBackend usga_tracker_sqlite_backend;   /* backend: UsgaDb* */
extern const UsgaTrackerBackend usga_tracker_shared_backend;   /* backend: UsgaSharedTracker* */

/* Both borrow their backend, which must outlive the store. */
UsgaTrackerStore *usga_tracker_store_new_sqlite (UsgaDb *db);
UsgaTrackerStore *usga_tracker_store_new_shared (UsgaSharedTracker *shared);
void              usga_tracker_store_free       (UsgaTrackerStore *store);

UsgaDb   *usga_tracker_store_reader (UsgaTrackerStore *store, GError **error);
int       usga_tracker_store_apply  (UsgaTrackerStore *store, const char *id, const UsgaTrackerChange *change,
                                     GError **error);
gboolean  usga_tracker_store_undo   (UsgaTrackerStore *store, const char *uuid, const char *by, GError **error);
/* A colleague's export file, validated against the reader, then merged. */
UsgaTrackerImportReport *usga_tracker_store_import (UsgaTrackerStore *store, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaTrackerStore, usga_tracker_store_free)

G_END_DECLS
