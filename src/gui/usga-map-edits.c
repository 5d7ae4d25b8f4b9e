/* usga-map-edits.c — the map's edits (corridors and UTOPIAS saved, a corridor deleted, a file
 * imported) run on the store's writing thread: the main loop never waits on SQLite. The edit
 * works on its own copies; its control stays insensitive until the answer is back, so it
 * cannot be submitted twice.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

UsgaMapEdit *
usga_map_edit_new (UsgaMapEditKind kind)
{
  UsgaMapEdit *edit = g_new0 (UsgaMapEdit, 1);

  edit->kind = kind;
  return edit;
}

static void
map_edit_free (gpointer data)
{
  UsgaMapEdit *edit = data;

  g_clear_pointer (&edit->corridor, usga_corridor_free);
  g_clear_pointer (&edit->utopia, usga_utopia_free);
  g_free (edit->path);
  g_free (edit);
}

/* On the writing thread, with its read-write connection. */
static gboolean
map_edit_run (UsgaDb *db, gpointer data, GError **error)
{
  UsgaMapEdit *edit = data;

  switch (edit->kind)
    {
    case MAP_EDIT_SAVE_CORRIDOR:    return usga_corridor_save (db, edit->corridor, error);
    case MAP_EDIT_DELETE_CORRIDOR:  return usga_corridor_delete (db, edit->id, error);
    case MAP_EDIT_SAVE_UTOPIA:      return usga_utopia_save (db, edit->utopia, error);
    case MAP_EDIT_IMPORT_CORRIDORS: return usga_corridors_import_file (db, edit->path, &edit->n_imported, error);
    case MAP_EDIT_IMPORT_UTOPIAS:   return usga_utopias_import_file (db, edit->path, &edit->n_imported, error);
    }
  g_return_val_if_reached (FALSE);
}

typedef struct {
  UsgaMapPage     *self;
  GtkWidget       *busy;
  UsgaMapEditDone  done;
} Pending;

static void
map_edit_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *p = user_data;
  g_autoptr(GError) error = NULL;

  usga_store_write_finish (USGA_STORE (source), result, &error);
  if (p->busy)
    {
      gtk_widget_set_sensitive (p->busy, TRUE);
      g_object_unref (p->busy);
    }
  /* A page already disposed (its store cleared) has nothing left to show the answer on. */
  if (p->self->store)
    p->done (p->self, usga_store_write_get_data (result), error);
  g_object_unref (p->self);
  g_free (p);
}

void
usga_map_page_run_edit (UsgaMapPage *self, UsgaMapEdit *edit, GtkWidget *busy, UsgaMapEditDone done)
{
  Pending *p = g_new0 (Pending, 1);

  p->self = g_object_ref (self);
  p->done = done;
  if (busy)
    {
      p->busy = g_object_ref (busy);
      gtk_widget_set_sensitive (busy, FALSE);
    }
  usga_store_write_async (self->store, map_edit_run, edit, map_edit_free, map_edit_ready, p);
}
