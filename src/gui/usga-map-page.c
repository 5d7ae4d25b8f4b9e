/* usga-map-page.c — the map: an OSM basemap through our own tile data source over a neutral
 * background, and our layers (colonias choropleth or Gi* hot spots, cuadrantes, sectors,
 * binned incidents, UTOPIAS, Safe Women's Corridors) with a layer panel, legend, popovers,
 * editing and export.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

G_DEFINE_FINAL_TYPE (UsgaMapPage, usga_map_page, GTK_TYPE_WIDGET)

ShumateViewport *
usga_map_page_get_viewport (UsgaMapPage *self)
{
  return shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));
}

gboolean
usga_map_page_hotspots_apply (UsgaMapPage *self)
{
  return usga_filter_get_area_level (usga_store_get_filter (self->store)) == USGA_AREA_LEVEL_ALCALDIA;
}

/* --- clicks on the map ------------------------------------------------ */

static void
on_map_released (GtkGestureClick *gesture, int n_press, double x, double y, UsgaMapPage *self)
{
  UsgaMapTransform t;
  double lon, lat;

  if (n_press != 1 || self->mode == MODE_DRAW_CORRIDOR)
    return;
  /* Markers and the map's own buttons handle their clicks themselves. */
  for (GtkWidget *w = gtk_widget_pick (self->map, x, y, GTK_PICK_DEFAULT); w && w != self->map; w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w))
      return;
  usga_map_transform_init (&t, usga_map_page_get_viewport (self), gtk_widget_get_width (self->map), gtk_widget_get_height (self->map));
  usga_map_transform_to_lonlat (&t, x, y, &lon, &lat);

  if (self->mode == MODE_PLACE_UTOPIA)
    {
      UsgaUtopia *u = usga_utopia_new ();
      u->lat = lat, u->lon = lon;
      usga_map_page_set_mode (self, MODE_BROWSE, NULL);
      usga_map_page_show_popover (self, x, y, usga_map_page_utopia_form (self, u));
      return;
    }
  if (self->mode == MODE_MOVE_UTOPIA)
    {
      usga_map_page_set_mode (self, MODE_BROWSE, NULL);
      usga_map_page_move_utopia (self, lon, lat);
      return;
    }

  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_CORRIDORS])))
    {
      UsgaCorridor *c = usga_corridor_layer_pick (self->corridor_layer, x, y);
      if (c)
        {
          usga_map_page_show_corridor_popover (self, c, x, y);
          return;
        }
    }
  /* Grid cells (in that mode) and the finer boundaries lie above the colonias: they answer first. */
  if (usga_map_page_show_cell_popover (self, x, y) ||
      usga_map_page_show_area_popover (self, LAYER_CUADRANTES, self->cuadrantes, USGA_AREA_LEVEL_CUADRANTE, x, y) ||
      usga_map_page_show_area_popover (self, LAYER_SECTORS, self->sectors, USGA_AREA_LEVEL_SECTOR, x, y))
    return;
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_COLONIAS])))
    {
      UsgaMapArea *area = usga_area_layer_pick (self->colonias, x, y);
      if (area)
        {
          usga_map_page_show_colonia_popover (self, area, x, y);
          return;
        }
    }
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_INCIDENTS])) &&
      !usga_bin_layer_get_showing_points (self->incidents))
    {
      guint n = usga_bin_layer_count_at (self->incidents, x, y);
      g_autofree char *count = usga_format_count (n);
      g_autofree char *title = g_strdup_printf (_("%s carpetas in this hexagon"), count);
      g_autofree char *filter = usga_map_page_filter_description (self);
      GtkWidget *box;

      if (n == 0)
        return;
      box = usga_map_popover_box (title);
      usga_map_popover_line (box, filter);
      usga_map_page_show_popover (self, x, y, box);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state, UsgaMapPage *self)
{
  if (keyval != GDK_KEY_Escape || self->mode == MODE_BROWSE)
    return FALSE;
  if (self->mode == MODE_DRAW_CORRIDOR)
    usga_map_page_stop_drawing (self);
  else
    usga_map_page_set_mode (self, MODE_BROWSE, NULL);
  return TRUE;
}

/* --- data for the current filter --------------------------------------- */

typedef struct {
  GArray          *points;
  UsgaHotspots    *hotspots;
  UsgaHotspotGrid *grid;
  gint64           women_inside, women_outside;
  char            *points_note;
} MapData;

static void
map_data_free (gpointer data)
{
  MapData *d = data;

  g_clear_pointer (&d->points, g_array_unref);
  g_clear_pointer (&d->hotspots, usga_hotspots_free);
  g_clear_pointer (&d->grid, usga_hotspot_grid_free);
  g_free (d->points_note);
  g_free (d);
}

/* Runs on one of the store's workers, with its read-only connection. */
static gpointer
map_data_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  g_autoptr(GPtrArray) corridors = NULL;
  MapData *d = g_new0 (MapData, 1);

  d->points = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  if (!usga_stats_points (db, filter, d->points, error) ||
      (d->hotspots = usga_hotspots_compute (db, filter, HOTSPOT_BAND_M, error)) == NULL ||
      (d->grid = usga_hotspot_grid_compute (db, d->points, GRID_CELL_M, GRID_BAND_M, error)) == NULL ||
      (corridors = usga_corridors_load (db, error)) == NULL ||
      !usga_corridors_women_counts (db, filter, corridors, CORRIDOR_BUFFER_M, &d->women_inside, &d->women_outside, error))
    {
      map_data_free (d);
      return NULL;
    }
  d->points_note = usga_stats_points_note (db, filter);
  return d;
}

static void
update_women_label (UsgaMapPage *self)
{
  g_autofree char *in = usga_format_count (self->women_inside);
  g_autofree char *out = usga_format_count (self->women_outside);
  g_autofree char *text = NULL;

  if (self->corridors == NULL || self->corridors->len == 0)
    text = g_strdup (_("No Safe Women’s Corridors yet: import a GeoJSON, KML or GPX file, or draw one."));
  else
    {
      text = g_strdup_printf (_("Crimes against women (domestic violence, sexual crimes, femicide) in the current period and area: "
                                "%s within %d m of a corridor, %s elsewhere."), in, (int) CORRIDOR_BUFFER_M, out);
      /* Only geolocated carpetas can be near a corridor: say which days those are. */
      if (self->points_note)
        {
          char *with = g_strdup_printf ("%s %s", text, self->points_note);
          g_free (text);
          text = with;
        }
    }
  gtk_label_set_text (GTK_LABEL (self->women_label), text);
}

/* The cells never move (they cover the colonias): the layer is built once; only their colours
 * follow the filter. */
static void
build_grid_layer (UsgaMapPage *self)
{
  if (self->grid == NULL || usga_area_layer_get_n_areas (self->grid_layer) > 0)
    return;
  for (guint i = 0; i < self->grid->cells->len; i++)
    {
      const UsgaHotspotCell *c = &g_array_index (self->grid->cells, UsgaHotspotCell, i);
      g_autofree char *json = g_strdup_printf (
          "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}",
          c->min_lon, c->min_lat, c->max_lon, c->min_lat, c->max_lon, c->max_lat, c->min_lon, c->max_lat,
          c->min_lon, c->min_lat);
      UsgaGeometry *g = usga_geometry_new_from_string (json, NULL);

      if (g)
        usga_area_layer_add (self->grid_layer, i + 1, c->colonia, g, c->lon, c->lat);
    }
}

static void
map_data_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaMapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MapData *d = usga_store_query_finish (USGA_STORE (source), result, &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->points, g_array_unref);
  self->points = g_steal_pointer (&d->points);
  usga_bin_layer_set_points (self->incidents, usga_bin_points_new_from_lonlat (self->points));

  g_clear_pointer (&self->hotspots, usga_hotspots_free);
  self->hotspots = g_steal_pointer (&d->hotspots);
  g_hash_table_remove_all (self->hotspot_by_id);
  for (guint i = 0; i < self->hotspots->sites->len; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (self->hotspots->sites, i);
      g_hash_table_insert (self->hotspot_by_id, &h->colonia_id, h);
    }
  g_clear_pointer (&self->grid, usga_hotspot_grid_free);
  self->grid = g_steal_pointer (&d->grid);
  build_grid_layer (self);
  self->women_inside = d->women_inside;
  self->women_outside = d->women_outside;
  g_free (self->points_note);
  self->points_note = g_steal_pointer (&d->points_note);
  map_data_free (d);
  update_women_label (self);
  usga_map_page_fill_hotspot_list (self);
  if (usga_map_page_get_color_by (self) == COLOR_BY_HOTSPOTS || usga_map_page_get_color_by (self) == COLOR_BY_GRID)
    usga_map_page_color_colonias (self);
  else
    usga_map_page_rebuild_legend (self);
}

static void
colonia_stats_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaMapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  UsgaStats *stats = usga_store_stats_finish (USGA_STORE (source), result, &error);

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->colonia_stats, usga_stats_free);
  self->colonia_stats = stats;
  g_hash_table_remove_all (self->colonia_rows);
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      gint64 *key = g_new (gint64, 1);
      *key = g_ascii_strtoll (row->key, NULL, 10);
      g_hash_table_insert (self->colonia_rows, key, row);
    }
  usga_map_page_color_colonias (self);
}

/* When the filter's area changes, the map goes there (and back to the alcaldía). */
static void
follow_filter_area (UsgaMapPage *self)
{
  UsgaFilter *filter = usga_store_get_filter (self->store);
  UsgaAreaLevel level = usga_filter_get_area_level (filter);
  gint64 id = usga_filter_get_area_id (filter);
  ShumateMap *map = shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map));
  UsgaMapArea *area = NULL;

  if (level == self->shown_area_level && id == self->shown_area_id)
    return;
  self->shown_area_level = level;
  self->shown_area_id = id;
  switch (level)
    {
    case USGA_AREA_LEVEL_COLONIA:   area = usga_area_layer_find (self->colonias, id); break;
    case USGA_AREA_LEVEL_CUADRANTE: area = usga_area_layer_find (self->cuadrantes, id); break;
    case USGA_AREA_LEVEL_SECTOR:    area = usga_area_layer_find (self->sectors, id); break;
    case USGA_AREA_LEVEL_ALCALDIA:  break;
    }
  if (area)
    shumate_map_go_to_full (map, area->label_lat, area->label_lon, level == USGA_AREA_LEVEL_SECTOR ? 13.5 : 15);
  else if (level == USGA_AREA_LEVEL_ALCALDIA)
    shumate_map_go_to_full (map, 19.355, -99.095, 12);
  usga_area_layer_set_highlight (self->colonias, level == USGA_AREA_LEVEL_COLONIA ? id : 0);
}

void
usga_map_page_refresh (GtkWidget *widget)
{
  UsgaMapPage *self = USGA_MAP_PAGE (widget);
  GCancellable *cancellable = usga_page_renew_cancellable (widget);

  if (self->store == NULL)
    return;
  usga_map_page_close_popover (self);
  follow_filter_area (self);
  usga_store_stats_async (self->store, usga_store_get_filter (self->store), USGA_BY_COLONIA, cancellable,
                          colonia_stats_ready, g_object_ref (self));
  usga_store_query_async (self->store, usga_store_get_filter (self->store), map_data_query, NULL, NULL,
                          (GDestroyNotify) map_data_free, cancellable, map_data_ready, g_object_ref (self));
}

/* Takes @corridors and @utopias (read on a worker: usga-map-static.c). */
void
usga_map_page_set_features (UsgaMapPage *self, GPtrArray *corridors, GPtrArray *utopias)
{
  usga_map_page_close_popover (self);
  g_clear_pointer (&self->corridors, g_ptr_array_unref);
  self->corridors = corridors;
  usga_corridor_layer_set_corridors (self->corridor_layer, corridors);
  g_clear_pointer (&self->utopias, g_ptr_array_unref);
  self->utopias = utopias;
  usga_map_page_load_utopia_markers (self);
  update_women_label (self);
  usga_map_page_rebuild_legend (self);
}

/* --- setup ------------------------------------------------------------- */

void
usga_map_page_set_store (UsgaMapPage *self, UsgaStore *store)
{
  ShumateViewport *viewport;
  ShumateMap *map;
  GdkRGBA color;

  g_return_if_fail (USGA_IS_MAP_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  usga_map_page_setup_basemap (self);
  viewport = usga_map_page_get_viewport (self);
  map = shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map));

  /* Our layers, bottom to top: colonias, cuadrantes, sectors, bins, corridors, UTOPIAS. */
  self->colonias = usga_area_layer_new (viewport);
  usga_area_layer_set_label_zoom (self->colonias, 15);
  gdk_rgba_parse (&color, "rgba(70,70,70,0.45)");
  usga_area_layer_set_stroke (self->colonias, &color, 0.8);
  self->grid_layer = usga_area_layer_new (viewport);
  usga_area_layer_set_label_zoom (self->grid_layer, G_MAXDOUBLE);
  gdk_rgba_parse (&color, "rgba(70,70,70,0.25)");
  usga_area_layer_set_stroke (self->grid_layer, &color, 0.5);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_layer), FALSE);
  self->cuadrantes = usga_area_layer_new (viewport);
  usga_map_feature_color (USGA_MAP_CUADRANTE, 1, &color);
  usga_area_layer_set_stroke (self->cuadrantes, &color, 1.2);
  usga_area_layer_set_label_zoom (self->cuadrantes, 16);
  self->sectors = usga_area_layer_new (viewport);
  usga_map_feature_color (USGA_MAP_SECTOR, 1, &color);
  usga_area_layer_set_stroke (self->sectors, &color, 2.2);
  usga_area_layer_set_label_zoom (self->sectors, 13);
  self->incidents = usga_bin_layer_new (viewport);
  self->corridor_layer = usga_corridor_layer_new (viewport);
  usga_corridor_layer_set_buffer (self->corridor_layer, CORRIDOR_BUFFER_M);
  self->utopia_layer = shumate_marker_layer_new (viewport);

  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->colonias));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->grid_layer));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->cuadrantes));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->sectors));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->incidents));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->corridor_layer));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->utopia_layer));

  usga_map_page_build_layer_panel (self);
  g_signal_connect_object (self->incidents, "notify::max-count", G_CALLBACK (usga_map_page_rebuild_legend), self, G_CONNECT_SWAPPED);
  usga_map_page_setup_legend (self);

  shumate_viewport_set_zoom_level (viewport, 12);
  /* West of centre: the legend sits over the map's lower left. */
  shumate_map_center_on (map, 19.355, -99.095);
  usga_map_page_update_offline (self);
  /* Boundaries, corridors and UTOPIAS come from a worker; the page queries once the boundaries are in. */
  usga_map_page_reload_features (self);
  usga_map_page_load_areas (self);
}

/* The boundaries are in the layers (usga-map-static.c): the page can follow the filter. */
void
usga_map_page_areas_loaded (UsgaMapPage *self)
{
  self->loaded = TRUE;
  usga_map_page_fill_hotspot_list (self);
  /* New carpetas do not change corridors or UTOPIAS; the store's refresh recounts what lies in them. */
  usga_page_watch_store (GTK_WIDGET (self), self->store, usga_map_page_refresh);
}

static void
usga_map_page_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                       int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  gtk_widget_measure (USGA_MAP_PAGE (widget)->root_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
usga_map_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  UsgaMapPage *self = USGA_MAP_PAGE (widget);

  gtk_widget_allocate (self->root_box, width, height, baseline, NULL);
  /* A popover parented to a plain widget must be presented on every allocation. */
  if (self->popover)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
usga_map_page_dispose (GObject *object)
{
  UsgaMapPage *self = USGA_MAP_PAGE (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->root_box, gtk_widget_unparent);
  g_clear_pointer (&self->draft, usga_corridor_free);
  g_clear_pointer (&self->colonia_stats, usga_stats_free);
  g_clear_pointer (&self->colonia_rows, g_hash_table_unref);
  g_cancellable_cancel (self->area_click);
  g_clear_object (&self->area_click);
  g_cancellable_cancel (self->static_load);
  g_clear_object (&self->static_load);
  g_cancellable_cancel (self->features_load);
  g_clear_object (&self->features_load);
  g_cancellable_cancel (self->corridor_count);
  g_clear_object (&self->corridor_count);
  g_clear_pointer (&self->hotspot_by_id, g_hash_table_unref);
  g_clear_pointer (&self->hotspots, usga_hotspots_free);
  g_clear_pointer (&self->grid, usga_hotspot_grid_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->points_note, g_free);
  g_clear_pointer (&self->corridors, g_ptr_array_unref);
  g_clear_pointer (&self->utopias, g_ptr_array_unref);
  if (self->tiles)
    g_signal_handlers_disconnect_by_data (self->tiles, self);
  g_clear_object (&self->tiles);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (usga_map_page_parent_class)->dispose (object);
}

static void
usga_map_page_class_init (UsgaMapPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_map_page_dispose;
  widget_class->measure = usga_map_page_measure;
  widget_class->size_allocate = usga_map_page_size_allocate;
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, map);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, edit_bar);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, edit_name);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, edit_undo);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, edit_cancel);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, edit_save);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, mode_hint);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, attribution_link);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, fixthemap_link);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, layer_list);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, draw_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, add_utopia_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, export_corridors_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, export_map_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, women_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, hotspot_method);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, hotspot_list);
}

static void
usga_map_page_init (UsgaMapPage *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->monitor = g_network_monitor_get_default ();
  self->colonia_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->hotspot_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->moving_utopia = 0;

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_map_released), self);
  gtk_widget_add_controller (self->map, GTK_EVENT_CONTROLLER (click));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  usga_map_page_setup_corridor_editor (self);
  usga_map_page_setup_utopia_editor (self);
  usga_map_page_setup_io (self);
  usga_map_page_setup_hotspot_list (self);
}

/* --- for tests and screenshots ------------------------------------------ */

void
usga_map_page_set_layer_visible (UsgaMapPage *self, const char *layer, gboolean visible)
{
  static const char *const names[N_LAYERS] = { "basemap", "colonias", "cuadrantes", "sectors", "incidents",
                                               "utopias", "corridors" };

  for (int i = 0; i < N_LAYERS; i++)
    if (g_strcmp0 (names[i], layer) == 0 && self->layer_switch[i])
      gtk_switch_set_active (GTK_SWITCH (self->layer_switch[i]), visible);
}

void
usga_map_page_set_color_by (UsgaMapPage *self, const char *mode)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->color_by),
                              g_strcmp0 (mode, "grid") == 0 ? COLOR_BY_GRID
                              : g_strcmp0 (mode, "hotspots") == 0 ? COLOR_BY_HOTSPOTS
                              : g_strcmp0 (mode, "rate") == 0 ? COLOR_BY_RATE : COLOR_BY_COUNT);
}

gboolean
usga_map_page_is_loaded (UsgaMapPage *self)
{
  return self->loaded && self->hotspots != NULL && self->colonia_stats != NULL;
}

ShumateSimpleMap *
usga_map_page_get_map (UsgaMapPage *self)
{
  return SHUMATE_SIMPLE_MAP (self->map);
}

gboolean
usga_map_page_get_offline (UsgaMapPage *self)
{
  return gtk_widget_get_visible (self->offline_banner);
}

guint
usga_map_page_get_n_grid_hotspots (UsgaMapPage *self)
{
  guint n = 0;

  for (guint i = 0; self->grid && i < self->grid->cells->len; i++)
    n += g_array_index (self->grid->cells, UsgaHotspotCell, i).klass >= 1;
  return n;
}

guint
usga_map_page_get_n_hotspots (UsgaMapPage *self)
{
  guint n = 0;

  for (guint i = 0; self->hotspots && i < self->hotspots->sites->len; i++)
    n += ((UsgaHotspot *) g_ptr_array_index (self->hotspots->sites, i))->klass >= 1;
  return n;
}
