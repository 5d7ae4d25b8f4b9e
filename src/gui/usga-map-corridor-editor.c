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
corridor_form_save (GtkButton *button, CorridorForm *form)
{
  UsgaMapPage *self = form->self;
  UsgaCorridor *c = form->corridor;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_name = g_strdup (c->name), *old_built = g_strdup (c->built);
  gboolean old_lighting = c->lighting;
  int old_cameras = c->cameras, old_buttons = c->emergency_buttons;

  g_free (c->name);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name)));
  c->lighting = gtk_switch_get_active (GTK_SWITCH (form->lighting));
  c->cameras = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (form->cameras));
  c->emergency_buttons = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (form->buttons));
  g_free (c->built);
  c->built = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->built)));
  if (!usga_corridor_save (usga_store_get_db (self->store), c, &error))
    {
      /* Keep what was stored; say why. */
      g_free (c->name), c->name = g_steal_pointer (&old_name);
      g_free (c->built), c->built = g_steal_pointer (&old_built);
      c->lighting = old_lighting, c->cameras = old_cameras, c->emergency_buttons = old_buttons;
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_map_page_close_popover (self);
  usga_page_toast (GTK_WIDGET (self), _("Corridor saved"));
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

static void
start_drawing (UsgaMapPage *self, UsgaCorridor *draft);

static void
corridor_form_reshape (GtkButton *button, CorridorForm *form)
{
  UsgaCorridor *copy = usga_corridor_new ();
  UsgaCorridor *c = form->corridor;

  copy->id = c->id;
  copy->name = g_strdup (c->name);
  copy->colonia_id = c->colonia_id;
  copy->geometry = usga_geometry_copy (c->geometry);
  copy->lighting = c->lighting;
  copy->cameras = c->cameras;
  copy->emergency_buttons = c->emergency_buttons;
  copy->built = g_strdup (c->built);
  g_free (copy->origin), copy->origin = g_strdup (c->origin);
  copy->properties = g_strdup (c->properties);
  usga_map_page_close_popover (form->self);
  start_drawing (form->self, copy);
}

static void
corridor_form_delete (GtkButton *button, CorridorForm *form)
{
  UsgaMapPage *self = form->self;
  g_autoptr(GError) error = NULL;

  if (!usga_corridor_delete (usga_store_get_db (self->store), form->corridor->id, &error))
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_map_page_close_popover (self);
  usga_page_toast (GTK_WIDGET (self), _("Corridor deleted"));
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

void
usga_map_page_show_corridor_popover (UsgaMapPage *self, UsgaCorridor *c, double x, double y)
{
  CorridorForm *form = g_new0 (CorridorForm, 1);
  GtkWidget *box = usga_map_popover_box (c->name);
  GtkWidget *grid;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *length = g_strdup_printf (_("Length: %.0f m · colonia: %s"), c->length_m,
                                             c->colonia ? c->colonia : _("unknown"));
  gint64 inside = 0, outside = 0;

  form->self = self;
  form->corridor = c;
  g_object_set_data_full (G_OBJECT (box), "form", form, g_free);
  usga_map_popover_line (box, length);

  g_ptr_array_add (one, c);
  if (usga_corridors_women_counts (usga_store_get_db (self->store), usga_store_get_filter (self->store), one,
                                   CORRIDOR_BUFFER_M, &inside, &outside, NULL))
    {
      g_autofree char *n = usga_format_count (inside);
      g_autofree char *line = g_strdup_printf (_("Crimes against women within %d m (current period and area): %s"),
                                               (int) CORRIDOR_BUFFER_M, n);
      usga_map_popover_line (box, line);
    }

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
on_edit_save (UsgaMapPage *self)
{
  g_autoptr(GError) error = NULL;

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
  if (!usga_corridor_save (usga_store_get_db (self->store), self->draft, &error))
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_page_toast (GTK_WIDGET (self), _("Corridor saved"));
  usga_map_page_stop_drawing (self);
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

void
usga_map_page_setup_corridor_editor (UsgaMapPage *self)
{
  g_signal_connect_swapped (self->draw_button, "clicked", G_CALLBACK (on_draw_clicked), self);
  g_signal_connect_swapped (self->edit_undo, "clicked", G_CALLBACK (on_edit_undo), self);
  g_signal_connect_swapped (self->edit_cancel, "clicked", G_CALLBACK (usga_map_page_stop_drawing), self);
  g_signal_connect_swapped (self->edit_save, "clicked", G_CALLBACK (on_edit_save), self);
}
