/* usga-map-corridor-editor.c — drawing and editing Safe Women's Corridors on the map: the corridor popover
 * form, the drawing mode and its edit bar.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- corridors ---------------------------------------------------------- */

typedef struct {
  UsgaMapPage  *self;
  UsgaCorridor *corridor;
  GtkWidget    *name, *lighting, *cameras, *buttons, *built;
} CorridorForm;

static void
corridor_saved (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  if (error)
    {
      /* The shown corridor is still as stored (the edit worked on a copy); say why. */
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_map_page_close_popover (self);
  usga_page_toast (GTK_WIDGET (self), _("Corridor saved"));
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

static void
corridor_form_save (GtkButton *button, CorridorForm *form)
{
  UsgaMapEdit *edit = usga_map_edit_new (MAP_EDIT_SAVE_CORRIDOR);
  UsgaCorridor *c = edit->corridor = usga_corridor_copy (form->corridor);

  g_free (c->name);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name)));
  c->lighting = gtk_switch_get_active (GTK_SWITCH (form->lighting));
  c->cameras = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (form->cameras));
  c->emergency_buttons = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (form->buttons));
  g_free (c->built);
  c->built = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->built)));
  /* The whole button row waits: no second save, nor a delete, while this one runs. */
  usga_map_page_run_edit (form->self, edit, gtk_widget_get_parent (GTK_WIDGET (button)), corridor_saved);
}

static void
start_drawing (UsgaMapPage *self, UsgaCorridor *draft);

static void
corridor_form_reshape (GtkButton *button, CorridorForm *form)
{
  UsgaCorridor *copy = usga_corridor_copy (form->corridor);

  usga_map_page_close_popover (form->self);
  start_drawing (form->self, copy);
}

static void
corridor_deleted (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  if (error)
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_map_page_close_popover (self);
  usga_page_toast (GTK_WIDGET (self), _("Corridor deleted"));
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

static void
corridor_form_delete (GtkButton *button, CorridorForm *form)
{
  UsgaMapEdit *edit = usga_map_edit_new (MAP_EDIT_DELETE_CORRIDOR);

  edit->id = form->corridor->id;
  usga_map_page_run_edit (form->self, edit, gtk_widget_get_parent (GTK_WIDGET (button)), corridor_deleted);
}

/* The popover's count line, read on a worker. */
typedef struct {
  gint64 inside, outside;
  char  *points_note;   /* which days the points cover, when not the whole period */
} WomenCount;

static void
women_count_free (gpointer data)
{
  WomenCount *w = data;

  g_free (w->points_note);
  g_free (w);
}

static gpointer
women_count_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  WomenCount *w = g_new0 (WomenCount, 1);

  g_ptr_array_add (one, data);
  if (!usga_corridors_women_counts (db, filter, one, CORRIDOR_BUFFER_M, &w->inside, &w->outside, error))
    {
      women_count_free (w);
      return NULL;
    }
  w->points_note = usga_stats_points_note (db, filter);
  return w;
}

static void
women_count_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GtkWidget) label = user_data;
  WomenCount *w = usga_store_query_finish (USGA_STORE (source), result, NULL);
  g_autofree char *n = NULL, *line = NULL;

  /* As before: without a count (or for a popover since replaced), no count line. */
  if (w == NULL)
    return;
  n = usga_format_count (w->inside);
  line = g_strdup_printf (_("Crimes against women within %d m (current period and area): %s"),
                          (int) CORRIDOR_BUFFER_M, n);
  if (w->points_note)
    {
      char *with = g_strdup_printf ("%s\n%s", line, w->points_note);
      g_free (line);
      line = with;
    }
  women_count_free (w);
  gtk_label_set_text (GTK_LABEL (label), line);
  gtk_widget_set_visible (label, TRUE);
}

void
usga_map_page_show_corridor_popover (UsgaMapPage *self, UsgaCorridor *c, double x, double y)
{
  CorridorForm *form = g_new0 (CorridorForm, 1);
  GtkWidget *box = usga_map_popover_box (c->name);
  GtkWidget *grid;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *length = g_strdup_printf (_("Length: %.0f m · colonia: %s"), c->length_m,
                                             c->colonia ? c->colonia : _("unknown"));
  GtkWidget *count_line;

  form->self = self;
  form->corridor = c;
  g_object_set_data_full (G_OBJECT (box), "form", form, g_free);
  usga_map_popover_line (box, length);
  /* Its place is kept; it shows once the count arrives. The newest popover's count replaces any older one. */
  usga_map_popover_line (box, "");
  count_line = gtk_widget_get_last_child (box);
  gtk_widget_set_visible (count_line, FALSE);
  g_cancellable_cancel (self->corridor_count);
  g_clear_object (&self->corridor_count);
  self->corridor_count = g_cancellable_new ();
  usga_store_query_async (self->store, usga_store_get_filter (self->store), women_count_query,
                          usga_corridor_copy (c), (GDestroyNotify) usga_corridor_free, women_count_free,
                          self->corridor_count, women_count_ready, g_object_ref (count_line));

  grid = usga_map_form_grid (c->name, &form->name);
  form->lighting = gtk_switch_new ();
  gtk_widget_set_halign (form->lighting, GTK_ALIGN_START);
  gtk_switch_set_active (GTK_SWITCH (form->lighting), c->lighting);
  usga_map_form_row (grid, 1, _("Lighting"), form->lighting);
  form->cameras = usga_map_form_row (grid, 2, _("Cameras"), gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (form->cameras), c->cameras);
  form->buttons = usga_map_form_row (grid, 3, _("Emergency buttons"), gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (form->buttons), c->emergency_buttons);
  form->built = usga_map_form_row (grid, 4, _("Built (YYYY-MM-DD)"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->built), c->built ? c->built : "");

  usga_map_form_add_button (buttons, _("Delete"), "destructive-action", G_CALLBACK (corridor_form_delete), form);
  usga_map_form_add_button (buttons, _("Edit line"), NULL, G_CALLBACK (corridor_form_reshape), form);
  usga_map_form_finish (box, grid, buttons, G_CALLBACK (corridor_form_save), form);
  usga_map_page_show_popover (self, x, y, box);
}

void
usga_map_page_set_mode (UsgaMapPage *self, Mode mode, const char *hint)
{
  self->mode = mode;
  gtk_widget_set_visible (self->edit_bar, mode == MODE_DRAW_CORRIDOR);
  gtk_widget_set_visible (self->mode_hint, hint != NULL);
  if (hint)
    gtk_label_set_text (GTK_LABEL (self->mode_hint), hint);
  gtk_widget_set_cursor_from_name (self->map, mode == MODE_PLACE_UTOPIA || mode == MODE_MOVE_UTOPIA ? "crosshair" : NULL);
}

static void
start_drawing (UsgaMapPage *self, UsgaCorridor *draft)
{
  g_clear_pointer (&self->draft, usga_corridor_free);
  self->draft = draft;
  self->draft_serial++;
  gtk_editable_set_text (GTK_EDITABLE (self->edit_name), draft->name ? draft->name : "");
  gtk_switch_set_active (GTK_SWITCH (self->layer_switch[LAYER_CORRIDORS]), TRUE);
  usga_corridor_layer_set_editing (self->corridor_layer, draft);
  /* The marker layer lies above and covers the map: let clicks through to the corridor. */
  gtk_widget_set_can_target (GTK_WIDGET (self->utopia_layer), FALSE);
  usga_map_page_set_mode (self, MODE_DRAW_CORRIDOR, NULL);
}

void
usga_map_page_stop_drawing (UsgaMapPage *self)
{
  usga_corridor_layer_set_editing (self->corridor_layer, NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self->utopia_layer), TRUE);
  g_clear_pointer (&self->draft, usga_corridor_free);
  usga_map_page_set_mode (self, MODE_BROWSE, NULL);
}

static void
on_draw_clicked (UsgaMapPage *self)
{
  start_drawing (self, usga_corridor_new ());
}

static void
on_edit_undo (UsgaMapPage *self)
{
  UsgaGeometry *g = self->draft ? self->draft->geometry : NULL;

  if (g == NULL || g->points->len == 0)
    return;
  g_array_set_size (g->points, g->points->len - 1);
  if (g->points->len == 0)
    g_clear_pointer (&self->draft->geometry, usga_geometry_free);
  else
    {
      /* Drop parts left empty, then put the sentinel back at the end. */
      while (g->ring_start->len > 1 && g_array_index (g->ring_start, guint, g->ring_start->len - 2) >= g->points->len)
        g_array_set_size (g->ring_start, g->ring_start->len - 1);
      g_array_index (g->ring_start, guint, g->ring_start->len - 1) = g->points->len;
      usga_geometry_close (g);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->corridor_layer));
}

static void
draft_saved (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  if (error)
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_page_toast (GTK_WIDGET (self), _("Corridor saved"));
  /* Unless the drawing was cancelled meanwhile (and perhaps another begun). */
  if (self->draft && self->draft_serial == edit->draft_serial)
    usga_map_page_stop_drawing (self);
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

static void
on_edit_save (UsgaMapPage *self)
{
  UsgaMapEdit *edit;

  if (self->draft == NULL)
    return;
  g_free (self->draft->name);
  self->draft->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->edit_name)));
  if (self->draft->geometry == NULL || self->draft->geometry->points->len < 2)
    {
      usga_page_toast (GTK_WIDGET (self), _("A corridor needs at least two points: click on the map to add them."));
      return;
    }
  if (*g_strstrip (self->draft->name) == '\0')
    {
      usga_page_toast (GTK_WIDGET (self), _("Give the corridor a name."));
      gtk_widget_grab_focus (self->edit_name);
      return;
    }
  edit = usga_map_edit_new (MAP_EDIT_SAVE_CORRIDOR);
  edit->corridor = usga_corridor_copy (self->draft);
  edit->draft_serial = self->draft_serial;
  usga_map_page_run_edit (self, edit, self->edit_save, draft_saved);
}

void
usga_map_page_setup_corridor_editor (UsgaMapPage *self)
{
  g_signal_connect_swapped (self->draw_button, "clicked", G_CALLBACK (on_draw_clicked), self);
  g_signal_connect_swapped (self->edit_undo, "clicked", G_CALLBACK (on_edit_undo), self);
  g_signal_connect_swapped (self->edit_cancel, "clicked", G_CALLBACK (usga_map_page_stop_drawing), self);
  g_signal_connect_swapped (self->edit_save, "clicked", G_CALLBACK (on_edit_save), self);
}
