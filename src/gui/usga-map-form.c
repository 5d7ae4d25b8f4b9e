/* usga-map-form.c — the edit forms' shared frame in map popovers (corridors, UTOPIAS): a
 * grid that starts with the Name row, labelled rows, and the button row ending in Save.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

GtkWidget *
usga_map_form_row (GtkWidget *grid, int row, const char *label, GtkWidget *widget)
{
  GtkWidget *l = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

GtkWidget *
usga_map_form_grid (const char *name, GtkWidget **name_entry)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  *name_entry = usga_map_form_row (grid, 0, _("Name"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (*name_entry), name ? name : "");
  return grid;
}

GtkWidget *
usga_map_form_add_button (GtkWidget *buttons, const char *label, const char *css_class,
                          GCallback clicked, gpointer form)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  if (css_class)
    gtk_widget_add_css_class (button, css_class);
  g_signal_connect (button, "clicked", clicked, form);
  gtk_box_append (GTK_BOX (buttons), button);
  return button;
}

void
usga_map_form_finish (GtkWidget *box, GtkWidget *grid, GtkWidget *buttons, GCallback save, gpointer form)
{
  GtkWidget *button = usga_map_form_add_button (buttons, _("Save"), "suggested-action", save, form);

  /* Save sits at the far end, apart from the destructive and moving actions. */
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), buttons);
}
