/* usga-gui-test-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "usga-gui-test-util.h"

void
usga_gui_test_init (int *argc, char ***argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("USGA_LOCALEDIR") ? g_getenv ("USGA_LOCALEDIR") : LOCALEDIR);
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

GtkWidget *
usga_gui_test_find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = usga_gui_test_find_widget (child, type);
      if (found)
        return found;
    }
  return NULL;
}

void
usga_gui_test_save_screenshot (GtkWidget *widget, const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* A widget whose layout is pending (new content arrived just now) draws nothing until the
   * next frame: wait for one that draws, up to 5 s. */
  for (int tries = 0; node == NULL && tries < 50; tries++)
    {
      usga_test_spin (100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
