/* usga-map-hotspot-list.c — the list of hot spots beside the map: colonias or grid cells by z-score,
 * a row zooms to its area.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- hot spot list ------------------------------------------------------ */

static void
on_hotspot_activated (GtkListBox *list, GtkListBoxRow *row, UsgaMapPage *self)
{
  guint cell = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "cell"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "colonia"));
  UsgaHotspot *h = self->hotspot_by_id ? g_hash_table_lookup (self->hotspot_by_id, &id) : NULL;
  ShumateMap *map = shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map));

  if (cell > 0 && self->grid && cell <= self->grid->cells->len)
    {
      const UsgaHotspotCell *c = &g_array_index (self->grid->cells, UsgaHotspotCell, cell - 1);
      shumate_map_go_to_full (map, c->lat, c->lon, 15.5);
      usga_area_layer_set_highlight (self->grid_layer, cell);
      return;
    }
  if (h == NULL)
    return;
  shumate_map_go_to_full (map, h->lat, h->lon, 15);
  usga_area_layer_set_highlight (self->colonias, id);
}

static int
compare_cell_z_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const UsgaHotspotCell *cells = data;
  double za = cells[*(const guint *) a].z, zb = cells[*(const guint *) b].z;

  za = isnan (za) ? -INFINITY : za;
  zb = isnan (zb) ? -INFINITY : zb;
  return za < zb ? 1 : za > zb ? -1 : 0;
}

/* The hottest cells, for the grid mode: rows like the colonias', named by their colonia. */
static guint
fill_cell_rows (UsgaMapPage *self, const char *category)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint shown = 0;

  for (guint i = 0; self->grid && i < self->grid->cells->len; i++)
    if (g_array_index (self->grid->cells, UsgaHotspotCell, i).klass >= 1)
      g_array_append_val (order, i);
  if (order->len)
    g_array_sort_with_data (order, compare_cell_z_desc, self->grid->cells->data);
  for (guint k = 0; k < order->len && shown < 20; k++, shown++)
    {
      guint i = g_array_index (order, guint, k);
      const UsgaHotspotCell *c = &g_array_index (self->grid->cells, UsgaHotspotCell, i);
      g_autofree char *count = usga_format_count (c->count);
      g_autofree char *title = g_strdup_printf (_("500 m cell in %s"), c->colonia);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s carpetas · z = %.2f (%s)"), category, count, c->z,
                                                   usga_map_gi_class_text (c->klass));
      GtkWidget *row = adw_action_row_new ();
      GdkRGBA color;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Zoom to this cell"));
      usga_map_gi_color (c->klass, &color);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), usga_map_legend_swatch (&color, FALSE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
      g_object_set_data (G_OBJECT (row), "cell", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (GTK_LIST_BOX (self->hotspot_list), row);
    }
  return shown;
}

static char *
category_text (UsgaMapPage *self)
{
  const char *const *cats = usga_filter_get_categories (usga_store_get_filter (self->store));
  g_autoptr(GString) s = g_string_new (NULL);

  if (usga_filter_get_delito (usga_store_get_filter (self->store)))
    return g_strdup (usga_filter_get_delito (usga_store_get_filter (self->store)));
  if (cats == NULL || cats[0] == NULL)
    return g_strdup (_("All carpetas"));
  for (guint i = 0; cats[i]; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", usga_category_name (cats[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
usga_map_page_fill_hotspot_list (UsgaMapPage *self)
{
  g_autofree char *category = category_text (self);
  gboolean grid = usga_map_page_get_color_by (self) == COLOR_BY_GRID;
  g_autofree char *method = grid
    ? g_strdup_printf (_("Getis-Ord Gi* over %u cells of %.0f m: carpetas for the current filter, "
                         "neighbours within %.0f m of each cell’s centre. "
                         "z ≥ 1.65, 1.96, 2.58: 90, 95, 99 %% confidence."),
                       self->grid ? self->grid->cells->len : 0, GRID_CELL_M, GRID_BAND_M)
    : g_strdup_printf (_("Getis-Ord Gi* over the %u colonias: carpetas for the current filter, "
                         "neighbours within %.0f m of each colonia’s area centroid. "
                         "z ≥ 1.65, 1.96, 2.58: 90, 95, 99 %% confidence.%s%s"),
                       self->hotspots ? self->hotspots->sites->len : 0, HOTSPOT_BAND_M,
                       self->hotspots && self->hotspots->estimate_rule ? " " : "",
                       self->hotspots && self->hotspots->estimate_rule ? self->hotspots->estimate_rule : "");
  guint shown = 0;

  gtk_label_set_text (GTK_LABEL (self->hotspot_method), method);
  usga_page_clear_list (self->hotspot_list);
  if (!usga_map_page_hotspots_apply (self))
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Hot spots compare colonias across the whole alcaldía: choose “Whole alcaldía” as the area to see them."));
      gtk_list_box_append (GTK_LIST_BOX (self->hotspot_list), row);
      return;
    }
  if (grid)
    shown = fill_cell_rows (self, category);
  for (guint i = 0; !grid && self->hotspots && i < self->hotspots->sites->len && shown < 20; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (self->hotspots->sites, i);
      GtkWidget *row;
      g_autofree char *count = NULL, *subtitle = NULL;
      GdkRGBA color;

      if (h->klass < 1)
        continue;
      count = usga_format_count (h->count);
      subtitle = g_strdup_printf (_("%s · %s carpetas · z = %.2f (%s)"), category, count, h->z, usga_map_gi_class_text (h->klass));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), h->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Zoom to this colonia"));
      usga_map_gi_color (h->klass, &color);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), usga_map_legend_swatch (&color, FALSE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
      g_object_set_data (G_OBJECT (row), "colonia", GSIZE_TO_POINTER ((gsize) h->colonia_id));
      gtk_list_box_append (GTK_LIST_BOX (self->hotspot_list), row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     (grid ? self->grid != NULL : self->hotspots != NULL)
                                     ? _("No statistically significant hot spots for this filter")
                                                    : _("Computing…"));
      /* Cells count points: a period without them is not a calm one. */
      if (grid && self->grid && self->points_note)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->points_note);
      gtk_list_box_append (GTK_LIST_BOX (self->hotspot_list), row);
    }
}

void
usga_map_page_setup_hotspot_list (UsgaMapPage *self)
{
  g_signal_connect (self->hotspot_list, "row-activated", G_CALLBACK (on_hotspot_activated), self);
}
