/* usga-map-page.c — the alcaldía outline and the UTOPIAS on a libshumate map.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "usga-blank-map-source.h"
#include "usga-map-page.h"
#include "usga-page-util.h"

struct _UsgaMapPage {
  GtkWidget  parent_instance;

  GtkWidget *overlay;
  GtkWidget *map;
  GtkWidget *legend_label;

  UsgaStore *store;
  ShumateMarkerLayer *utopia_layer;
  ShumatePathLayer   *outline_layer;
};

G_DEFINE_FINAL_TYPE (UsgaMapPage, usga_map_page, GTK_TYPE_WIDGET)

static void
load_outline (UsgaMapPage *self, ShumateViewport *viewport)
{
  UsgaDb *db = usga_store_get_db (self->store);
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT geometry FROM alcaldia WHERE cvegeo = '09007'", NULL);
  g_autoptr(UsgaGeometry) outline = NULL;
  GdkRGBA stroke = { 0.11, 0.44, 0.85, 1.0 };

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    outline = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  if (stmt)
    sqlite3_reset (stmt);
  if (outline == NULL)
    return;

  self->outline_layer = shumate_path_layer_new (viewport);
  shumate_path_layer_set_stroke_color (self->outline_layer, &stroke);
  shumate_path_layer_set_stroke_width (self->outline_layer, 3);
  shumate_path_layer_set_closed (self->outline_layer, TRUE);
  /* The outline is one ring: its first. */
  for (guint i = g_array_index (outline->ring_start, guint, 0); i < g_array_index (outline->ring_start, guint, 1); i++)
    {
      UsgaLonLat *p = &g_array_index (outline->points, UsgaLonLat, i);
      shumate_path_layer_add_node (self->outline_layer, SHUMATE_LOCATION (shumate_coordinate_new_full (p->lat, p->lon)));
    }
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->outline_layer));
}

static void
load_utopias (UsgaMapPage *self, ShumateViewport *viewport)
{
  UsgaDb *db = usga_store_get_db (self->store);
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT name, opened, status, lat, lon FROM utopia ORDER BY name", NULL);
  guint n = 0;

  self->utopia_layer = shumate_marker_layer_new (viewport);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ShumateMarker *marker = SHUMATE_MARKER (shumate_point_new ());
      g_autofree char *tooltip = g_strdup_printf (_("%s\nOpened %s"), sqlite3_column_text (stmt, 0),
                                                  sqlite3_column_text (stmt, 1) ? (const char *) sqlite3_column_text (stmt, 1) : "—");

      shumate_location_set_location (SHUMATE_LOCATION (marker), sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4));
      gtk_widget_set_tooltip_text (GTK_WIDGET (marker), tooltip);
      shumate_marker_layer_add_marker (self->utopia_layer, marker);
      n++;
    }
  if (stmt)
    sqlite3_reset (stmt);
  shumate_simple_map_add_overlay_layer (SHUMATE_SIMPLE_MAP (self->map), SHUMATE_LAYER (self->utopia_layer));

  {
    g_autofree char *legend = g_strdup_printf (_("Blue line: Iztapalapa (INEGI). Dots: %u UTOPIAS community centres."), n);
    gtk_label_set_text (GTK_LABEL (self->legend_label), legend);
  }
}

void
usga_map_page_set_store (UsgaMapPage *self, UsgaStore *store)
{
  ShumateViewport *viewport;
  ShumateMap *map;

  g_return_if_fail (USGA_IS_MAP_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  {
    g_autoptr(ShumateMapSource) source = usga_blank_map_source_new ();
    shumate_simple_map_set_map_source (SHUMATE_SIMPLE_MAP (self->map), source);
  }
  viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (self->map));
  map = shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (self->map));
  shumate_viewport_set_min_zoom_level (viewport, 9);
  shumate_viewport_set_max_zoom_level (viewport, 19);
  shumate_viewport_set_zoom_level (viewport, 12);
  shumate_map_center_on (map, 19.355, -99.06);
  load_outline (self, viewport);
  load_utopias (self, viewport);
}

static void
usga_map_page_dispose (GObject *object)
{
  UsgaMapPage *self = USGA_MAP_PAGE (object);

  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (usga_map_page_parent_class)->dispose (object);
}

static void
usga_map_page_class_init (UsgaMapPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_map_page_dispose;
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, map);
  gtk_widget_class_bind_template_child (widget_class, UsgaMapPage, legend_label);
}

static void
usga_map_page_init (UsgaMapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
