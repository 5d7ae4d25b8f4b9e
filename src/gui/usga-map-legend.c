/* usga-map-legend.c — colouring the colonias (counts, rates, Gi* hot spots, grid cells) and the
 * legend that explains it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- choropleth / hot spot colouring ---------------------------------- */

ColorBy
usga_map_page_get_color_by (UsgaMapPage *self)
{
  return (ColorBy) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_by));
}

void
usga_map_page_color_colonias (UsgaMapPage *self)
{
  guint n = usga_area_layer_get_n_areas (self->colonias);
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  ColorBy by = usga_map_page_get_color_by (self);

  usga_area_layer_clear_fills (self->colonias);
  usga_area_layer_clear_fills (self->grid_layer);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_layer), by == COLOR_BY_GRID && usga_map_page_layer_on (self, LAYER_COLONIAS));
  if (by == COLOR_BY_GRID)
    {
      /* The colonias keep their outlines; the cells carry the colours. */
      for (guint i = 0; self->grid && usga_map_page_hotspots_apply (self) && i < self->grid->cells->len; i++)
        {
          const UsgaHotspotCell *c = &g_array_index (self->grid->cells, UsgaHotspotCell, i);
          UsgaMapArea *a = usga_area_layer_find (self->grid_layer, i + 1);

          if (a && c->klass != 0)
            usga_map_gi_color (c->klass, &a->fill);
        }
      usga_area_layer_changed (self->colonias);
      usga_area_layer_changed (self->grid_layer);
      usga_map_page_rebuild_legend (self);
      return;
    }
  if (by == COLOR_BY_HOTSPOTS)
    {
      for (guint i = 0; self->hotspot_by_id && usga_map_page_hotspots_apply (self) && i < n; i++)
        {
          UsgaMapArea *a = usga_area_layer_get_area (self->colonias, i);
          UsgaHotspot *h = g_hash_table_lookup (self->hotspot_by_id, &a->id);
          if (h)
            usga_map_gi_color (h->klass, &a->fill);
        }
      usga_area_layer_changed (self->colonias);
      usga_map_page_rebuild_legend (self);
      return;
    }

  for (guint i = 0; self->colonia_rows && i < n; i++)
    {
      UsgaMapArea *a = usga_area_layer_get_area (self->colonias, i);
      UsgaStatRow *row = g_hash_table_lookup (self->colonia_rows, &a->id);
      values[i] = row == NULL ? 0 : by == COLOR_BY_RATE ? row->rate : (double) row->count;
    }
  usga_map_quantile_breaks (values, n, self->breaks);
  for (guint i = 0; self->colonia_rows && i < n; i++)
    {
      UsgaMapArea *a = usga_area_layer_get_area (self->colonias, i);
      if (isfinite (values[i]) && values[i] > 0)
        usga_map_class_color (usga_map_class_of (self->breaks, values[i]), &a->fill);
      else
        gdk_rgba_parse (&a->fill, "rgba(255,255,255,0.35)");
    }
  usga_area_layer_changed (self->colonias);
  usga_map_page_rebuild_legend (self);
}

/* --- the legend --------------------------------------------------------- */

static void
legend_heading (GtkWidget *box, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_margin_top (label, 4);
  gtk_box_append (GTK_BOX (box), label);
}

static void
legend_note (GtkWidget *box, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
}

static char *
format_value (double v, gboolean rate)
{
  return rate ? usga_format_rate (v) : usga_format_count ((gint64) llround (v));
}

gboolean
usga_map_page_layer_on (UsgaMapPage *self, LayerId id)
{
  return self->layer_switch[id] && gtk_switch_get_active (GTK_SWITCH (self->layer_switch[id]));
}

void
usga_map_page_rebuild_legend (UsgaMapPage *self)
{
  GtkWidget *box = self->legend_box;
  GtkWidget *child;
  GdkRGBA color;
  g_autofree char *filter = NULL;

  if (self->store == NULL)
    return;
  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);

  filter = usga_map_page_filter_description (self);
  legend_heading (box, filter);

  if (usga_map_page_layer_on (self, LAYER_COLONIAS))
    {
      ColorBy by = usga_map_page_get_color_by (self);

      if (by == COLOR_BY_HOTSPOTS || by == COLOR_BY_GRID)
        {
          g_autofree char *method = NULL;

          legend_heading (box, by == COLOR_BY_GRID ? _("Hot spots (Getis-Ord Gi*) in 500 m cells")
                                                   : _("Hot spots (Getis-Ord Gi*) by colonia"));
          for (int k = 3; k >= -3; k--)
            {
              if (k == 0)
                continue;
              usga_map_gi_color (k, &color);
              gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, usga_map_gi_class_text (k)));
            }
          if (by == COLOR_BY_GRID)
            method = g_strdup_printf (_("Carpetas per %.0f m cell; binary weights for cells whose centres are within "
                                        "%.0f m (the cell itself included); n = %u cells."),
                                      GRID_CELL_M, GRID_BAND_M, self->grid ? self->grid->cells->len : 0);
          else
            method = g_strdup_printf (_("Carpetas per colonia; binary weights for colonias whose area centroids are "
                                        "within %.0f m (the colonia itself included); n = %u colonias."),
                                      HOTSPOT_BAND_M, usga_area_layer_get_n_areas (self->colonias));
          legend_note (box, method);
          /* The cells count geolocated carpetas only. */
          if (by == COLOR_BY_GRID && self->points_note)
            legend_note (box, self->points_note);
        }
      else
        {
          gboolean rate = by == COLOR_BY_RATE;

          legend_heading (box, rate ? _("Carpetas per 100 000 inhabitants, by colonia (quintiles)")
                                    : _("Carpetas by colonia (quintiles)"));
          for (int k = USGA_N_CLASSES - 1; k >= 0; k--)
            {
              g_autofree char *lo = format_value (self->breaks[k], rate);
              g_autofree char *hi = format_value (self->breaks[k + 1], rate);
              g_autofree char *text = g_strdup_printf ("%s – %s", lo, hi);
              usga_map_class_color (k, &color);
              gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, text));
            }
          gdk_rgba_parse (&color, "rgba(255,255,255,0.6)");
          gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, rate ? _("none or no population")
                                                                                  : _("none")));
        }
      /* Method notes shared by both colourings: estimates before 2024, carpetas not drawn. */
      if (self->colonia_stats && self->colonia_stats->estimate_rule)
        legend_note (box, self->colonia_stats->estimate_rule);
      if (self->colonia_stats && usga_placement_not_located (self->colonia_stats) > 0)
        {
          g_autofree char *n = usga_format_count (usga_placement_not_located (self->colonia_stats));
          g_autofree char *outside = g_strdup_printf (_("%s carpetas lie in no colonia (not located) and are not coloured."), n);
          legend_note (box, outside);
        }
    }

  if (usga_map_page_layer_on (self, LAYER_INCIDENTS))
    {
      UsgaMapTransform t;
      guint max = usga_bin_layer_get_max_count (self->incidents);

      usga_map_transform_init (&t, usga_map_page_get_viewport (self), gtk_widget_get_width (self->map), gtk_widget_get_height (self->map));
      if (t.zoom >= USGA_BIN_POINTS_ZOOM)
        {
          legend_heading (box, _("Carpetas, one dot each"));
          legend_note (box, _("FGJ displaces coordinates about 200 m to protect victims: a dot marks the area, not the address."));
        }
      else
        {
          g_autofree char *across = g_strdup_printf (_("Carpetas per hexagon (about %.0f m across)"),
                                                     USGA_BIN_RADIUS_PX * 2 * usga_map_transform_metres_per_pixel (&t));
          legend_heading (box, across);
          for (int k = USGA_N_CLASSES - 1; k >= 0 && max > 0; k--)
            {
              /* The classes usga_bin_draw() uses: equal fifths of the largest count. */
              guint lo = (guint) ceil ((double) k * MAX (max, 1) / USGA_N_CLASSES) + 1;
              guint hi = (guint) ceil ((double) (k + 1) * MAX (max, 1) / USGA_N_CLASSES);
              g_autofree char *text = NULL;

              if (k == 0)
                lo = 1;
              if (lo > hi)
                continue;
              text = lo == hi ? g_strdup_printf ("%u", lo) : g_strdup_printf ("%u – %u", lo, hi);
              usga_bin_color (k, &color);
              gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, text));
            }
          legend_note (box, _("Zoom to 16 or closer to see individual carpetas."));
        }
      if (self->points_note)
        legend_note (box, self->points_note);
    }

  if (usga_map_page_layer_on (self, LAYER_SECTORS))
    {
      usga_map_feature_color (USGA_MAP_SECTOR, 1, &color);
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, _("Police sector boundary")));
    }
  if (usga_map_page_layer_on (self, LAYER_CUADRANTES))
    {
      usga_map_feature_color (USGA_MAP_CUADRANTE, 1, &color);
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, _("Cuadrante boundary")));
    }
  if (usga_map_page_layer_on (self, LAYER_UTOPIAS))
    {
      g_autofree char *text = g_strdup_printf (_("UTOPIA community centre (%u): green open, orange under construction, grey planned"),
                                               self->utopias ? self->utopias->len : 0);
      usga_map_feature_color (USGA_MAP_UTOPIA, 1, &color);
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, text));
    }
  if (usga_map_page_layer_on (self, LAYER_CORRIDORS))
    {
      g_autofree char *buffer = g_strdup_printf (_("%d m buffer"), (int) CORRIDOR_BUFFER_M);
      g_autofree char *title = g_strdup_printf (_("Safe Women’s Corridor (%u)"), self->corridors ? self->corridors->len : 0);
      usga_map_feature_color (USGA_MAP_CORRIDOR, 1, &color);
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, title));
      usga_map_feature_color (USGA_MAP_CORRIDOR, 0.3, &color);   /* the layer's buffer, a little stronger to read */
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, buffer));
    }
  legend_note (box, _("Sources: FGJ carpetas de investigación; IECM colonias; SSC cuadrantes; INEGI 2020 census."));
}

static void
on_viewport_changed (UsgaMapPage *self)
{
  UsgaMapTransform t;

  /* The bin legend depends on the zoom; rebuild it when the integer zoom changes. */
  usga_map_transform_init (&t, usga_map_page_get_viewport (self), 1, 1);
  if ((guint) floor (t.zoom) != self->legend_zoom)
    {
      self->legend_zoom = (guint) floor (t.zoom);
      if (usga_map_page_layer_on (self, LAYER_INCIDENTS))
        usga_map_page_rebuild_legend (self);
    }
}

/* Call once the map has its viewport (the bin legend follows the zoom). */
void
usga_map_page_setup_legend (UsgaMapPage *self)
{
  g_signal_connect_object (usga_map_page_get_viewport (self), "notify::zoom-level",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}
