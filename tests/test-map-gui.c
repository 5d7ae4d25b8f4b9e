/* test-map-gui.c — the map page on real widgets: layer projection against libshumate's own,
 * corridor drawing, tiles from a local SoupServer (User-Agent checked), offline state,
 * export, and screenshots (choropleth, hot spots, corridors, offline) for people to look at.
 * Never touches the internet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "usga-corridor-layer.h"
#include "usga-gui-test-util.h"
#include "usga-map-page.h"
#include "usga-map-util.h"
#include "usga-store.h"
#include "usga-tile-data-source.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "geo", name, NULL);
}

static char *
shot_path (const char *name)
{
  const char *dir = g_getenv ("USGA_SCREENSHOT_DIR") ? g_getenv ("USGA_SCREENSHOT_DIR") : ".";
  g_autofree char *sub = g_build_filename (dir, "map", NULL);

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  return g_build_filename (sub, name, NULL);
}

/* --- a local tile server drawing a plain street-grid basemap -------------- */

typedef struct {
  SoupServer *server;
  char       *url;
  guint       hits;
  char       *user_agent;
} TileServer;

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
handle_tile (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  TileServer *s = data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  int z = 0, x = 0, y = 0;

  s->hits++;
  g_free (s->user_agent);
  s->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent"));
  sscanf (path, "/tiles/%d/%d/%d.png", &z, &x, &y);
  /* Looks like a street map (land, parks, water, streets with casings) so screenshots
   * show the layers over a basemap; it says what it is in each tile's corner. */
  cairo_set_source_rgb (cr, 0.949, 0.937, 0.914);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.78, 0.90, 0.74);
  cairo_rectangle (cr, 140 + (x % 3) * 20, 30 + (y % 4) * 25, 70, 45);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.67, 0.83, 0.87);
  cairo_arc (cr, 60 + (y % 3) * 30, 190 - (x % 2) * 40, 22, 0, 2 * G_PI);
  cairo_fill (cr);
  for (int pass = 0; pass < 2; pass++)
    {
      int step = z >= 15 ? 128 : z >= 13 ? 64 : 32;
      for (int i = step / 2; i < 256; i += step)
        {
          cairo_move_to (cr, i + ((y * 7) % 11), 0);
          cairo_line_to (cr, i - ((y * 7) % 11), 256);
          cairo_move_to (cr, 0, i + ((x * 5) % 9));
          cairo_line_to (cr, 256, i - ((x * 5) % 9));
        }
      if (pass == 0)
        cairo_set_source_rgb (cr, 0.80, 0.78, 0.75);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, (z >= 14 ? 7 : 3.5) - pass * 2);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_move_to (cr, 6, 250);
  cairo_show_text (cr, "local test tile server");
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, (const char *) png->data, png->len);
  g_byte_array_unref (png);
}

static void
tile_server_start (TileServer *s)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *base = NULL;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, "/tiles", handle_tile, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->url = g_strconcat (base, "tiles/{z}/{x}/{y}.png", NULL);
}

/* --- a window holding the map page on a bundled database ------------------ */

typedef struct {
  UsgaStore   *store;
  GtkWindow   *window;
  UsgaMapPage *page;
  char        *db_path;
} Fixture;

static gboolean
page_loaded (gpointer data)
{
  return usga_map_page_is_loaded (((Fixture *) data)->page);
}

static void
fixture_open (Fixture *f, const char *tile_url, gboolean with_corridors)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&f->db_path);
  g_autoptr(GError) error = NULL;

  if (with_corridors)
    {
      const char *files[] = { "corridors-good.geojson", "corridor-good.kml", "corridor-good.gpx" };
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = fixture (files[i]);
          g_assert_true (usga_corridors_import_file (db, path, NULL, &error));
          g_assert_no_error (error);
        }
    }
  g_clear_pointer (&db, usga_db_close);

  /* The memory GSettings backend is one per process: the page reads these. */
  g_settings_set_string (settings, "tile-url", tile_url);
  f->store = usga_store_new (f->db_path);
  g_assert_true (usga_store_open (f->store, &error));
  g_assert_no_error (error);
  /* The year of the bundled carpetas, as the window's filter bar would choose. */
  usga_gui_test_set_period (f->store, "2024-01-01", "2024-12-31");
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->page = g_object_new (USGA_TYPE_MAP_PAGE, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  usga_map_page_set_store (f->page, f->store);
  g_assert_true (usga_test_wait_until (page_loaded, f, 30000));
  usga_gui_test_settle (f->store, GTK_WIDGET (f->window));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (f->window);
  /* Queries the page started finish before the store goes. */
  g_assert_true (usga_gui_test_wait_store_idle (f->store, 30000));
  g_clear_object (&f->store);
  g_free (f->db_path);
}

/* Once the store's answers are drawn; the map is on screen with its data (the callers assert
 * the legend, the counts and the offline state the picture shows). */
static void
save_shot (Fixture *f, const char *name)
{
  g_autofree char *path = shot_path (name);

  usga_gui_test_settle (f->store, GTK_WIDGET (f->window));
  g_assert_true (usga_map_page_is_loaded (f->page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (usga_map_page_get_map (f->page))));
  usga_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
  g_test_message ("screenshot: %s", path);
}

static gboolean
has_hotspots (gpointer page)
{
  return usga_map_page_get_n_hotspots (page) > 0;
}

static gboolean
has_grid_hotspots (gpointer page)
{
  return usga_map_page_get_n_grid_hotspots (page) > 0;
}

static gboolean
widget_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* --- tests ------------------------------------------------------------- */

static gboolean
tiles_served (gpointer data)
{
  return ((TileServer *) data)->hits >= 6;
}

typedef struct {
  TileServer *server;
  guint       until;
} HitsWait;

static gboolean
more_tiles_served (gpointer data)
{
  HitsWait *w = data;
  return w->server->hits >= w->until;
}

/* After a move: the map asked the local server for the new view's tiles (six at least, as on
 * opening), then the page settles and paints. */
static void
wait_for_tiles (Fixture *f, TileServer *server, guint before)
{
  HitsWait w = { server, before + 6 };

  g_assert_true (usga_test_wait_until (more_tiles_served, &w, 20000));
  usga_gui_test_settle (f->store, GTK_WIDGET (f->window));
}

static GtkWidget *
find_open_popover (GtkWidget *root)
{
  if (GTK_IS_POPOVER (root) && gtk_widget_get_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_open_popover (child);
      if (found)
        return found;
    }
  return NULL;
}


static gboolean
estimate_shown (gpointer page)
{
  return usga_gui_test_find_label (page, "estimated from 2024 point shares") != NULL;
}

static GtkWidget *points_page;

static gboolean
points_note_shown (gpointer text)
{
  return usga_gui_test_find_label (points_page, text) != NULL;
}

static gboolean
estimate_gone (gpointer page)
{
  return !estimate_shown (page);
}

static gboolean
offline_shown (gpointer data)
{
  return usga_map_page_get_offline (data);
}

static gboolean
online_shown (gpointer data)
{
  return !usga_map_page_get_offline (data);
}

static gboolean
cuadrante_popover_shown (gpointer page)
{
  GtkWidget *popover = find_open_popover (page);
  GtkWidget *title = popover ? usga_gui_test_find_widget (popover, GTK_TYPE_LABEL) : NULL;

  return title && gtk_widget_get_mapped (popover)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (title)), "Cuadrante ");
}

static void
test_online_layers (void)
{
  TileServer server = { 0 };
  Fixture f = { 0 };
  ShumateMap *map;
  g_autofree char *png = NULL, *pdf = NULL, *dir = usga_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  gsize len;
  guint hits_before;

  tile_server_start (&server);
  fixture_open (&f, server.url, TRUE);
  g_assert_true (usga_test_wait_until (tiles_served, &server, 20000));
  usga_gui_test_settle (f.store, GTK_WIDGET (f.window));
  /* The map's own tile requests carry our User-Agent, not libshumate's. */
  g_assert_cmpstr (server.user_agent, ==, USGA_TILE_USER_AGENT);
  g_assert_false (usga_map_page_get_offline (f.page));
  /* The legend keeps its classes beside the method notes (74 carpetas of 2024 lie in no colonia). */
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (f.page), "Carpetas by colonia (quintiles)"));
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (f.page), "74 carpetas lie in no colonia (not located)"));
  g_assert_false (estimate_shown (f.page));
  save_shot (&f, "choropleth.png");

  usga_map_page_set_color_by (f.page, "hotspots");
  g_assert_true (usga_test_wait_until (has_hotspots, f.page, 30000));
  save_shot (&f, "hotspots.png");

  /* 2023 by colonia is apportioned from the FGJ's names: the legend and the list say so. */
  usga_gui_test_set_period (f.store, "2023-01-01", "2023-12-31");
  g_assert_true (usga_test_wait_until (estimate_shown, f.page, 30000));
  save_shot (&f, "hotspots-2023-estimated.png");
  usga_gui_test_set_period (f.store, "2024-01-01", "2024-12-31");
  g_assert_true (usga_test_wait_until (estimate_gone, f.page, 30000));
  usga_gui_test_settle (f.store, GTK_WIDGET (f.window));

  usga_map_page_set_color_by (f.page, "grid");
  points_page = GTK_WIDGET (f.page);
  g_assert_true (usga_test_wait_until (has_grid_hotspots, f.page, 30000));
  g_assert_null (usga_gui_test_find_label (GTK_WIDGET (f.page), "geolocated carpetas"));
  save_shot (&f, "hotspots-grid.png");
  /* The cells count points, which 2023 does not have: the legend says so rather than show
   * an empty year as a calm one; the second half of 2023 to mid-2024 names the days counted. */
  usga_gui_test_set_period (f.store, "2023-01-01", "2023-12-31");
  g_assert_true (usga_test_wait_until (points_note_shown, (gpointer) "No geolocated carpetas in this period", 30000));
  usga_gui_test_settle (f.store, GTK_WIDGET (f.window));
  save_shot (&f, "hotspots-grid-2023-no-points.png");
  usga_gui_test_set_period (f.store, "2023-07-01", "2024-06-30");
  g_assert_true (usga_test_wait_until (points_note_shown, (gpointer) "cover only 2024-01-01 – 2024-06-30 of this period", 30000));
  usga_gui_test_set_period (f.store, "2024-01-01", "2024-12-31");
  g_assert_true (usga_test_wait_until (has_grid_hotspots, f.page, 30000));
  usga_gui_test_settle (f.store, GTK_WIDGET (f.window));
  g_assert_null (usga_gui_test_find_label (GTK_WIDGET (f.page), "geolocated carpetas"));

  /* Close to the imported corridors, with the carpetas as hexagons over the basemap. */
  usga_map_page_set_color_by (f.page, "rate");
  usga_map_page_set_layer_visible (f.page, "colonias", FALSE);
  usga_map_page_set_layer_visible (f.page, "incidents", TRUE);
  usga_map_page_set_layer_visible (f.page, "cuadrantes", TRUE);
  map = shumate_simple_map_get_map (usga_map_page_get_map (f.page));
  hits_before = server.hits;
  shumate_map_go_to_full_with_duration (map, 19.372, -99.055, 14, 0);
  wait_for_tiles (&f, &server, hits_before);
  g_assert_false (usga_map_page_get_offline (f.page));
  save_shot (&f, "corridors-bins.png");

  /* A click on a cuadrante: its own count for the filter, in a popover. */
  {
    GtkWidget *simple = GTK_WIDGET (usga_map_page_get_map (f.page));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (simple);
    g_autoptr(GtkEventController) click = NULL;
    GtkWidget *popover, *title;

    for (guint i = 0; click == NULL && i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_GESTURE_CLICK (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
          click = g_steal_pointer (&c);
      }
    g_assert_nonnull (click);
    g_signal_emit_by_name (click, "released", 1, gtk_widget_get_width (simple) / 2.0,
                           gtk_widget_get_height (simple) / 2.0);
    g_assert_true (usga_test_wait_until (cuadrante_popover_shown, f.page, 20000));
    popover = find_open_popover (GTK_WIDGET (f.page));
    g_assert_nonnull (popover);
    g_assert_true (usga_gui_test_wait_frame (popover, 20000));
    title = usga_gui_test_find_widget (popover, GTK_TYPE_LABEL);
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (title)), "Cuadrante "));
    {
      /* A popover is a surface of its own: the window's picture does not hold it. */
      g_autofree char *path = shot_path ("cuadrante-popover.png");
      usga_gui_test_save_screenshot (popover, path);
    }
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* Street zoom: individual carpetas with the displacement note, colonias coloured by rate. */
  usga_map_page_set_layer_visible (f.page, "colonias", TRUE);
  hits_before = server.hits;
  shumate_map_go_to_full_with_duration (map, 19.357, -99.065, 16.5, 0);
  wait_for_tiles (&f, &server, hits_before);
  g_assert_false (usga_map_page_get_offline (f.page));
  save_shot (&f, "points-street-zoom.png");

  png = g_build_filename (dir, "map.png", NULL);
  pdf = g_build_filename (dir, "map.pdf", NULL);
  g_assert_true (usga_map_page_export (f.page, png, &error));
  g_assert_no_error (error);
  g_assert_true (usga_map_page_export (f.page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
  g_assert_cmpuint (len, >, 10000);
  g_assert_true (g_str_has_prefix (head, "%PDF"));
  g_clear_pointer (&head, g_free);
  g_assert_true (g_file_get_contents (png, &head, &len, NULL));
  g_assert_true (memcmp (head, "\x89PNG", 4) == 0);
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png, &error);
    g_assert_no_error (error);
    /* The page is taller than the map: a title above, filters and attribution below. */
    g_assert_cmpint (gdk_texture_get_height (texture), >, gtk_widget_get_height (GTK_WIDGET (usga_map_page_get_map (f.page))));
  }

  /* Changing the tile URL takes effect at once: none, then the local server again. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    guint hits = server.hits;

    g_settings_set_string (settings, "tile-url", "");
    g_assert_true (usga_test_wait_until (offline_shown, f.page, 20000));
    g_settings_set_string (settings, "tile-url", server.url);
    shumate_map_go_to_full_with_duration (map, 19.30, -99.02, 13, 0);
    g_assert_true (usga_test_wait_until (online_shown, f.page, 20000));
    wait_for_tiles (&f, &server, hits);
    g_assert_false (usga_map_page_get_offline (f.page));
    g_assert_cmpuint (server.hits, >, hits);
  }

  fixture_close (&f);
  g_clear_object (&server.server);
  g_free (server.url);
  g_free (server.user_agent);
}

static void
test_offline (void)
{
  Fixture f = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;
  guint16 port;

  /* A port on this machine with nobody listening: every tile request is refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/tiles/{z}/{x}/{y}.png", port);

  fixture_open (&f, url, TRUE);
  g_assert_true (usga_test_wait_until (offline_shown, f.page, 20000));
  usga_map_page_set_color_by (f.page, "hotspots");
  g_assert_true (usga_test_wait_until (has_hotspots, f.page, 30000));
  save_shot (&f, "offline.png");
  g_assert_true (usga_map_page_get_offline (f.page));
  fixture_close (&f);
}

/* Our layers must put a point exactly where libshumate puts it. */
static void
test_projection_matches_shumate (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ShumateSimpleMap *map = shumate_simple_map_new ();
  g_autoptr(ShumateMapSource) source = NULL;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);
  UsgaCorridorLayer *layer = usga_corridor_layer_new (viewport);
  const double places[][2] = { { -99.06, 19.355 }, { -99.12, 19.40 }, { -98.98, 19.30 } };
  const double zooms[] = { 11, 13.5, 17 };

  source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("t", "t", "", NULL, 0, 20, 256,
                                                                 SHUMATE_MAP_PROJECTION_MERCATOR,
                                                                 SHUMATE_DATA_SOURCE (usga_tile_data_source_new ("http://127.0.0.1:9/{z}/{x}/{y}", NULL))));
  shumate_simple_map_set_map_source (map, source);
  shumate_simple_map_add_overlay_layer (map, SHUMATE_LAYER (layer));
  gtk_window_set_child (window, GTK_WIDGET (map));
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_present (window);
  g_assert_true (usga_test_wait_until (widget_allocated, layer, 20000));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      UsgaMapTransform t;

      shumate_viewport_set_zoom_level (viewport, zooms[z]);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 19.355, -99.06);
      g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (layer), 20000));
      usga_map_transform_init (&t, viewport, gtk_widget_get_width (GTK_WIDGET (layer)), gtk_widget_get_height (GTK_WIDGET (layer)));
      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          double ours_x, ours_y, theirs_x, theirs_y, lon, lat;

          usga_map_transform_lonlat (&t, places[i][0], places[i][1], &ours_x, &ours_y);
          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), places[i][1], places[i][0],
                                                      &theirs_x, &theirs_y);
          g_assert_cmpfloat (fabs (ours_x - theirs_x), <, 0.5);
          g_assert_cmpfloat (fabs (ours_y - theirs_y), <, 0.5);
          usga_map_transform_to_lonlat (&t, ours_x, ours_y, &lon, &lat);
          g_assert_cmpfloat_with_epsilon (lon, places[i][0], 1e-9);
          g_assert_cmpfloat_with_epsilon (lat, places[i][1], 1e-9);
        }
    }

  /* Drawing a corridor: two clicks, a third, then drag the first point; saved, it comes back. */
  {
    g_autofree char *path = NULL;
    g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
    g_autoptr(UsgaCorridor) draft = usga_corridor_new ();
    g_autoptr(GPtrArray) saved = NULL;
    g_autoptr(GError) error = NULL;
    UsgaMapTransform t;
    double lon, lat;
    UsgaCorridor *back;

    shumate_viewport_set_zoom_level (viewport, 15);
    g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (layer), 20000));
    usga_corridor_layer_set_editing (layer, draft);
    usga_corridor_layer_add_vertex_at (layer, 300, 300);
    usga_corridor_layer_add_vertex_at (layer, 400, 320);
    usga_corridor_layer_add_vertex_at (layer, 500, 280);
    g_assert_cmpint (usga_corridor_layer_vertex_at (layer, 401, 321), ==, 1);
    g_assert_cmpint (usga_corridor_layer_vertex_at (layer, 350, 200), ==, -1);
    usga_corridor_layer_move_vertex (layer, 0, 290, 260);
    g_assert_cmpuint (draft->geometry->points->len, ==, 3);
    draft->name = g_strdup ("Drawn on the map");
    g_assert_true (usga_corridor_save (db, draft, &error));
    g_assert_no_error (error);
    usga_corridor_layer_set_editing (layer, NULL);

    saved = usga_corridors_load (db, &error);
    g_assert_cmpuint (saved->len, ==, 1);
    back = g_ptr_array_index (saved, 0);
    usga_map_transform_init (&t, viewport, gtk_widget_get_width (GTK_WIDGET (layer)), gtk_widget_get_height (GTK_WIDGET (layer)));
    usga_map_transform_to_lonlat (&t, 290, 260, &lon, &lat);
    g_assert_cmpfloat_with_epsilon (g_array_index (back->geometry->points, UsgaLonLat, 0).lon, lon, 1e-6);
    g_assert_cmpfloat_with_epsilon (g_array_index (back->geometry->points, UsgaLonLat, 0).lat, lat, 1e-6);
    g_assert_cmpfloat (back->length_m, >, 50);
    /* The layer finds it where it was drawn. */
    usga_corridor_layer_set_corridors (layer, saved);
    g_assert_true (usga_corridor_layer_pick (layer, 400, 320) == back);
    g_assert_null (usga_corridor_layer_pick (layer, 400, 500));
  }
  gtk_window_destroy (window);
}

/* --- the UTOPIA edit form, as a click on a centre opens it ------------------- */


static void
collect_buttons (GtkWidget *root, GPtrArray *out)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, out);
}

/* A UTOPIA marker (its button carries the centre) named @name. */
static gboolean
has_marker_named (GtkWidget *root, const char *name)
{
  UsgaUtopia *u = g_object_get_data (G_OBJECT (root), "utopia");

  if (u && g_strcmp0 (u->name, name) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (has_marker_named (c, name))
      return TRUE;
  return FALSE;
}

/* The edit form (its box carries the form) is on screen. */
static gboolean
popover_shown (gpointer page)
{
  GtkWidget *form = usga_gui_test_find_with_data (page, "form");
  return form && gtk_widget_get_mapped (form);
}

static gboolean
popover_hidden (gpointer page)
{
  return !popover_shown (page);
}

static void
test_utopia_form (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) centres = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *marker, *popover, *entry, *save = NULL;
  UsgaUtopia *u;
  g_autofree char *renamed = NULL;
  guint named = 0;

  fixture_open (&f, "", FALSE);
  marker = usga_gui_test_find_with_data (GTK_WIDGET (f.page), "utopia");
  g_assert_nonnull (marker);
  u = g_object_get_data (G_OBJECT (marker), "utopia");
  renamed = g_strconcat (u->name, " (renamed)", NULL);
  g_signal_emit_by_name (marker, "clicked");
  g_assert_true (usga_test_wait_until (popover_shown, f.page, 10000));
  popover = usga_gui_test_find_with_data (GTK_WIDGET (f.page), "form");

  /* A saved centre's form: its name in the first entry, Move, then Save at the end. */
  entry = usga_gui_test_find_widget (popover, GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, u->name);
  collect_buttons (popover, buttons);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_cmpstr (gtk_button_get_label (buttons->pdata[0]), ==, "Move");
  save = buttons->pdata[1];
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "Save");
  g_assert_true (gtk_widget_has_css_class (save, "suggested-action"));

  gtk_editable_set_text (GTK_EDITABLE (entry), renamed);
  g_signal_emit_by_name (save, "clicked");
  /* The save runs on the writing thread: until it answers, the form cannot be sent again. */
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (usga_gui_test_wait_store_idle (f.store, 30000));
  g_assert_true (usga_test_wait_until (popover_hidden, f.page, 10000));
  /* The markers were rebuilt from the stored centres: the renamed one is on the map. */
  g_assert_true (has_marker_named (GTK_WIDGET (f.page), renamed));
  centres = usga_utopias_load (usga_store_get_db (f.store), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < centres->len; i++)
    named += g_strcmp0 (((UsgaUtopia *) centres->pdata[i])->name, renamed) == 0;
  g_assert_cmpuint (named, ==, 1);
  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* The application loads the style sheet; this test shows the page on its own. */
    GtkCssProvider *css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/org/usga/Dashboard/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_test_add_func ("/map-gui/projection-and-drawing", test_projection_matches_shumate);
  g_test_add_func ("/map-gui/online-layers", test_online_layers);
  g_test_add_func ("/map-gui/offline", test_offline);
  g_test_add_func ("/map-gui/utopia-form", test_utopia_form);
  return g_test_run ();
}
