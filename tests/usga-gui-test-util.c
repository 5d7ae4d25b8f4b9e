/* usga-gui-test-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "usga-gui-test-util.h"

void
usga_gui_test_init (int *argc, char ***argv)
{
  usga_test_setlocale_or_skip (NULL);
  bindtextdomain (GETTEXT_PACKAGE, usga_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
}

char *
usga_gui_test_shots_dir (void)
{
  const char *lang = g_getenv ("USGA_SCREENSHOT_LANG");
  char *dir = g_build_filename (g_getenv ("USGA_SCREENSHOT_DIR") ? g_getenv ("USGA_SCREENSHOT_DIR") : ".",
                                lang ? lang : "en", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

typedef struct {
  UsgaGuiTestApp   app;
  UsgaGuiTestDrive drive;
  gpointer         data;
  gboolean         driven;
} Session;

static gboolean
window_ready (gpointer data)
{
  Session *s = data;

  return usga_window_is_ready (s->app.window);
}

static gboolean
drive_session (gpointer data)
{
  Session *s = data;

  s->app.window = USGA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (s->app.app)));
  g_assert_nonnull (s->app.window);
  g_assert_true (usga_test_wait_until (window_ready, s, 60000));
  s->drive (&s->app, s->data);
  s->driven = TRUE;
  gtk_window_destroy (GTK_WINDOW (s->app.window));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, Session *s)
{
  g_idle_add (drive_session, s);
}

void
usga_gui_test_run_app (const char *db_path, UsgaGuiTestDrive drive, gpointer data)
{
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db_path);
  char *argv[] = { "usga-dashboard", db_arg, NULL };
  Session s = { { NULL, NULL }, drive, data, FALSE };

  s.app.app = usga_application_new ();
  g_signal_connect_after (s.app.app, "activate", G_CALLBACK (on_activate), &s);
  g_assert_cmpint (g_application_run (G_APPLICATION (s.app.app), 2, argv), ==, 0);
  g_assert_true (s.driven);
  g_object_unref (s.app.app);
}

/* Depth first: the first widget under @root (itself included) that @match accepts. */
static GtkWidget *
find_first (GtkWidget *root, gboolean (*match) (GtkWidget *widget, gconstpointer data), gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
has_css_class (GtkWidget *widget, gconstpointer css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

GtkWidget *
usga_gui_test_find_widget (GtkWidget *root, GType type)
{
  return find_first (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
usga_gui_test_find_by_class (GtkWidget *root, const char *css_class)
{
  return find_first (root, has_css_class, css_class);
}

static gboolean
has_data (GtkWidget *widget, gconstpointer key)
{
  return g_object_get_data (G_OBJECT (widget), key) != NULL;
}

GtkWidget *
usga_gui_test_find_with_data (GtkWidget *root, const char *key)
{
  return find_first (root, has_data, key);
}

static gboolean
label_contains (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text);
}

GtkWidget *
usga_gui_test_find_label (GtkWidget *root, const char *text)
{
  return find_first (root, label_contains, text);
}

static gboolean
store_idle (gpointer data)
{
  /* A write's callback is queued before the write stops counting, and it may start a query. */
  return usga_store_get_queries_in_flight (data) == 0 && usga_store_get_writes_in_flight () == 0
         && !g_main_context_pending (NULL);
}

gboolean
usga_gui_test_wait_store_idle (UsgaStore *store, guint timeout_ms)
{
  return usga_test_wait_until (store_idle, store, timeout_ms);
}

static gboolean
painted (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_after_paint (GdkFrameClock *clock, gboolean *flag)
{
  *flag = TRUE;
}

gboolean
usga_gui_test_wait_frame (GtkWidget *widget, guint timeout_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean flag = FALSE, ok;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &flag);
  gtk_widget_queue_draw (widget);
  ok = usga_test_wait_until (painted, &flag, timeout_ms);
  g_signal_handler_disconnect (clock, id);
  return ok;
}

void
usga_gui_test_settle (UsgaStore *store, GtkWidget *widget)
{
  g_assert_true (usga_gui_test_wait_store_idle (store, 30000));
  g_assert_true (usga_gui_test_wait_frame (widget, 20000));
}

/* The widget's picture; when it has drawn nothing yet (a window still being mapped on a busy
 * X server), waits for its next frame and tries again. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget, int width, int height)
{
  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node)
        return node;
      usga_gui_test_wait_frame (widget, 2000);
    }
  return NULL;
}

void
usga_gui_test_save_screenshot (GtkWidget *widget, const char *path)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  node = snapshot_widget (widget, width, height);
  g_assert_nonnull (node);
  width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
usga_gui_test_set_period (UsgaStore *store, const char *from, const char *to)
{
  g_autoptr(UsgaFilter) next = usga_filter_copy (usga_store_get_filter (store));

  usga_filter_set_period (next, from, to);
  usga_store_set_filter (store, next);
}
