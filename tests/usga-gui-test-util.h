/* usga-gui-test-util.h — screenshots of real widgets, as a person would see them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-application.h"
#include "usga-test-util.h"
#include "usga-window.h"

G_BEGIN_DECLS

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;   /* ready: the database is open and populated */
} UsgaGuiTestApp;

typedef void (*UsgaGuiTestDrive) (UsgaGuiTestApp *app, gpointer data);

/* The locale from the environment (the Spanish runs need theirs; gtk_test_init() would force C),
 * the build tree's translations, then g_test_init(). */
void  usga_gui_test_init            (int *argc, char ***argv);
/* $USGA_SCREENSHOT_DIR/<lang>, created. */
char *usga_gui_test_shots_dir       (void);
/* Runs the real application on @db_path, waits until its window is ready, calls @drive, then
 * closes the window and asserts the application exited cleanly. */
void  usga_gui_test_run_app         (const char *db_path, UsgaGuiTestDrive drive, gpointer data);

/* The first widget of @type in the tree under @root (depth first), or NULL. */
GtkWidget *usga_gui_test_find_widget (GtkWidget *root, GType type);
/* The first widget with CSS class @css_class in the tree under @root (depth first), or NULL. */
GtkWidget *usga_gui_test_find_by_class (GtkWidget *root, const char *css_class);

/* The first widget under @root carrying object data @key, or NULL. */
GtkWidget *usga_gui_test_find_with_data (GtkWidget *root, const char *key);
/* The first label on screen (mapped) under @root whose text contains @text, or NULL. */
GtkWidget *usga_gui_test_find_label (GtkWidget *root, const char *text);

/* Sets the store's period the way the filter bar does: through the filter's only writer. */
void usga_gui_test_set_period (UsgaStore *store, const char *from, const char *to);
/* Waits until @store has no query on a worker, no edit on the writing thread, and the main
 * context has nothing left to run (their results delivered to the pages). */
gboolean usga_gui_test_wait_store_idle (UsgaStore *store, guint timeout_ms);
/* Queues a redraw of @widget and waits until its frame clock has painted a frame (after-paint). */
gboolean usga_gui_test_wait_frame (GtkWidget *widget, guint timeout_ms);
/* Both, asserted with a generous timeout: what the store answered is on screen. */
void     usga_gui_test_settle (UsgaStore *store, GtkWidget *widget);

/* Renders @widget with its window's renderer and writes a PNG. */
void usga_gui_test_save_screenshot (GtkWidget *widget, const char *path);

G_END_DECLS
