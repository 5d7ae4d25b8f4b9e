/* usga-map-layers.c — the map page's basemap (our tile source over a blank background, offline banner)
 * and its layer panel (a switch and an opacity per layer, the colouring mode).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- basemap and offline state ---------------------------------------- */

void
usga_map_page_update_offline (UsgaMapPage *self)
{
  gboolean no_basemap = self->tiles == NULL;
  gboolean offline = !no_basemap && (!g_network_monitor_get_network_available (self->monitor) ||
                                     usga_tile_data_source_get_offline (self->tiles));
  gboolean basemap_on = gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_BASEMAP]));

  if (no_basemap)
    gtk_label_set_text (GTK_LABEL (self->offline_label),
                        _("No basemap is configured: showing the dashboard’s layers on a plain background."));
  else
    gtk_label_set_text (GTK_LABEL (self->offline_label),
                        _("The basemap is offline: showing the dashboard’s layers on a plain background."));
  gtk_widget_set_visible (self->offline_banner, basemap_on && (offline || no_basemap));
}

/* The raster tiles lie over the neutral background, so tiles that cannot load leave the
 * background (and our layers) rather than a hole. Rebuilt when the tile settings change. */
static void
setup_tiles (UsgaMapPage *self)
{
  ShumateViewport *viewport = usga_map_page_get_viewport (self);
  g_autofree char *url = g_settings_get_string (self->settings, "tile-url");
  g_autofree char *attribution = g_settings_get_string (self->settings, "tile-attribution");
  int max_zoom = g_settings_get_int (self->settings, "tile-max-zoom");

  if (self->tile_layer)
    shumate_simple_map_remove_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->tile_layer));
  self->tile_layer = NULL;
  if (self->tiles)
    g_signal_handlers_disconnect_by_data (self->tiles, self);
  g_clear_object (&self->tiles);

  shumate_viewport_set_max_zoom_level (viewport, CLAMP (max_zoom, 10, 20));
  if (url && *url)
    {
      g_autoptr(ShumateRasterRenderer) renderer = NULL;

      self->tiles = usga_tile_data_source_new (url, NULL);
      renderer = shumate_raster_renderer_new_full ("usga-basemap", _("Basemap"), attribution, NULL,
                                                   0, max_zoom, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                   SHUMATE_DATA_SOURCE (self->tiles));
      self->tile_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (renderer), viewport);
      /* The header's insert_overlay_layer() is not exported by libshumate 1.0.3; the map's
       * own insert is. Below our layers when they exist, else simply first. */
      if (self->colonias)
        shumate_map_insert_layer_behind (shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map)),
                                         SHUMATE_LAYER (self->tile_layer), SHUMATE_LAYER (self->colonias));
      else
        shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->tile_layer));
      g_signal_connect_swapped (self->tiles, "notify::offline", G_CALLBACK (usga_map_page_update_offline), self);
      if (self->layer_switch[LAYER_BASEMAP])
        {
          gtk_widget_set_visible (GTK_WIDGET (self->tile_layer),
                                  gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_BASEMAP])));
          gtk_widget_set_opacity (GTK_WIDGET (self->tile_layer),
                                  gtk_range_get_value (GTK_RANGE (self->layer_opacity[LAYER_BASEMAP])));
        }
    }
  gtk_button_set_label (GTK_BUTTON (self->attribution_link),
                        attribution && *attribution ? attribution : "© OpenStreetMap contributors");
  gtk_widget_set_visible (gtk_widget_get_parent (self->attribution_link), self->tiles != NULL);
  /* "Report a map issue" goes to OpenStreetMap: only for OpenStreetMap tiles. */
  gtk_widget_set_visible (self->fixthemap_link, url && strstr (url, "openstreetmap.org") != NULL);
  if (self->layer_switch[LAYER_BASEMAP])
    usga_map_page_update_offline (self);
}

void
usga_map_page_setup_basemap (UsgaMapPage *self)
{
  ShumateViewport *viewport = usga_map_page_get_viewport (self);
  g_autoptr(ShumateMapSource) blank = usga_blank_map_source_new ();

  shumate_simple_map_set_map_source (SHUMATE_SIMPLE_MAP (self->map), blank);
  shumate_viewport_set_min_zoom_level (viewport, 9);
  setup_tiles (self);
  g_signal_connect_object (self->settings, "changed::tile-url", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tile-attribution", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tile-max-zoom", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-available", G_CALLBACK (usga_map_page_update_offline), self, G_CONNECT_SWAPPED);
}

/* --- layer panel ------------------------------------------------------- */

static GtkWidget *
layer_widget (UsgaMapPage *self, LayerId id)
{
  switch (id)
    {
    case LAYER_BASEMAP:    return self->tile_layer ? GTK_WIDGET (self->tile_layer) : NULL;
    case LAYER_COLONIAS:   return GTK_WIDGET (self->colonias);
    case LAYER_CUADRANTES: return GTK_WIDGET (self->cuadrantes);
    case LAYER_SECTORS:    return GTK_WIDGET (self->sectors);
    case LAYER_INCIDENTS:  return GTK_WIDGET (self->incidents);
    case LAYER_UTOPIAS:    return GTK_WIDGET (self->utopia_layer);
    case LAYER_CORRIDORS:  return GTK_WIDGET (self->corridor_layer);
    default:               return NULL;
    }
}

static void
on_layer_toggled (GtkSwitch *sw, GParamSpec *pspec, UsgaMapPage *self)
{
  LayerId id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sw), "layer"));
  GtkWidget *layer = layer_widget (self, id);

  if (layer)
    gtk_widget_set_visible (layer, gtk_switch_get_active (sw));
  if (id == LAYER_BASEMAP)
    usga_map_page_update_offline (self);
  if (id == LAYER_COLONIAS)
    gtk_widget_set_visible (GTK_WIDGET (self->grid_layer),
                            gtk_switch_get_active (sw) && usga_map_page_get_color_by (self) == COLOR_BY_GRID);
  usga_map_page_rebuild_legend (self);
}

static void
on_opacity_changed (GtkRange *range, UsgaMapPage *self)
{
  LayerId id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (range), "layer"));
  GtkWidget *layer = layer_widget (self, id);

  if (layer)
    gtk_widget_set_opacity (layer, gtk_range_get_value (range));
}

static void
add_layer_row (UsgaMapPage *self, LayerId id, const char *title, const char *subtitle, gboolean active,
               double opacity, GtkWidget *extra)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.1, 1.0, 0.05);
  GtkWidget *opacity_row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (sw), "layer", GINT_TO_POINTER (id));
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_layer_toggled), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (opacity_row), _("Opacity"));
  gtk_range_set_value (GTK_RANGE (scale), opacity);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 140, -1);
  g_object_set_data (G_OBJECT (scale), "layer", GINT_TO_POINTER (id));
  g_signal_connect (scale, "value-changed", G_CALLBACK (on_opacity_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opacity"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (opacity_row), scale);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), opacity_row);
  if (extra)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), extra);

  gtk_list_box_append (GTK_LIST_BOX (self->layer_list), row);
  self->layer_switch[id] = sw;
  self->layer_opacity[id] = scale;
  if (layer_widget (self, id))
    {
      gtk_widget_set_visible (layer_widget (self, id), active);
      gtk_widget_set_opacity (layer_widget (self, id), opacity);
    }
}

void
usga_map_page_build_layer_panel (UsgaMapPage *self)
{
  const char *modes[] = { _("Carpetas"), _("Rate per 100 000"), _("Hot spots (Gi*)"), _("Hot spots, 500 m cells"), NULL };
  GtkWidget *color_row = adw_action_row_new ();

  self->color_by = gtk_drop_down_new_from_strings (modes);
  gtk_widget_set_valign (self->color_by, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour by"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), self->color_by);
  g_signal_connect_swapped (self->color_by, "notify::selected", G_CALLBACK (usga_map_page_color_colonias), self);
  g_signal_connect_swapped (self->color_by, "notify::selected", G_CALLBACK (usga_map_page_fill_hotspot_list), self);

  add_layer_row (self, LAYER_BASEMAP, _("Basemap"), _("OpenStreetMap tiles"), TRUE, 1.0, NULL);
  add_layer_row (self, LAYER_COLONIAS, _("Colonias"), _("Choropleth or hot spots for the filter"), TRUE, 0.6, color_row);
  add_layer_row (self, LAYER_SECTORS, _("Police sectors"), NULL, TRUE, 0.9, NULL);
  add_layer_row (self, LAYER_CUADRANTES, _("Cuadrantes"), NULL, FALSE, 0.8, NULL);
  add_layer_row (self, LAYER_INCIDENTS, _("Carpetas"), _("Hexagon bins; points from zoom 16"), FALSE, 0.9, NULL);
  add_layer_row (self, LAYER_UTOPIAS, _("UTOPIAS"), _("Community centres"), TRUE, 1.0, NULL);
  add_layer_row (self, LAYER_CORRIDORS, _("Safe Women’s Corridors"), NULL, TRUE, 1.0, NULL);
}
