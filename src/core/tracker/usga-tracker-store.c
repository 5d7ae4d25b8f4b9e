/* usga-tracker-store.c — the tracker storage interface's dispatch.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-tracker-store.h"

struct _UsgaTrackerStore {
  const UsgaTrackerBackend *backend;
  gpointer                  data;
};

static UsgaTrackerStore *
store_new (const UsgaTrackerBackend *backend, gpointer data)
{
  UsgaTrackerStore *store = g_new0 (UsgaTrackerStore, 1);

  store->backend = backend;
  store->data = data;
  return store;
}

UsgaTrackerStore *
usga_tracker_store_new_sqlite (UsgaDb *db)
{
  return store_new (&usga_tracker_sqlite_backend, db);
}

UsgaTrackerStore *
usga_tracker_store_new_shared (UsgaSharedTracker *shared)
{
  return store_new (&usga_tracker_shared_backend, shared);
}

void
usga_tracker_store_free (UsgaTrackerStore *store)
{
  g_free (store);
}

UsgaDb *
usga_tracker_store_reader (UsgaTrackerStore *store, GError **error)
{
  return store->backend->reader (store->data, error);
}

int
usga_tracker_store_apply (UsgaTrackerStore *store, const char *id, const UsgaTrackerChange *change, GError **error)
{
  return store->backend->apply (store->data, id, change, error);
}

gboolean
usga_tracker_store_undo (UsgaTrackerStore *store, const char *uuid, const char *by, GError **error)
{
  return store->backend->undo (store->data, uuid, by, error);
}

UsgaTrackerImportReport *
usga_tracker_store_import (UsgaTrackerStore *store, const char *path, GError **error)
{
  UsgaDb *reader = usga_tracker_store_reader (store, error);
  g_autoptr(GPtrArray) incoming = reader ? usga_tracker_parse_export (reader, path, error) : NULL;

  return incoming ? store->backend->merge (store->data, incoming, error) : NULL;
}
