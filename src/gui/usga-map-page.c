/* usga-map-page.c — the map: an OSM basemap through our own tile data source over a neutral
 * background, and our layers (colonias choropleth or Gi* hot spots, cuadrantes, sectors,
 * binned incidents, UTOPIAS, Safe Women's Corridors) with a layer panel, legend, popovers,
 * editing and export.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "usga-area-layer.h"
#include "usga-bin-layer.h"
#include "usga-blank-map-source.h"
#include "usga-corridor-layer.h"
#include "usga-map-export.h"
#include "usga-map-page.h"
#include "usga-map-util.h"
#include "usga-page-util.h"
#include "usga-tile-data-source.h"
#include "usga-window.h"

/* Gi* distance band: about two colonias across, so each colonia has neighbours. */
#define HOTSPOT_BAND_M 1000.0
/* Grid hot spots: 500 m cells, the eight around a cell (centres within 750 m) its neighbours. */
#define GRID_CELL_M 500.0
#define GRID_BAND_M 750.0
#define CORRIDOR_BUFFER_M 200.0
#define UTOPIA_RADIUS_M 500.0

typedef enum {
  LAYER_BASEMAP,
  LAYER_COLONIAS,
  LAYER_CUADRANTES,
  LAYER_SECTORS,
  LAYER_INCIDENTS,
  LAYER_UTOPIAS,
  LAYER_CORRIDORS,
  N_LAYERS
} LayerId;

typedef enum {
  COLOR_BY_COUNT,
  COLOR_BY_RATE,
  COLOR_BY_HOTSPOTS,
  COLOR_BY_GRID,
} ColorBy;

typedef enum {
  MODE_BROWSE,
  MODE_PLACE_UTOPIA,
  MODE_MOVE_UTOPIA,
  MODE_DRAW_CORRIDOR,
} Mode;

struct _UsgaMapPage {
  GtkWidget  parent_instance;

  GtkWidget *root_box;
  GtkWidget *overlay;
  GtkWidget *map;
  GtkWidget *offline_banner;
  GtkWidget *offline_label;
  GtkWidget *edit_bar;
  GtkWidget *edit_name;
  GtkWidget *edit_undo;
  GtkWidget *edit_cancel;
  GtkWidget *edit_save;
  GtkWidget *mode_hint;
  GtkWidget *legend_box;
  GtkWidget *attribution_link;
  GtkWidget *fixthemap_link;
  GtkWidget *layer_list;
  GtkWidget *import_button;
  GtkWidget *draw_button;
  GtkWidget *add_utopia_button;
  GtkWidget *export_corridors_button;
  GtkWidget *export_map_button;
  GtkWidget *women_label;
  GtkWidget *hotspot_method;
  GtkWidget *hotspot_list;

  GtkWidget *layer_switch[N_LAYERS];
  GtkWidget *layer_opacity[N_LAYERS];
  GtkWidget *color_by;
  GtkWidget *popover;
  GCancellable *area_click;  /* the count behind a cuadrante or sector popover */

  UsgaStore          *store;
  GSettings          *settings;
  GNetworkMonitor    *monitor;
  UsgaTileDataSource *tiles;
  ShumateMapLayer    *tile_layer;
  UsgaAreaLayer      *colonias;
  UsgaAreaLayer      *cuadrantes;
  UsgaAreaLayer      *sectors;
  UsgaBinLayer       *incidents;
  UsgaCorridorLayer  *corridor_layer;
  ShumateMarkerLayer *utopia_layer;

  UsgaStats     *colonia_stats;
  GHashTable    *colonia_rows;     /* colonia id (gint64*) -> UsgaStatRow* */
  UsgaHotspots  *hotspots;
  GHashTable    *hotspot_by_id;    /* colonia id -> UsgaHotspot* */
  UsgaHotspotGrid *grid;           /* area id i + 1 in grid_layer is cell i */
  UsgaAreaLayer *grid_layer;
  GArray        *points;           /* UsgaLonLat for the current filter */
  GPtrArray     *corridors;
  GPtrArray     *utopias;
  gint64         women_inside, women_outside;
  double         breaks[USGA_N_CLASSES + 1];
  guint          legend_zoom;
  gboolean       legend_points;

  Mode           mode;
  UsgaCorridor  *draft;            /* the corridor being drawn or re-shaped */
  gint64         moving_utopia;
  gboolean       loaded;
  UsgaAreaLevel  shown_area_level;
  gint64         shown_area_id;
};

G_DEFINE_FINAL_TYPE (UsgaMapPage, usga_map_page, GTK_TYPE_WIDGET)

static void rebuild_legend (UsgaMapPage *self);
static void reload_features (UsgaMapPage *self);
static void refresh (GtkWidget *widget);

static ShumateViewport *
get_viewport (UsgaMapPage *self)
{
  return shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));
}

/* Gi* compares each colonia with the whole alcaldía; inside one area it means nothing. */
static gboolean layer_on (UsgaMapPage *self, LayerId id);

static gboolean
hotspots_apply (UsgaMapPage *self)
{
  return usga_filter_get_area_level (usga_store_get_filter (self->store)) == USGA_AREA_LEVEL_ALCALDIA;
}

static void
toast (UsgaMapPage *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The window shows toasts; outside it (tests), log. */
  if (USGA_IS_WINDOW (root))
    usga_window_add_toast (USGA_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* --- basemap and offline state ---------------------------------------- */

static void
update_offline (UsgaMapPage *self)
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
  ShumateViewport *viewport = get_viewport (self);
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
      g_signal_connect_swapped (self->tiles, "notify::offline", G_CALLBACK (update_offline), self);
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
    update_offline (self);
}

static void
setup_basemap (UsgaMapPage *self)
{
  ShumateViewport *viewport = get_viewport (self);
  g_autoptr(ShumateMapSource) blank = usga_blank_map_source_new ();

  shumate_simple_map_set_map_source (SHUMATE_SIMPLE_MAP (self->map), blank);
  shumate_viewport_set_min_zoom_level (viewport, 9);
  setup_tiles (self);
  g_signal_connect_object (self->settings, "changed::tile-url", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tile-attribution", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::tile-max-zoom", G_CALLBACK (setup_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-available", G_CALLBACK (update_offline), self, G_CONNECT_SWAPPED);
}

/* --- static geometry: colonias, cuadrantes, sectors --------------------- */

static void
load_areas (UsgaMapPage *self, UsgaAreaLayer *layer, const char *sql)
{
  UsgaDb *db = usga_store_get_db (self->store);
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      UsgaGeometry *g = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
      if (g)
        usga_area_layer_add (layer, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), g,
                             sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4));
    }
  if (stmt)
    sqlite3_reset (stmt);
}

typedef struct { gint64 sector; guint count; gboolean boundary; UsgaLonLat a, b; } Edge;

/* Sectors have no polygons of their own: their boundary is every cuadrante edge that is not
 * shared with another cuadrante of the same sector. */
static void
load_sector_boundaries (UsgaMapPage *self)
{
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Sector id -> its boundary lines (ids are small positive integers). */
  g_autoptr(GHashTable) sector_geometry = g_hash_table_new (g_direct_hash, g_direct_equal);
  UsgaDb *db = usga_store_get_db (self->store);
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT sector_id, geometry FROM cuadrante", NULL);
  GHashTableIter iter;
  Edge *edge;

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 sector = sqlite3_column_int64 (stmt, 0);
      g_autoptr(UsgaGeometry) g = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);

      for (guint r = 0; g && r < usga_geometry_n_rings (g); r++)
        {
          guint start = g_array_index (g->ring_start, guint, r), end = g_array_index (g->ring_start, guint, r + 1);
          for (guint i = start; i + 1 < end; i++)
            {
              UsgaLonLat a = g_array_index (g->points, UsgaLonLat, i), b = g_array_index (g->points, UsgaLonLat, i + 1);
              gboolean swap = a.lon > b.lon || (a.lon == b.lon && a.lat > b.lat);
              g_autofree char *key = g_strdup_printf ("%.6f,%.6f|%.6f,%.6f", swap ? b.lon : a.lon, swap ? b.lat : a.lat,
                                                      swap ? a.lon : b.lon, swap ? a.lat : b.lat);
              Edge *e = g_hash_table_lookup (edges, key);

              if (e == NULL)
                {
                  e = g_new0 (Edge, 1);
                  e->sector = sector, e->a = a, e->b = b;
                  g_hash_table_insert (edges, g_steal_pointer (&key), e);
                }
              else if (e->sector != sector)
                e->boundary = TRUE;
              e->count++;
            }
        }
    }
  if (stmt)
    sqlite3_reset (stmt);

  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &edge))
    {
      UsgaGeometry *g;
      UsgaLonLat seg[2] = { edge->a, edge->b };

      if (edge->count > 1 && !edge->boundary)
        continue;
      g = g_hash_table_lookup (sector_geometry, GSIZE_TO_POINTER ((gsize) edge->sector));
      if (g == NULL)
        {
          g = usga_geometry_new (USGA_GEOMETRY_LINES);
          g_hash_table_insert (sector_geometry, GSIZE_TO_POINTER ((gsize) edge->sector), g);
        }
      usga_geometry_add_part (g, seg, 2);
    }

  stmt = usga_db_prepare (db, "SELECT s.id, s.name, avg (c.label_lon), avg (c.label_lat) FROM sector s"
                              " JOIN cuadrante c ON c.sector_id = s.id GROUP BY s.id", NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      UsgaGeometry *g = NULL;

      /* The layer takes the geometry; what is left in the table is freed below. */
      if (!g_hash_table_steal_extended (sector_geometry, GSIZE_TO_POINTER ((gsize) id), NULL, (gpointer *) &g))
        continue;
      usga_geometry_close (g);
      usga_area_layer_add (self->sectors, id, (const char *) sqlite3_column_text (stmt, 1), g,
                           sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3));
    }
  if (stmt)
    sqlite3_reset (stmt);
  g_hash_table_iter_init (&iter, sector_geometry);
  {
    gpointer leftover;
    while (g_hash_table_iter_next (&iter, NULL, &leftover))
      usga_geometry_free (leftover);
  }
}

/* --- the popover ------------------------------------------------------ */

static void
close_popover (UsgaMapPage *self)
{
  if (self->popover)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_popover_closed (GtkPopover *popover, UsgaMapPage *self)
{
  usga_area_layer_set_highlight (self->colonias, 0);
  usga_area_layer_set_highlight (self->cuadrantes, 0);
  usga_area_layer_set_highlight (self->sectors, 0);
  usga_area_layer_set_highlight (self->grid_layer, 0);
}

static GtkWidget *
popover_box (const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
popover_line (GtkWidget *box, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (box), label);
}

/* @x, @y in the map widget's coordinates. */
/* "Carpetas: N", and the rate when the area's population is known. */
static void
popover_count_lines (GtkWidget *box, gint64 count, const UsgaStatRow *row)
{
  g_autofree char *n = usga_format_count (count);
  g_autofree char *line = g_strdup_printf (_("Carpetas: %s"), n);

  popover_line (box, line);
  if (row && row->population > 0)
    {
      g_autofree char *rate = usga_format_rate (row->rate);
      g_autofree char *pop = usga_format_count (row->population);
      g_free (line);
      line = g_strdup_printf (_("Rate: %s per 100 000 inhabitants (population %s, 2020 census)"), rate, pop);
      popover_line (box, line);
    }
}

static void
show_popover (UsgaMapPage *self, double x, double y, GtkWidget *content)
{
  double px = x, py = y;

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_new ();
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
    }
  gtk_widget_translate_coordinates (self->map, GTK_WIDGET (self), x, y, &px, &py);
  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { (int) px - 1, (int) py - 1, 2, 2 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static char *
filter_description (UsgaMapPage *self)
{
  UsgaFilter *filter = usga_store_get_filter (self->store);
  g_autofree char *area = usga_store_area_name (self->store, filter);

  return usga_filter_describe (filter, area);
}

static const char *
gi_class_text (int klass)
{
  switch (klass)
    {
    /* xgettext:no-c-format */
    case 3:  return _("hot spot, 99 % confidence");
    /* xgettext:no-c-format */
    case 2:  return _("hot spot, 95 % confidence");
    /* xgettext:no-c-format */
    case 1:  return _("hot spot, 90 % confidence");
    /* xgettext:no-c-format */
    case -1: return _("cold spot, 90 % confidence");
    /* xgettext:no-c-format */
    case -2: return _("cold spot, 95 % confidence");
    /* xgettext:no-c-format */
    case -3: return _("cold spot, 99 % confidence");
    default: return _("not significant");
    }
}

static guint
points_within (UsgaMapPage *self, double lon, double lat, double metres)
{
  guint n = 0;

  for (guint i = 0; self->points && i < self->points->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (self->points, UsgaLonLat, i);
      if (fabs (p->lat - lat) < metres / 100000.0 && usga_haversine_m (lon, lat, p->lon, p->lat) <= metres)
        n++;
    }
  return n;
}

static void
show_colonia_popover (UsgaMapPage *self, UsgaMapArea *area, double x, double y)
{
  gint64 id = area->id;
  UsgaStatRow *row = self->colonia_rows ? g_hash_table_lookup (self->colonia_rows, &id) : NULL;
  UsgaHotspot *hot = self->hotspot_by_id ? g_hash_table_lookup (self->hotspot_by_id, &id) : NULL;
  GtkWidget *box = popover_box (area->name);
  g_autofree char *filter = filter_description (self);
  g_autofree char *line = NULL;

  popover_count_lines (box, row ? row->count : 0, row);
  if (hot && !isnan (hot->z))
    {
      line = g_strdup_printf (_("Getis-Ord Gi* z = %.2f: %s"), hot->z, gi_class_text (hot->klass));
      popover_line (box, line);
    }
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_INCIDENTS])) &&
      !usga_bin_layer_get_showing_points (self->incidents))
    {
      g_autofree char *n = NULL;
      graphene_point_t p;

      if (gtk_widget_compute_point (self->map, GTK_WIDGET (self->incidents), &GRAPHENE_POINT_INIT (x, y), &p))
        {
          n = usga_format_count (usga_bin_layer_count_at (self->incidents, p.x, p.y));
          g_free (line);
          line = g_strdup_printf (_("Carpetas in the hexagon under the pointer: %s"), n);
          popover_line (box, line);
        }
    }
  popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  usga_area_layer_set_highlight (self->colonias, id);
  show_popover (self, x, y, box);
}

/* A click on a grid cell (grid hot spots): its carpetas and its Gi*. */
static gboolean
show_cell_popover (UsgaMapPage *self, double x, double y)
{
  UsgaMapArea *area;
  const UsgaHotspotCell *c;
  g_autofree char *title = NULL, *line = NULL, *filter = NULL;
  GtkWidget *box;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->grid_layer)) || self->grid == NULL ||
      (area = usga_area_layer_pick (self->grid_layer, x, y)) == NULL ||
      area->id < 1 || (guint) area->id > self->grid->cells->len)
    return FALSE;
  c = &g_array_index (self->grid->cells, UsgaHotspotCell, area->id - 1);
  title = g_strdup_printf (_("500 m cell in %s"), c->colonia);
  box = popover_box (title);
  popover_count_lines (box, c->count, NULL);
  if (!isnan (c->z))
    {
      line = g_strdup_printf (_("Getis-Ord Gi* z = %.2f: %s"), c->z, gi_class_text (c->klass));
      popover_line (box, line);
    }
  filter = filter_description (self);
  popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  usga_area_layer_set_highlight (self->grid_layer, area->id);
  show_popover (self, x, y, box);
  return TRUE;
}

/* --- cuadrantes and sectors ------------------------------------------------ */

typedef struct {
  UsgaMapPage *self;
  char        *title;
  double       x, y;
} AreaClick;

static void
area_click_free (AreaClick *click)
{
  g_object_unref (click->self);
  g_free (click->title);
  g_free (click);
}

static void
area_stats_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  AreaClick *click = data;
  UsgaMapPage *self = click->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = usga_store_stats_finish (USGA_STORE (source), result, &error);
  const UsgaStatRow *row;
  g_autofree char *filter = NULL;
  GtkWidget *box;

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      area_click_free (click);
      return;
    }
  row = stats->rows->len ? g_ptr_array_index (stats->rows, 0) : NULL;
  box = popover_box (click->title);
  popover_count_lines (box, stats->total, row);
  filter = filter_description (self);
  popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  show_popover (self, click->x, click->y, box);
  area_click_free (click);
}

/* A click on a cuadrante or a sector: its carpetas for the filter's period and crimes. */
static gboolean
show_area_popover (UsgaMapPage *self, int layer, UsgaAreaLayer *areas, UsgaAreaLevel level, double x, double y)
{
  g_autoptr(UsgaFilter) filter = NULL;
  UsgaMapArea *area;
  AreaClick *click;

  if (!gtk_switch_get_active (GTK_SWITCH (self->layer_switch[layer])) ||
      (area = usga_area_layer_pick (areas, x, y)) == NULL)
    return FALSE;
  filter = usga_filter_copy (usga_store_get_filter (self->store));
  usga_filter_set_area (filter, level, area->id);
  click = g_new0 (AreaClick, 1);
  click->self = g_object_ref (self);
  click->title = level == USGA_AREA_LEVEL_CUADRANTE ? g_strdup_printf (_("Cuadrante %s"), area->name)
                                                    : g_strdup_printf (_("Sector %s"), area->name);
  click->x = x;
  click->y = y;
  usga_area_layer_set_highlight (areas, area->id);
  g_cancellable_cancel (self->area_click);
  g_clear_object (&self->area_click);
  self->area_click = g_cancellable_new ();
  usga_store_stats_async (self->store, filter, USGA_BY_NONE, self->area_click, area_stats_ready, click);
  return TRUE;
}

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
      toast (self, error->message);
      return;
    }
  close_popover (self);
  toast (self, _("Corridor saved"));
  reload_features (self);
  refresh (GTK_WIDGET (self));
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
  close_popover (form->self);
  start_drawing (form->self, copy);
}

static void
corridor_form_delete (GtkButton *button, CorridorForm *form)
{
  UsgaMapPage *self = form->self;
  g_autoptr(GError) error = NULL;

  if (!usga_corridor_delete (usga_store_get_db (self->store), form->corridor->id, &error))
    {
      toast (self, error->message);
      return;
    }
  close_popover (self);
  toast (self, _("Corridor deleted"));
  reload_features (self);
  refresh (GTK_WIDGET (self));
}

static GtkWidget *
form_row (GtkWidget *grid, int row, const char *label, GtkWidget *widget)
{
  GtkWidget *l = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

static void
show_corridor_popover (UsgaMapPage *self, UsgaCorridor *c, double x, double y)
{
  CorridorForm *form = g_new0 (CorridorForm, 1);
  GtkWidget *box = popover_box (c->name);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *length = g_strdup_printf (_("Length: %.0f m · colonia: %s"), c->length_m,
                                             c->colonia ? c->colonia : _("unknown"));
  gint64 inside = 0, outside = 0;

  form->self = self;
  form->corridor = c;
  g_object_set_data_full (G_OBJECT (box), "form", form, g_free);
  popover_line (box, length);

  g_ptr_array_add (one, c);
  if (usga_corridors_women_counts (usga_store_get_db (self->store), usga_store_get_filter (self->store), one,
                                   CORRIDOR_BUFFER_M, &inside, &outside, NULL))
    {
      g_autofree char *n = usga_format_count (inside);
      g_autofree char *line = g_strdup_printf (_("Crimes against women within %d m (current period and area): %s"),
                                               (int) CORRIDOR_BUFFER_M, n);
      popover_line (box, line);
    }

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  form->name = form_row (grid, 0, _("Name"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->name), c->name);
  form->lighting = gtk_switch_new ();
  gtk_widget_set_halign (form->lighting, GTK_ALIGN_START);
  gtk_switch_set_active (GTK_SWITCH (form->lighting), c->lighting);
  form_row (grid, 1, _("Lighting"), form->lighting);
  form->cameras = form_row (grid, 2, _("Cameras"), gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (form->cameras), c->cameras);
  form->buttons = form_row (grid, 3, _("Emergency buttons"), gtk_spin_button_new_with_range (0, 999, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (form->buttons), c->emergency_buttons);
  form->built = form_row (grid, 4, _("Built (YYYY-MM-DD)"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->built), c->built ? c->built : "");
  gtk_box_append (GTK_BOX (box), grid);

  button = gtk_button_new_with_label (_("Delete"));
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (corridor_form_delete), form);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_label (_("Edit line"));
  g_signal_connect (button, "clicked", G_CALLBACK (corridor_form_reshape), form);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_label (_("Save"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect (button, "clicked", G_CALLBACK (corridor_form_save), form);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);
  show_popover (self, x, y, box);
}

static void
set_mode (UsgaMapPage *self, Mode mode, const char *hint)
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
  set_mode (self, MODE_DRAW_CORRIDOR, NULL);
}

static void
stop_drawing (UsgaMapPage *self)
{
  usga_corridor_layer_set_editing (self->corridor_layer, NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self->utopia_layer), TRUE);
  g_clear_pointer (&self->draft, usga_corridor_free);
  set_mode (self, MODE_BROWSE, NULL);
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
      toast (self, _("A corridor needs at least two points: click on the map to add them."));
      return;
    }
  if (*g_strstrip (self->draft->name) == '\0')
    {
      toast (self, _("Give the corridor a name."));
      gtk_widget_grab_focus (self->edit_name);
      return;
    }
  if (!usga_corridor_save (usga_store_get_db (self->store), self->draft, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Corridor saved"));
  stop_drawing (self);
  reload_features (self);
  refresh (GTK_WIDGET (self));
}

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
utopia_form_save (GtkButton *button, UtopiaForm *form)
{
  UsgaMapPage *self = form->self;
  g_autoptr(UsgaUtopia) u = usga_utopia_new ();
  g_autoptr(GError) error = NULL;

  /* Validate a copy so a refused edit leaves the shown centre as stored. */
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
  if (!usga_utopia_save (usga_store_get_db (self->store), u, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("UTOPIA centre saved"));
  close_popover (self);
  reload_features (self);
}

static void
utopia_form_move (GtkButton *button, UtopiaForm *form)
{
  UsgaMapPage *self = form->self;

  self->moving_utopia = form->utopia->id;
  close_popover (self);
  set_mode (self, MODE_MOVE_UTOPIA, _("Click the centre’s new place on the map (Esc cancels)."));
}

static GtkWidget *
utopia_form (UsgaMapPage *self, UsgaUtopia *u)
{
  UtopiaForm *form = g_new0 (UtopiaForm, 1);
  GtkWidget *box = popover_box (u->id ? u->name : _("New UTOPIA centre"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;
  const char *status_names[] = { usga_utopia_status_name ("open"), usga_utopia_status_name ("construction"),
                                 usga_utopia_status_name ("planned"), NULL };

  form->self = self;
  form->utopia = u;
  g_object_set_data_full (G_OBJECT (box), "form", form, utopia_form_free);
  if (u->id)
    {
      g_autofree char *n = usga_format_count (points_within (self, u->lon, u->lat, UTOPIA_RADIUS_M));
      g_autofree char *line = g_strdup_printf (_("Carpetas within %d m for the current filter: %s"), (int) UTOPIA_RADIUS_M, n);
      g_autofree char *where = g_strdup_printf (_("Colonia: %s"), u->colonia ? u->colonia : _("unknown"));
      popover_line (box, where);
      popover_line (box, line);
    }
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  form->name = form_row (grid, 0, _("Name"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->name), u->name ? u->name : "");
  form->status = form_row (grid, 1, _("Status"), gtk_drop_down_new_from_strings (status_names));
  for (guint i = 0; utopia_statuses[i]; i++)
    if (g_strcmp0 (u->status, utopia_statuses[i]) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (form->status), i);
  form->opened = form_row (grid, 2, _("Opened (YYYY-MM-DD)"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (form->opened), u->opened ? u->opened : "");
  form->services = form_row (grid, 3, _("Services"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->services), _("e.g. pool, library, clinic"));
  gtk_editable_set_text (GTK_EDITABLE (form->services), u->services ? u->services : "");
  gtk_box_append (GTK_BOX (box), grid);

  if (u->id)
    {
      button = gtk_button_new_with_label (_("Move"));
      g_signal_connect (button, "clicked", G_CALLBACK (utopia_form_move), form);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  button = gtk_button_new_with_label (_("Save"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect (button, "clicked", G_CALLBACK (utopia_form_save), form);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);
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
  show_popover (self, p.x, p.y, utopia_form (self, u));
}

static void
load_utopia_markers (UsgaMapPage *self)
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
  set_mode (self, MODE_PLACE_UTOPIA, _("Click the new centre’s place on the map (Esc cancels)."));
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
  usga_map_transform_init (&t, get_viewport (self), gtk_widget_get_width (self->map), gtk_widget_get_height (self->map));
  usga_map_transform_to_lonlat (&t, x, y, &lon, &lat);

  if (self->mode == MODE_PLACE_UTOPIA)
    {
      UsgaUtopia *u = usga_utopia_new ();
      u->lat = lat, u->lon = lon;
      set_mode (self, MODE_BROWSE, NULL);
      show_popover (self, x, y, utopia_form (self, u));
      return;
    }
  if (self->mode == MODE_MOVE_UTOPIA)
    {
      g_autoptr(GError) error = NULL;
      set_mode (self, MODE_BROWSE, NULL);
      for (guint i = 0; self->utopias && i < self->utopias->len; i++)
        {
          UsgaUtopia *u = g_ptr_array_index (self->utopias, i);
          double old_lat = u->lat, old_lon = u->lon;

          if (u->id != self->moving_utopia)
            continue;
          u->lat = lat, u->lon = lon;
          if (!usga_utopia_save (usga_store_get_db (self->store), u, &error))
            {
              u->lat = old_lat, u->lon = old_lon;
              toast (self, error->message);
              return;
            }
          toast (self, _("UTOPIA centre moved"));
          reload_features (self);
          return;
        }
      return;
    }

  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_CORRIDORS])))
    {
      UsgaCorridor *c = usga_corridor_layer_pick (self->corridor_layer, x, y);
      if (c)
        {
          show_corridor_popover (self, c, x, y);
          return;
        }
    }
  /* Grid cells (in that mode) and the finer boundaries lie above the colonias: they answer first. */
  if (show_cell_popover (self, x, y) ||
      show_area_popover (self, LAYER_CUADRANTES, self->cuadrantes, USGA_AREA_LEVEL_CUADRANTE, x, y) ||
      show_area_popover (self, LAYER_SECTORS, self->sectors, USGA_AREA_LEVEL_SECTOR, x, y))
    return;
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_COLONIAS])))
    {
      UsgaMapArea *area = usga_area_layer_pick (self->colonias, x, y);
      if (area)
        {
          show_colonia_popover (self, area, x, y);
          return;
        }
    }
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_INCIDENTS])) &&
      !usga_bin_layer_get_showing_points (self->incidents))
    {
      guint n = usga_bin_layer_count_at (self->incidents, x, y);
      g_autofree char *count = usga_format_count (n);
      g_autofree char *title = g_strdup_printf (_("%s carpetas in this hexagon"), count);
      g_autofree char *filter = filter_description (self);
      GtkWidget *box;

      if (n == 0)
        return;
      box = popover_box (title);
      popover_line (box, filter);
      show_popover (self, x, y, box);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state, UsgaMapPage *self)
{
  if (keyval != GDK_KEY_Escape || self->mode == MODE_BROWSE)
    return FALSE;
  if (self->mode == MODE_DRAW_CORRIDOR)
    stop_drawing (self);
  else
    set_mode (self, MODE_BROWSE, NULL);
  return TRUE;
}

/* --- choropleth / hot spot colouring ---------------------------------- */

static ColorBy
get_color_by (UsgaMapPage *self)
{
  return (ColorBy) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_by));
}

static void
color_colonias (UsgaMapPage *self)
{
  guint n = usga_area_layer_get_n_areas (self->colonias);
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  ColorBy by = get_color_by (self);

  usga_area_layer_clear_fills (self->colonias);
  usga_area_layer_clear_fills (self->grid_layer);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_layer), by == COLOR_BY_GRID && layer_on (self, LAYER_COLONIAS));
  if (by == COLOR_BY_GRID)
    {
      /* The colonias keep their outlines; the cells carry the colours. */
      for (guint i = 0; self->grid && hotspots_apply (self) && i < self->grid->cells->len; i++)
        {
          const UsgaHotspotCell *c = &g_array_index (self->grid->cells, UsgaHotspotCell, i);
          UsgaMapArea *a = usga_area_layer_find (self->grid_layer, i + 1);

          if (a && c->klass != 0)
            usga_map_gi_color (c->klass, &a->fill);
        }
      usga_area_layer_changed (self->colonias);
      usga_area_layer_changed (self->grid_layer);
      rebuild_legend (self);
      return;
    }
  if (by == COLOR_BY_HOTSPOTS)
    {
      for (guint i = 0; self->hotspot_by_id && hotspots_apply (self) && i < n; i++)
        {
          UsgaMapArea *a = usga_area_layer_get_area (self->colonias, i);
          UsgaHotspot *h = g_hash_table_lookup (self->hotspot_by_id, &a->id);
          if (h)
            usga_map_gi_color (h->klass, &a->fill);
        }
      usga_area_layer_changed (self->colonias);
      rebuild_legend (self);
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
  rebuild_legend (self);
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

static gboolean
layer_on (UsgaMapPage *self, LayerId id)
{
  return self->layer_switch[id] && gtk_switch_get_active (GTK_SWITCH (self->layer_switch[id]));
}

static void
rebuild_legend (UsgaMapPage *self)
{
  GtkWidget *box = self->legend_box;
  GtkWidget *child;
  GdkRGBA color;
  g_autofree char *filter = NULL;

  if (self->store == NULL)
    return;
  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);

  filter = filter_description (self);
  legend_heading (box, filter);

  if (layer_on (self, LAYER_COLONIAS))
    {
      ColorBy by = get_color_by (self);

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
              gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, gi_class_text (k)));
            }
          if (by == COLOR_BY_GRID)
            method = g_strdup_printf (_("Carpetas per %.0f m cell; binary weights for cells whose centres are within "
                                        "%.0f m (the cell itself included); n = %u cells."),
                                      GRID_CELL_M, GRID_BAND_M, self->grid ? self->grid->cells->len : 0);
          else
            method = g_strdup_printf (_("Carpetas per colonia; binary weights for colonias whose centres are within %.0f m "
                                        "(the colonia itself included); n = %u colonias."),
                                      HOTSPOT_BAND_M, usga_area_layer_get_n_areas (self->colonias));
          legend_note (box, method);
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
    }

  if (layer_on (self, LAYER_INCIDENTS))
    {
      UsgaMapTransform t;
      guint max = usga_bin_layer_get_max_count (self->incidents);

      usga_map_transform_init (&t, get_viewport (self), gtk_widget_get_width (self->map), gtk_widget_get_height (self->map));
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
    }

  if (layer_on (self, LAYER_SECTORS))
    {
      gdk_rgba_parse (&color, "#1c3f94");
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, _("Police sector boundary")));
    }
  if (layer_on (self, LAYER_CUADRANTES))
    {
      gdk_rgba_parse (&color, "#5e5c64");
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, _("Cuadrante boundary")));
    }
  if (layer_on (self, LAYER_UTOPIAS))
    {
      g_autofree char *text = g_strdup_printf (_("UTOPIA community centre (%u): green open, orange under construction, grey planned"),
                                               self->utopias ? self->utopias->len : 0);
      gdk_rgba_parse (&color, "#2ec27e");
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, text));
    }
  if (layer_on (self, LAYER_CORRIDORS))
    {
      g_autofree char *buffer = g_strdup_printf (_("%d m buffer"), (int) CORRIDOR_BUFFER_M);
      g_autofree char *title = g_strdup_printf (_("Safe Women’s Corridor (%u)"), self->corridors ? self->corridors->len : 0);
      gdk_rgba_parse (&color, "#6b1aa6");
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, TRUE, title));
      gdk_rgba_parse (&color, "rgba(122,43,191,0.3)");
      gtk_box_append (GTK_BOX (box), usga_map_legend_row (&color, FALSE, buffer));
    }
  legend_note (box, _("Sources: FGJ carpetas de investigación; IECM colonias; SSC cuadrantes; INEGI 2020 census."));
}

static void
on_viewport_changed (UsgaMapPage *self)
{
  UsgaMapTransform t;

  /* The bin legend depends on the zoom; rebuild it when the integer zoom changes. */
  usga_map_transform_init (&t, get_viewport (self), 1, 1);
  if ((guint) floor (t.zoom) != self->legend_zoom)
    {
      self->legend_zoom = (guint) floor (t.zoom);
      if (layer_on (self, LAYER_INCIDENTS))
        rebuild_legend (self);
    }
}

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
                                                   gi_class_text (c->klass));
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

static void
fill_hotspot_list (UsgaMapPage *self)
{
  GtkWidget *child;
  g_autofree char *category = category_text (self);
  gboolean grid = get_color_by (self) == COLOR_BY_GRID;
  g_autofree char *method = grid
    ? g_strdup_printf (_("Getis-Ord Gi* over %u cells of %.0f m: carpetas for the current filter, "
                         "neighbours within %.0f m of each cell’s centre. "
                         "z ≥ 1.65, 1.96, 2.58: 90, 95, 99 %% confidence."),
                       self->grid ? self->grid->cells->len : 0, GRID_CELL_M, GRID_BAND_M)
    : g_strdup_printf (_("Getis-Ord Gi* over the %u colonias: carpetas for the current filter, "
                         "neighbours within %.0f m of each colonia’s centre. "
                         "z ≥ 1.65, 1.96, 2.58: 90, 95, 99 %% confidence."),
                       self->hotspots ? self->hotspots->sites->len : 0, HOTSPOT_BAND_M);
  guint shown = 0;

  gtk_label_set_text (GTK_LABEL (self->hotspot_method), method);
  while ((child = gtk_widget_get_first_child (self->hotspot_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->hotspot_list), child);
  if (!hotspots_apply (self))
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
      subtitle = g_strdup_printf (_("%s · %s carpetas · z = %.2f (%s)"), category, count, h->z, gi_class_text (h->klass));
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
      gtk_list_box_append (GTK_LIST_BOX (self->hotspot_list), row);
    }
}

/* --- data for the current filter --------------------------------------- */

typedef struct {
  GArray          *points;
  UsgaHotspots    *hotspots;
  UsgaHotspotGrid *grid;
  gint64           women_inside, women_outside;
} MapData;

static void
map_data_free (gpointer data)
{
  MapData *d = data;

  g_clear_pointer (&d->points, g_array_unref);
  g_clear_pointer (&d->hotspots, usga_hotspots_free);
  g_clear_pointer (&d->grid, usga_hotspot_grid_free);
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
    text = g_strdup_printf (_("Crimes against women (domestic violence, sexual crimes, femicide) in the current period and area: "
                              "%s within %d m of a corridor, %s elsewhere."), in, (int) CORRIDOR_BUFFER_M, out);
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
        toast (self, error->message);
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
  map_data_free (d);
  update_women_label (self);
  fill_hotspot_list (self);
  if (get_color_by (self) == COLOR_BY_HOTSPOTS || get_color_by (self) == COLOR_BY_GRID)
    color_colonias (self);
  else
    rebuild_legend (self);
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
        toast (self, error->message);
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
  color_colonias (self);
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

static void
refresh (GtkWidget *widget)
{
  UsgaMapPage *self = USGA_MAP_PAGE (widget);
  GCancellable *cancellable = usga_page_renew_cancellable (widget);

  if (self->store == NULL)
    return;
  close_popover (self);
  follow_filter_area (self);
  usga_store_stats_async (self->store, usga_store_get_filter (self->store), USGA_BY_COLONIA, cancellable,
                          colonia_stats_ready, g_object_ref (self));
  usga_store_query_async (self->store, usga_store_get_filter (self->store), map_data_query, NULL, NULL,
                          (GDestroyNotify) map_data_free, cancellable, map_data_ready, g_object_ref (self));
}

static void
reload_features (UsgaMapPage *self)
{
  g_autoptr(GError) error = NULL;
  UsgaDb *db = usga_store_get_db (self->store);
  GPtrArray *corridors = usga_corridors_load (db, &error);
  GPtrArray *utopias = corridors ? usga_utopias_load (db, &error) : NULL;

  if (utopias == NULL)
    {
      g_clear_pointer (&corridors, g_ptr_array_unref);
      toast (self, error->message);
      return;
    }
  close_popover (self);
  g_clear_pointer (&self->corridors, g_ptr_array_unref);
  self->corridors = corridors;
  usga_corridor_layer_set_corridors (self->corridor_layer, corridors);
  g_clear_pointer (&self->utopias, g_ptr_array_unref);
  self->utopias = utopias;
  load_utopia_markers (self);
  update_women_label (self);
  rebuild_legend (self);
}

/* --- import and export ------------------------------------------------- */

static void
on_import_response (GtkNativeDialog *dialog, int response, UsgaMapPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *kind = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "kind");
  guint n = 0;
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (g_strcmp0 (kind, "utopias") == 0)
    ok = usga_utopias_import_file (usga_store_get_db (self->store), path, &n, &error);
  else
    ok = usga_corridors_import_file (usga_store_get_db (self->store), path, &n, &error);
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("%s — nothing was imported."), error->message);
      toast (self, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (g_strcmp0 (kind, "utopias") == 0
                                                  ? ngettext ("Imported %u UTOPIA centre", "Imported %u UTOPIA centres", n)
                                                  : ngettext ("Imported %u corridor", "Imported %u corridors", n), n);
      toast (self, message);
      reload_features (self);
      refresh (GTK_WIDGET (self));
    }
out:
  g_object_unref (dialog);
}

static void
on_import_clicked (UsgaMapPage *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Import map features"),
                                                              GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *ids[] = { "corridors", "utopias", NULL };
  const char *labels[] = { _("Safe Women’s Corridors (lines)"), _("UTOPIAS centres (points)"), NULL };

  gtk_file_filter_set_name (filter, _("GeoJSON, KML or GPX"));
  gtk_file_filter_add_suffix (filter, "geojson");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "kml");
  gtk_file_filter_add_suffix (filter, "gpx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "kind", _("The file holds"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "kind", "corridors");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* What a save dialog writes (the chosen path) and what it says when it has. */
typedef gboolean (*SaveFunc) (UsgaMapPage *self, const char *path, GError **error);

typedef struct {
  SaveFunc    save;
  const char *done;
} SaveAction;

static void
on_save_response (GtkNativeDialog *dialog, int response, UsgaMapPage *self)
{
  const SaveAction *action = g_object_get_data (G_OBJECT (dialog), "save-action");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!action->save (self, path, &error))
        toast (self, error->message);
      else
        toast (self, action->done);
    }
  g_object_unref (dialog);
}

/* A modal save dialog proposing @name; the caller may add filters, then shows it. */
static GtkNativeDialog *
save_dialog (UsgaMapPage *self, const char *title, const char *name, SaveFunc save, const char *done)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  SaveAction *action = g_new (SaveAction, 1);

  action->save = save;
  action->done = done;
  g_object_set_data_full (G_OBJECT (dialog), "save-action", action, g_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  return GTK_NATIVE_DIALOG (dialog);
}

static gboolean
save_corridors (UsgaMapPage *self, const char *path, GError **error)
{
  g_autofree char *json = NULL;

  if (self->corridors == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No Safe Women’s Corridors yet: import a GeoJSON, KML or GPX file, or draw one."));
      return FALSE;
    }
  json = usga_corridors_to_geojson (self->corridors);
  return g_file_set_contents (path, json, -1, error);
}

static void
on_export_corridors_clicked (UsgaMapPage *self)
{
  gtk_native_dialog_show (save_dialog (self, _("Export corridors"), "corridors.geojson", save_corridors,
                                       _("Corridors exported")));
}

gboolean
usga_map_page_export (UsgaMapPage *self, const char *path, GError **error)
{
  g_autofree char *filter = filter_description (self);
  g_autofree char *attribution = NULL;
  g_autofree char *footer = NULL;

  if (self->tiles)
    attribution = g_strdup_printf (_("Basemap: %s (openstreetmap.org/copyright)."),
                                   gtk_button_get_label (GTK_BUTTON (self->attribution_link)));
  else
    attribution = g_strdup (_("No basemap."));
  footer = g_strdup_printf ("%s\n%s %s", filter, attribution,
                            _("Data: FGJ carpetas de investigación (coordinates displaced ~200 m), IECM colonias, SSC cuadrantes."));
  return usga_map_export (self->overlay, _("Iztapalapa crime map"), footer, path, error);
}

static void
on_export_map_clicked (UsgaMapPage *self)
{
  GtkNativeDialog *dialog = save_dialog (self, _("Export map"), "iztapalapa-map.pdf", usga_map_page_export,
                                         _("Map exported"));
  GtkFileFilter *png = gtk_file_filter_new (), *pdf = gtk_file_filter_new ();

  gtk_file_filter_set_name (png, _("PNG image"));
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), pdf);
  g_object_unref (png);
  g_object_unref (pdf);
  gtk_native_dialog_show (dialog);
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
    update_offline (self);
  if (id == LAYER_COLONIAS)
    gtk_widget_set_visible (GTK_WIDGET (self->grid_layer),
                            gtk_switch_get_active (sw) && get_color_by (self) == COLOR_BY_GRID);
  rebuild_legend (self);
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

static void
build_layer_panel (UsgaMapPage *self)
{
  const char *modes[] = { _("Carpetas"), _("Rate per 100 000"), _("Hot spots (Gi*)"), _("Hot spots, 500 m cells"), NULL };
  GtkWidget *color_row = adw_action_row_new ();

  self->color_by = gtk_drop_down_new_from_strings (modes);
  gtk_widget_set_valign (self->color_by, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour by"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), self->color_by);
  g_signal_connect_swapped (self->color_by, "notify::selected", G_CALLBACK (color_colonias), self);
  g_signal_connect_swapped (self->color_by, "notify::selected", G_CALLBACK (fill_hotspot_list), self);

  add_layer_row (self, LAYER_BASEMAP, _("Basemap"), _("OpenStreetMap tiles"), TRUE, 1.0, NULL);
  add_layer_row (self, LAYER_COLONIAS, _("Colonias"), _("Choropleth or hot spots for the filter"), TRUE, 0.6, color_row);
  add_layer_row (self, LAYER_SECTORS, _("Police sectors"), NULL, TRUE, 0.9, NULL);
  add_layer_row (self, LAYER_CUADRANTES, _("Cuadrantes"), NULL, FALSE, 0.8, NULL);
  add_layer_row (self, LAYER_INCIDENTS, _("Carpetas"), _("Hexagon bins; points from zoom 16"), FALSE, 0.9, NULL);
  add_layer_row (self, LAYER_UTOPIAS, _("UTOPIAS"), _("Community centres"), TRUE, 1.0, NULL);
  add_layer_row (self, LAYER_CORRIDORS, _("Safe Women’s Corridors"), NULL, TRUE, 1.0, NULL);
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
  setup_basemap (self);
  viewport = get_viewport (self);
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
  gdk_rgba_parse (&color, "#5e5c64");
  usga_area_layer_set_stroke (self->cuadrantes, &color, 1.2);
  usga_area_layer_set_label_zoom (self->cuadrantes, 16);
  self->sectors = usga_area_layer_new (viewport);
  gdk_rgba_parse (&color, "#1c3f94");
  usga_area_layer_set_stroke (self->sectors, &color, 2.2);
  usga_area_layer_set_label_zoom (self->sectors, 13);
  self->incidents = usga_bin_layer_new (viewport);
  self->corridor_layer = usga_corridor_layer_new (viewport);
  usga_corridor_layer_set_buffer (self->corridor_layer, CORRIDOR_BUFFER_M);
  self->utopia_layer = shumate_marker_layer_new (viewport);

  load_areas (self, self->colonias, "SELECT id, name, geometry, label_lon, label_lat FROM colonia ORDER BY id");
  load_areas (self, self->cuadrantes, "SELECT id, code, geometry, label_lon, label_lat FROM cuadrante ORDER BY id");
  load_sector_boundaries (self);

  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->colonias));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->grid_layer));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->cuadrantes));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->sectors));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->incidents));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->corridor_layer));
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->utopia_layer));

  build_layer_panel (self);
  g_signal_connect_object (self->incidents, "notify::max-count", G_CALLBACK (rebuild_legend), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);

  shumate_viewport_set_zoom_level (viewport, 12);
  /* West of centre: the legend sits over the map's lower left. */
  shumate_map_center_on (map, 19.355, -99.095);
  reload_features (self);
  update_offline (self);
  self->loaded = TRUE;
  fill_hotspot_list (self);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
  /* Imports elsewhere (sync, other windows) may bring corridors or centres. */
  /* New carpetas do not change corridors or UTOPIAS; the store's refresh recounts what lies in them. */
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
  g_clear_pointer (&self->hotspot_by_id, g_hash_table_unref);
  g_clear_pointer (&self->hotspots, usga_hotspots_free);
  g_clear_pointer (&self->grid, usga_hotspot_grid_free);
  g_clear_pointer (&self->points, g_array_unref);
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

  g_signal_connect_swapped (self->draw_button, "clicked", G_CALLBACK (on_draw_clicked), self);
  g_signal_connect_swapped (self->add_utopia_button, "clicked", G_CALLBACK (on_add_utopia_clicked), self);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  g_signal_connect_swapped (self->export_corridors_button, "clicked", G_CALLBACK (on_export_corridors_clicked), self);
  g_signal_connect_swapped (self->export_map_button, "clicked", G_CALLBACK (on_export_map_clicked), self);
  g_signal_connect_swapped (self->edit_undo, "clicked", G_CALLBACK (on_edit_undo), self);
  g_signal_connect_swapped (self->edit_cancel, "clicked", G_CALLBACK (stop_drawing), self);
  g_signal_connect_swapped (self->edit_save, "clicked", G_CALLBACK (on_edit_save), self);
  g_signal_connect (self->hotspot_list, "row-activated", G_CALLBACK (on_hotspot_activated), self);
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
