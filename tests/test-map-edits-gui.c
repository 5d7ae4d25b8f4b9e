/* test-map-edits-gui.c — the map's edits on real widgets, with the store's main-thread
 * connection traced: drawing and saving a corridor, deleting it from its popover, saving and
 * moving a UTOPIA centre and importing GeoJSON files run no SQL on the main thread, and the
 * user sees each result (the toast, the corridors label, the layer and the markers).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "usga-corridor-layer.h"
#include "usga-gui-test-util.h"
#include "usga-map-page.h"
#include "usga-map-util.h"
#include "usga-store.h"

typedef struct {
  UsgaStore   *store;
  GtkWindow   *window;
  UsgaMapPage *page;
  char        *db_path;
  GPtrArray   *toasts;   /* what the page said, in order */
} Fixture;

static gboolean
page_loaded (gpointer data)
{
  return usga_map_page_is_loaded (((Fixture *) data)->page);
}

/* The window's "win.toast" action, as the application window has it: the page's messages. */
static void
on_toast (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  g_ptr_array_add (data, g_variant_dup_string (parameter, NULL));
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&f->db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);

  g_clear_pointer (&db, usga_db_close);
  g_settings_set_string (settings, "tile-url", "");
  f->toasts = g_ptr_array_new_with_free_func (g_free);
  f->store = usga_store_new (f->db_path);
  g_assert_true (usga_store_open (f->store, &error));
  g_assert_no_error (error);
  usga_gui_test_set_period (f->store, "2024-01-01", "2024-12-31");
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  g_signal_connect (toast, "activate", G_CALLBACK (on_toast), f->toasts);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
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
  g_assert_true (usga_gui_test_wait_store_idle (f->store, 30000));
  g_clear_object (&f->store);
  g_clear_pointer (&f->toasts, g_ptr_array_unref);
  g_free (f->db_path);
}

/* The edit answered (no write or read left, the main context drained): its last toast. */
static const char *
settle_toast (Fixture *f)
{
  g_assert_true (usga_gui_test_wait_store_idle (f->store, 30000));
  g_assert_cmpuint (f->toasts->len, >, 0);
  return g_ptr_array_index (f->toasts, f->toasts->len - 1);
}

/* Depth first: a button labelled, an entry with the placeholder, or a label containing @text. */
static GtkWidget *
find_text (GtkWidget *root, GType type, const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_visible (root))
    {
      if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)
        return root;
      if (GTK_IS_ENTRY (root) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (root)), text) == 0)
        return root;
      if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text (c, type, text);
      if (found)
        return found;
    }
  return NULL;
}


static guint
count_markers (GtkWidget *root, const char *name)
{
  UsgaUtopia *u = g_object_get_data (G_OBJECT (root), "utopia");
  guint n = u && (name == NULL || g_strcmp0 (u->name, name) == 0);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_markers (c, name);
  return n;
}

static GtkWidget *
find_marker (GtkWidget *root, const char *name)
{
  UsgaUtopia *u = g_object_get_data (G_OBJECT (root), "utopia");

  if (u && g_strcmp0 (u->name, name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_marker (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
form_shown (gpointer page)
{
  GtkWidget *form = usga_gui_test_find_with_data (page, "form");
  return form && gtk_widget_get_mapped (form);
}

static gboolean
count_line_shown (gpointer page)
{
  GtkWidget *form = usga_gui_test_find_with_data (page, "form");
  return form && find_text (form, GTK_TYPE_LABEL, "Crimes against women within 200 m") != NULL;
}

/* The page's own click handler (the map's capture-phase click gesture) at (@x, @y). */
static void
click_map (UsgaMapPage *page, double x, double y)
{
  GtkWidget *simple = GTK_WIDGET (usga_map_page_get_map (page));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (simple);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (c, "released", 1, x, y);
          return;
        }
    }
  g_assert_not_reached ();
}

static const char *
corridor_at (UsgaCorridorLayer *layer, double x, double y)
{
  UsgaCorridor *c = usga_corridor_layer_pick (layer, x, y);
  return c ? c->name : NULL;
}

static void
test_edits_off_main (void)
{
  Fixture f = { 0 };
  GtkWidget *page, *draw, *name, *save, *import, *marker, *form, *entry, *delete = NULL, *form_save = NULL;
  UsgaCorridorLayer *layer;
  UsgaMapTransform t;
  g_autofree char *corridors = g_test_build_filename (G_TEST_DIST, "geo", "corridors-good.geojson", NULL);
  g_autofree char *utopias = g_test_build_filename (G_TEST_DIST, "geo", "utopias-good.geojson", NULL);
  g_autofree char *malformed = g_test_build_filename (G_TEST_DIST, "geo", "corridors-malformed.geojson", NULL);
  g_autofree char *renamed = NULL;
  guint statements = G_MAXUINT, markers;
  double cx, cy, ex, ey, lon, lat;

  fixture_open (&f);
  page = GTK_WIDGET (f.page);
  g_assert_true (usga_store_get_main_sql (f.store, NULL, NULL));
  usga_store_reset_main_sql (f.store);
  layer = USGA_CORRIDOR_LAYER (usga_gui_test_find_widget (page, USGA_TYPE_CORRIDOR_LAYER));
  g_assert_nonnull (find_text (page, GTK_TYPE_LABEL, "No Safe Women’s Corridors yet"));

  /* Draw a corridor across the map's centre and save it from the edit bar. */
  draw = find_text (page, GTK_TYPE_BUTTON, "Draw corridor");
  g_signal_emit_by_name (draw, "clicked");
  cx = gtk_widget_get_width (GTK_WIDGET (layer)) / 2.0, cy = gtk_widget_get_height (GTK_WIDGET (layer)) / 2.0;
  usga_corridor_layer_add_vertex_at (layer, cx - 60, cy);
  usga_corridor_layer_add_vertex_at (layer, cx + 60, cy + 20);
  name = find_text (page, GTK_TYPE_ENTRY, "Corridor name");
  g_assert_nonnull (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Drawn off the main thread");
  save = find_text (page, GTK_TYPE_BUTTON, "Save corridor");
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_is_sensitive (save));   /* no second submit while it runs */
  g_assert_cmpstr (settle_toast (&f), ==, "Corridor saved");
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_get_mapped (name));     /* the edit bar is gone */
  g_assert_cmpstr (corridor_at (layer, cx, cy + 10), ==, "Drawn off the main thread");
  g_assert_nonnull (find_text (page, GTK_TYPE_LABEL, "within 200 m of a corridor"));

  /* Its popover: the women count arrives from a worker; Delete removes it. */
  click_map (f.page, cx, cy + 10);
  g_assert_true (usga_test_wait_until (form_shown, page, 10000));
  g_assert_true (usga_gui_test_wait_store_idle (f.store, 30000));
  g_assert_true (count_line_shown (page));
  form = usga_gui_test_find_with_data (page, "form");
  delete = find_text (form, GTK_TYPE_BUTTON, "Delete");
  g_assert_nonnull (delete);
  g_signal_emit_by_name (delete, "clicked");
  g_assert_false (gtk_widget_is_sensitive (delete));
  g_assert_cmpstr (settle_toast (&f), ==, "Corridor deleted");
  g_assert_false (form_shown (page));
  g_assert_null (corridor_at (layer, cx, cy + 10));
  g_assert_nonnull (find_text (page, GTK_TYPE_LABEL, "No Safe Women’s Corridors yet"));

  /* A UTOPIA centre renamed from its form. */
  markers = count_markers (page, NULL);
  g_assert_cmpuint (markers, >, 0);
  marker = usga_gui_test_find_with_data (page, "utopia");
  renamed = g_strconcat (((UsgaUtopia *) g_object_get_data (G_OBJECT (marker), "utopia"))->name, " (renamed)", NULL);
  g_signal_emit_by_name (marker, "clicked");
  g_assert_true (usga_test_wait_until (form_shown, page, 10000));
  form = usga_gui_test_find_with_data (page, "form");
  entry = usga_gui_test_find_widget (form, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), renamed);
  form_save = find_text (form, GTK_TYPE_BUTTON, "Save");
  g_signal_emit_by_name (form_save, "clicked");
  g_assert_false (gtk_widget_is_sensitive (form_save));
  g_assert_cmpstr (settle_toast (&f), ==, "UTOPIA centre saved");
  g_assert_false (form_shown (page));
  g_assert_cmpuint (count_markers (page, renamed), ==, 1);
  g_assert_cmpuint (count_markers (page, NULL), ==, markers);

  /* Moved: Move in its form, then a click on the map where it goes. */
  marker = find_marker (page, renamed);
  g_signal_emit_by_name (marker, "clicked");
  g_assert_true (usga_test_wait_until (form_shown, page, 10000));
  g_signal_emit_by_name (find_text (usga_gui_test_find_with_data (page, "form"), GTK_TYPE_BUTTON, "Move"), "clicked");
  click_map (f.page, cx + 5, cy - 70);
  g_assert_cmpstr (settle_toast (&f), ==, "UTOPIA centre moved");
  usga_map_transform_init (&t, shumate_simple_map_get_viewport (usga_map_page_get_map (f.page)),
                           gtk_widget_get_width (GTK_WIDGET (layer)), gtk_widget_get_height (GTK_WIDGET (layer)));
  usga_map_transform_to_lonlat (&t, cx + 5, cy - 70, &lon, &lat);
  marker = find_marker (page, renamed);
  g_assert_nonnull (marker);
  g_assert_cmpfloat_with_epsilon (((UsgaUtopia *) g_object_get_data (G_OBJECT (marker), "utopia"))->lon, lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (((UsgaUtopia *) g_object_get_data (G_OBJECT (marker), "utopia"))->lat, lat, 1e-9);

  /* Files: two corridors, one centre; a malformed file says so and imports nothing. */
  import = find_text (page, GTK_TYPE_BUTTON, "Import…");
  usga_map_page_import_file (f.page, corridors, FALSE);
  g_assert_false (gtk_widget_is_sensitive (import));
  g_assert_cmpstr (settle_toast (&f), ==, "Imported 2 corridors");
  g_assert_true (gtk_widget_is_sensitive (import));
  g_assert_nonnull (find_text (page, GTK_TYPE_LABEL, "within 200 m of a corridor"));
  usga_map_transform_lonlat (&t, -99.0650, 19.3575, &ex, &ey);
  g_assert_cmpstr (corridor_at (layer, ex, ey), ==, "Sendero Seguro Ermita");
  usga_map_page_import_file (f.page, utopias, TRUE);
  g_assert_cmpstr (settle_toast (&f), ==, "Imported 1 UTOPIA centre");
  g_assert_cmpuint (count_markers (page, "Utopía Nueva Prueba"), ==, 1);
  g_assert_cmpuint (count_markers (page, NULL), ==, markers + 1);
  usga_map_page_import_file (f.page, malformed, FALSE);
  g_assert_true (g_str_has_suffix (settle_toast (&f), " — nothing was imported."));
  g_assert_cmpstr (corridor_at (layer, ex, ey), ==, "Sendero Seguro Ermita");

  g_assert_true (usga_store_get_main_sql (f.store, &statements, NULL));
  g_assert_cmpuint (statements, ==, 0);
  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  /* Before any store opens (and before other threads could read the environment). */
  g_setenv ("USGA_TRACE_MAIN_SQL", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    GtkCssProvider *css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/org/usga/Dashboard/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_test_add_func ("/map-edits-gui/off-main-thread", test_edits_off_main);
  return g_test_run ();
}
