/* test-gui.c — opens the real application window on a fresh database, waits for the bundled
 * import, visits every page and saves a screenshot of each into the build directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-chart-view.h"
#include "usga-filter-bar.h"
#include "usga-map-page.h"
#include "usga-method-button.h"
#include "usga-gui-test-util.h"
#include "usga-recommendations-page.h"
#include "usga-trends-page.h"
#include "usga-sparkline.h"
#include "usga-window.h"

static const char *const pages[] = { "overview", "trends", "map", "recommendations", "data" };

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  char            *shots_dir;
  const char      *db_path;
  int              status;
} Run;



/* The first KPI card's count label (the "title-1" label). */
static const char *
first_kpi_count (GtkWidget *root)
{
  GtkWidget *card = usga_gui_test_find_by_class (root, "kpi");
  GtkWidget *count = card ? usga_gui_test_find_by_class (card, "title-1") : NULL;

  return count ? gtk_label_get_text (GTK_LABEL (count)) : "";
}

typedef struct {
  GtkWidget *root;
  const char *want;
} CountWait;

static gboolean
kpi_count_is (gpointer data)
{
  CountWait *w = data;
  return g_strcmp0 (first_kpi_count (w->root), w->want) == 0;
}


static gboolean
page_says (gpointer data)
{
  CountWait *w = data;

  return usga_gui_test_find_label (w->root, w->want) != NULL;
}

static gboolean
first_kpi_says (gpointer data)
{
  CountWait *w = data;
  GtkWidget *card = usga_gui_test_find_by_class (w->root, "kpi");

  return card && usga_gui_test_find_label (card, w->want) != NULL;
}

typedef struct {
  Run        *run;
  const char *page;
  const char *kpi;   /* what the first card must read on the Overview */
} PageWait;

/* The page named @page is the one on screen, showing what its data says. */
static gboolean
page_shows (gpointer data)
{
  PageWait *w = data;
  GtkWidget *root = GTK_WIDGET (w->run->window);
  GtkWidget *stack = usga_gui_test_find_widget (root, ADW_TYPE_VIEW_STACK);
  GtkWidget *page;

  /* Built when first shown, in the stack's slot for it. */
  if (stack == NULL || g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), w->page) != 0)
    return FALSE;
  page = usga_window_get_page (w->run->window, w->page);
  if (!gtk_widget_get_mapped (page) || !gtk_widget_is_ancestor (page, adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack))))
    return FALSE;
  if (g_str_equal (w->page, "overview"))
    return g_strcmp0 (first_kpi_count (page), w->kpi) == 0;
  if (g_str_equal (w->page, "trends"))
    {
      for (guint i = 0; i < 4; i++)
        if (usga_chart_view_get_model (USGA_CHART_VIEW (usga_trends_page_get_chart (USGA_TRENDS_PAGE (page), i))) == NULL)
          return FALSE;
      return TRUE;
    }
  if (g_str_equal (w->page, "map"))
    return usga_map_page_is_loaded (USGA_MAP_PAGE (page));
  if (g_str_equal (w->page, "recommendations"))
    return usga_recommendations_page_get_n_shown (USGA_RECOMMENDATIONS_PAGE (page)) == 109;
  return TRUE;
}

static gboolean
is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static gboolean
preferences_mapped (gpointer data)
{
  Run *run = data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l; l = l->next)
    if (l->data != (gpointer) run->window && gtk_widget_get_mapped (l->data))
      return TRUE;
  return FALSE;
}

static gboolean
popover_drawn (gpointer data)
{
  GtkWidget *popover = data;
  return gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0;
}

/* Each KPI card has an "i" whose popover says how the figure is made; the filter bar can
 * leave out the hechos no delictivos, and "All carpetas" then counts that many fewer. */
static gboolean
kpi_sparkline_shown (gpointer root)
{
  GtkWidget *card = usga_gui_test_find_by_class (root, "kpi");

  return card && usga_gui_test_find_widget (card, USGA_TYPE_SPARKLINE);
}

static void
check_methods_and_non_crimes (Run *run, const char *db_path)
{
  GtkWidget *root = GTK_WIDGET (run->window);
  GtkWidget *button, *check = NULL, *bar;
  g_autofree char *path = g_build_filename (run->shots_dir, "overview-method.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (db_path, USGA_DB_OPEN_READONLY, &error);
  gint64 all = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);
  gint64 non_criminal = usga_db_query_int (db,
      "SELECT count(*) FROM incident i JOIN delito d ON d.id = i.delito_id WHERE d.category = 'non_criminal'", -1);
  g_autofree char *with = usga_format_count (all);
  g_autofree char *without = usga_format_count (all - non_criminal);
  CountWait wait = { root, with };
  const char *text;

  g_assert_no_error (error);
  usga_window_show_page (run->window, "overview");
  usga_test_wait_until (kpi_count_is, &wait, 20000);
  g_assert_cmpstr (first_kpi_count (root), ==, wait.want);
  /* The card's sparkline (the one drawing, usga-chart-sparkline.c) says what it spans. */
  g_assert_true (usga_test_wait_until (kpi_sparkline_shown, root, 20000));
  {
    GtkWidget *line = usga_gui_test_find_widget (usga_gui_test_find_by_class (root, "kpi"), USGA_TYPE_SPARKLINE);
    const char *tip = gtk_widget_get_tooltip_text (line);

    g_assert_nonnull (strstr (tip, "2024-01"));
    g_assert_nonnull (strstr (tip, "2024-12"));
  }
  button = usga_gui_test_find_by_class (usga_gui_test_find_by_class (root, "kpi"), "method-button");
  g_assert_nonnull (button);
  text = usga_method_button_get_text (button);
  /* Language-independent parts: the period counted and the year compared. */
  g_assert_nonnull (strstr (text, "2024-01-01"));
  g_assert_nonnull (strstr (text, "2023"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (usga_test_wait_until (popover_drawn, gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)), 10000));
  g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), 20000));
  /* The popover is a surface of its own: shoot it, not the window. */
  usga_gui_test_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), path);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  bar = usga_gui_test_find_widget (root, USGA_TYPE_FILTER_BAR);
  g_assert_nonnull (bar);
  for (GtkWidget *w = usga_gui_test_find_by_class (bar, "exclude-non-crimes"); w; w = NULL)
    check = w;
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait.want = without;
  usga_test_wait_until (kpi_count_is, &wait, 20000);
  g_assert_cmpstr (first_kpi_count (root), ==, wait.want);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  wait.want = with;
  usga_test_wait_until (kpi_count_is, &wait, 20000);
  g_assert_cmpstr (first_kpi_count (root), ==, wait.want);

  /* March–June 2024 against quarterly 2023: the cards count 2024-Q1–Q2 whole, and say so. */
  {
    UsgaFilter *filter = usga_store_get_filter (usga_application_get_store (run->app));
    g_autofree char *shot = g_build_filename (run->shots_dir, "overview-snapped.png", NULL);
    g_autofree char *q12 = usga_format_count (usga_db_query_int (db,
        "SELECT count(*) FROM incident WHERE date BETWEEN '2024-01-01' AND '2024-06-30'", -1));
    g_autoptr(UsgaFilter) next = usga_filter_copy (filter);

    /* Through the store, the filter's only writer (a change in place would refresh nothing). */
    usga_filter_set_period (next, "2024-03-01", "2024-06-30");
    usga_store_set_filter (usga_application_get_store (run->app), next);
    wait.want = q12;
    usga_test_wait_until (kpi_count_is, &wait, 20000);
    g_assert_cmpstr (first_kpi_count (root), ==, wait.want);
    usga_gui_test_settle (usga_application_get_store (run->app), root);
    usga_gui_test_save_screenshot (root, shot);
    /* Open-ended ("from the first record"): a year earlier would overlap, so the cards compare
     * nothing and say so, instead of "= 0.0 %" against themselves. */
    usga_filter_set_period (next, NULL, "2024-12-31");
    usga_store_set_filter (usga_application_get_store (run->app), next);
    wait.want = g_dgettext (GETTEXT_PACKAGE, "No change shown");
    g_assert_true (usga_test_wait_until (first_kpi_says, &wait, 20000));
    wait.want = g_dgettext (GETTEXT_PACKAGE, "The period is open-ended: choose dates to compare");
    g_assert_true (first_kpi_says (&wait));
    /* 2023 by colonia is apportioned: the ranking says so on its face. */
    usga_filter_set_period (next, "2023-01-01", "2023-12-31");
    usga_store_set_filter (usga_application_get_store (run->app), next);
    wait.want = g_dgettext (GETTEXT_PACKAGE, "Before 2024 the colonia figures are estimates from 2024 point shares "
                                             "(the “i” gives the rule).");
    g_assert_true (usga_test_wait_until (page_says, &wait, 20000));
    usga_filter_set_year_ending (next, "2024-12-31");
    usga_store_set_filter (usga_application_get_store (run->app), next);
    wait.want = with;
    usga_test_wait_until (kpi_count_is, &wait, 20000);
    g_assert_cmpstr (first_kpi_count (root), ==, wait.want);
  }
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  GtkWindow *window = GTK_WINDOW (app->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (run->db_path, USGA_DB_OPEN_READONLY, &error);
  /* The first card counts every carpeta of the bundled year, hand-counted in SQL. */
  g_autofree char *all = usga_format_count (usga_db_query_int (db, "SELECT count(*) FROM incident", -1));
  PageWait wait = { run, NULL, all };

  g_assert_no_error (error);
  run->app = app->app;
  run->window = app->window;
  gtk_window_set_default_size (window, 1366, 768);

  /* Every page in the light style, then in the dark one (the style-variant setting, live). */
  for (guint style = 0; style < 2; style++)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "style-variant", style ? "dark" : "light");
      g_assert_true (usga_test_wait_until (is_dark, GINT_TO_POINTER (style == 1), 20000));
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s%s.png", pages[i], style ? "-dark" : "");
          g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);

          usga_window_show_page (run->window, pages[i]);
          /* Pages query on worker threads: wait until this one shows its answer, then a frame. */
          wait.page = pages[i];
          g_assert_true (usga_test_wait_until (page_shows, &wait, 30000));
          usga_gui_test_settle (usga_application_get_store (run->app), GTK_WIDGET (window));
          g_assert_true (page_shows (&wait));
          usga_gui_test_save_screenshot (GTK_WIDGET (window), path);
          g_test_message ("screenshot: %s", path);
        }
      g_assert_cmpint (adw_style_manager_get_dark (adw_style_manager_get_default ()), ==, style == 1);
    }
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "style-variant", "follow");
  }

  /* Preferences open on top and bind to the settings. */
  {
    g_autofree char *path = g_build_filename (run->shots_dir, "preferences.png", NULL);
    GtkWindow *preferences = NULL;
    GList *windows;

    g_action_group_activate_action (G_ACTION_GROUP (run->app), "preferences", NULL);
    g_assert_true (usga_test_wait_until (preferences_mapped, run, 20000));
    windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
    for (GList *l = windows; l; l = l->next)
      if (l->data != window)
        preferences = l->data;
    g_assert_nonnull (preferences);
    g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (preferences), 20000));
    usga_gui_test_save_screenshot (GTK_WIDGET (preferences), path);
    gtk_window_destroy (preferences);
  }

  check_methods_and_non_crimes (run, run->db_path);
  run->status = 0;
}

static void
test_window_pages (void)
{
  g_autofree char *db = usga_test_db_path ();
  Run run = { 0 };

  run.status = 1;
  run.db_path = db;
  run.shots_dir = usga_gui_test_shots_dir ();
  usga_gui_test_run_app (db, drive, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.shots_dir);
}

int
main (int argc, char **argv)
{
  /* Not gtk_test_init(): it forces the C locale, and the Spanish run needs its locale. */
  usga_gui_test_init (&argc, &argv);
  {
    /* No basemap: tests never reach the internet (test-map-gui runs a local tile server). */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "tile-url", "");
  }

  g_test_add_func ("/gui/window-pages", test_window_pages);
  return g_test_run ();
}
