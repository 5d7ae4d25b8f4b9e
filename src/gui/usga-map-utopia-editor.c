/* usga-map-utopia-editor.c — placing, moving and editing UTOPIAS centres on the map.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- UTOPIAS ---------------------------------------------------------- */

typedef struct {
  UsgaMapPage *self;
  UsgaUtopia  *utopia;   /* owned by the form when new (id 0) */
  GtkWidget   *name, *status, *opened, *services;
} UtopiaForm;

static const char *const utopia_statuses[] = { "open", "construction", "planned", NULL };

static void
utopia_form_free (gpointer data)
{
  UtopiaForm *form = data;

  if (form->utopia && form->utopia->id == 0)
    usga_utopia_free (form->utopia);
  g_free (form);
}

static void
utopia_saved (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  if (error)
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_page_toast (GTK_WIDGET (self), _("UTOPIA centre saved"));
  usga_map_page_close_popover (self);
  usga_map_page_reload_features (self);
}

static void
utopia_form_save (GtkButton *button, UtopiaForm *form)
{
  UsgaMapEdit *edit = usga_map_edit_new (MAP_EDIT_SAVE_UTOPIA);
  UsgaUtopia *u = edit->utopia = usga_utopia_new ();

  /* The writer validates a copy, so a refused edit leaves the shown centre as stored. */
  u->id = form->utopia->id;
  u->lat = form->utopia->lat;
  u->lon = form->utopia->lon;
  u->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name)));
  g_free (u->status);
  u->status = g_strdup (utopia_statuses[gtk_drop_down_get_selected (GTK_DROP_DOWN (form->status))]);
  u->opened = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->opened)));
  g_free (u->services);
  u->services = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->services)));
  g_free (u->origin);
  u->origin = g_strdup (form->utopia->origin ? form->utopia->origin : "user");
  /* The button row (Move, Save) waits for the answer: no second save meanwhile. */
  usga_map_page_run_edit (form->self, edit, gtk_widget_get_parent (GTK_WIDGET (button)), utopia_saved);
}

static void
utopia_moved (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  if (error)
    {
      usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_page_toast (GTK_WIDGET (self), _("UTOPIA centre moved"));
  usga_map_page_reload_features (self);
}

/* A click in MODE_MOVE_UTOPIA: the centre being moved goes to (@lon, @lat) once stored. */
void
usga_map_page_move_utopia (UsgaMapPage *self, double lon, double lat)
{
  for (guint i = 0; self->utopias && i < self->utopias->len; i++)
    {
      UsgaUtopia *u = g_ptr_array_index (self->utopias, i);
      UsgaMapEdit *edit;

      if (u->id != self->moving_utopia)
        continue;
      edit = usga_map_edit_new (MAP_EDIT_SAVE_UTOPIA);
      edit->utopia = usga_utopia_copy (u);
      edit->utopia->lat = lat, edit->utopia->lon = lon;
      usga_map_page_run_edit (self, edit, NULL, utopia_moved);
      return;
    }
}

static void
utopia_form_move (GtkButton *button, UtopiaForm *form)
{
  UsgaMapPage *self = form->self;

  self->moving_utopia = form->utopia->id;
  usga_map_page_close_popover (self);
  usga_map_page_set_mode (self, MODE_MOVE_UTOPIA, _("Click the centre’s new place on the map (Esc cancels)."));
}

GtkWidget *
usga_map_page_utopia_form (UsgaMapPage *self, UsgaUtopia *u)
{
  UtopiaForm *form = g_new0 (UtopiaForm, 1);
  GtkWidget *box = usga_map_popover_box (u->id ? u->name : _("New UTOPIA centre"));
  GtkWidget *grid;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *status_names[] = { usga_utopia_status_name ("open"), usga_utopia_status_name ("construction"),
                                 usga_utopia_status_name ("planned"), NULL };

  form->self = self;
  form->utopia = u;
  g_object_set_data_full (G_OBJECT (box), "form", form, utopia_form_free);
  if (u->id)
    {
      g_autofree char *n = usga_format_count (usga_map_page_points_within (self, u->lon, u->lat, UTOPIA_RADIUS_M));
      g_autofree char *line = g_strdup_printf (_("Carpetas within %d m for the current filter: %s"), (int) UTOPIA_RADIUS_M, n);
      g_autofree char *where = g_strdup_printf (_("Colonia: %s"), u->colonia ? u->colonia : _("unknown"));
      usga_map_popover_line (box, where);
      usga_map_popover_line (box, line);
    }
  grid = usga_map_form_grid (u->name, &form->name);
  form->status = usga_map_form_row (grid, 1, _("Status"), gtk_drop_down_new_from_strings (status_names));
  for (guint i = 0; utopia_statuses[i]; i++)
    if (g_strcmp0 (u->status, utopia_statuses[i]) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (form->status), i);
  form->opened = usga_map_form_row (grid, 2, _("Opened (YYYY-MM-DD)"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->opened), u->opened ? u->opened : "");
  form->services = usga_map_form_row (grid, 3, _("Services"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->services), _("e.g. pool, library, clinic"));
  gtk_editable_set_text (GTK_EDITABLE (form->services), u->services ? u->services : "");

  if (u->id)
    usga_map_form_add_button (buttons, _("Move"), NULL, G_CALLBACK (utopia_form_move), form);
  usga_map_form_finish (box, grid, buttons, G_CALLBACK (utopia_form_save), form);
  return box;
}

static void
on_utopia_clicked (GtkButton *button, UsgaMapPage *self)
{
  UsgaUtopia *u = g_object_get_data (G_OBJECT (button), "utopia");
  graphene_point_t p;

  if (!gtk_widget_compute_point (GTK_WIDGET (button), self->map,
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (button)) / 2.0,
                                                       gtk_widget_get_height (GTK_WIDGET (button)) / 2.0), &p))
    return;
  usga_map_page_show_popover (self, p.x, p.y, usga_map_page_utopia_form (self, u));
}

void
usga_map_page_load_utopia_markers (UsgaMapPage *self)
{
  shumate_marker_layer_remove_all (self->utopia_layer);
  for (guint i = 0; self->utopias && i < self->utopias->len; i++)
    {
      UsgaUtopia *u = g_ptr_array_index (self->utopias, i);
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css = g_strdup_printf ("utopia-%s", u->status);
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s · %s", u->name, usga_utopia_status_name (u->status),
                                                  u->opened ? u->opened : _("opening date unknown"));

      gtk_widget_add_css_class (button, "utopia-marker");
      gtk_widget_add_css_class (button, css);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, u->name, -1);
      g_object_set_data (G_OBJECT (button), "utopia", u);
      g_signal_connect (button, "clicked", G_CALLBACK (on_utopia_clicked), self);
      shumate_marker_set_child (marker, button);
      shumate_location_set_location (SHUMATE_LOCATION (marker), u->lat, u->lon);
      shumate_marker_layer_add_marker (self->utopia_layer, marker);
    }
}

static void
on_add_utopia_clicked (UsgaMapPage *self)
{
  gtk_switch_set_active (GTK_SWITCH (self->layer_switch[LAYER_UTOPIAS]), TRUE);
  usga_map_page_set_mode (self, MODE_PLACE_UTOPIA, _("Click the new centre’s place on the map (Esc cancels)."));
}

void
usga_map_page_setup_utopia_editor (UsgaMapPage *self)
{
  g_signal_connect_swapped (self->add_utopia_button, "clicked", G_CALLBACK (on_add_utopia_clicked), self);
}
