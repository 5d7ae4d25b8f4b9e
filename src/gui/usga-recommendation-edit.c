/* usga-recommendation-edit.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-recommendation-edit.h"

typedef struct {
  char              *id, *uuid;
  UsgaTrackerChange *change;   /* owns its strings */
  int                written;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->id);
  g_free (edit->uuid);
  usga_tracker_change_free (edit->change);
  g_free (edit);
}

static gboolean
apply_write (UsgaDb *db, gpointer data, GError **error)
{
  Edit *edit = data;

  edit->written = usga_tracker_apply (db, edit->id, edit->change, error);
  return edit->written >= 0;
}

void
usga_recommendation_edit_apply_async (UsgaStore *store, const char *id, const UsgaTrackerChange *change,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->id = g_strdup (id);
  edit->change = usga_tracker_change_dup (change);
  usga_store_write_async (store, apply_write, edit, edit_free, callback, user_data);
}

int
usga_recommendation_edit_apply_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  if (!usga_store_write_finish (store, result, error))
    return -1;
  return ((Edit *) usga_store_write_get_data (result))->written;
}

static gboolean
undo_write (UsgaDb *db, gpointer data, GError **error)
{
  Edit *edit = data;

  return usga_tracker_undo (db, edit->uuid, edit->change->by, error);
}

void
usga_recommendation_edit_undo_async (UsgaStore *store, const char *id, const char *uuid, const char *by,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->id = g_strdup (id);
  edit->uuid = g_strdup (uuid);
  edit->change = usga_tracker_change_dup (&(UsgaTrackerChange) { .by = by, .progress = -1 });
  usga_store_write_async (store, undo_write, edit, edit_free, callback, user_data);
}

gboolean
usga_recommendation_edit_undo_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  return usga_store_write_finish (store, result, error);
}

const char *
usga_recommendation_edit_get_id (GAsyncResult *result)
{
  Edit *edit = usga_store_write_get_data (result);

  return edit ? edit->id : NULL;
}
