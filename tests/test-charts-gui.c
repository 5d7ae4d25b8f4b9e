/* test-charts-gui.c — the Overview and Trends pages in the real window: charts get models
 * whose numbers equal usga_stats_query(), keyboard focus walks data points, "Show as table"
 * shows the numbers, the dark style reaches the drawing; screenshots at 1366×768 and
 * 1920×1080, light and dark, into build/screenshots/<lang>/.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-chart-view.h"
#include "usga-filter-bar.h"
#include "usga-gui-test-util.h"
#include "usga-trends-page.h"
#include "usga-window.h"

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  char            *shots_dir;
  char            *db_path;
  int              status;
} Run;

static gboolean
charts_loaded (gpointer data)
{
  UsgaTrendsPage *page = data;

  for (guint i = 0; i < 4; i++)
    if (usga_chart_view_get_model (USGA_CHART_VIEW (usga_trends_page_get_chart (page, i))) == NULL)
      return FALSE;
  return TRUE;
}

/* Once the store's answers are drawn: the callers assert what the picture shows. */
static void
shoot (Run *run, GtkWidget *widget, const char *name)
{
  g_autofree char *path = g_build_filename (run->shots_dir, name, NULL);

  usga_gui_test_settle (usga_application_get_store (run->app), widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  usga_gui_test_save_screenshot (widget, path);
  g_test_message ("screenshot: %s", path);
}

typedef struct {
  GtkWidget *widget;
  int        width;
} SizeWait;

/* The window took the new size (its client-side decorations keep a few pixels of it). */
static gboolean
has_width (gpointer data)
{
  SizeWait *w = data;
  return ABS (gtk_widget_get_width (w->widget) - w->width) <= 40;
}

static gboolean
table_shown (gpointer data)
{
  GtkWidget *table = usga_gui_test_find_widget (data, GTK_TYPE_GRID);
  return table && gtk_widget_get_mapped (table);
}


typedef struct {
  GtkWidget *root;
  char      *want;
} CountWait;

/* What the first KPI card's count label (the "title-1" label) reads on screen ("" unmapped). */
static const char *
first_kpi_count (GtkWidget *root)
{
  GtkWidget *card = usga_gui_test_find_by_class (root, "kpi");
  GtkWidget *count = card ? usga_gui_test_find_by_class (card, "title-1") : NULL;

  return count && gtk_widget_get_mapped (count) ? gtk_label_get_text (GTK_LABEL (count)) : "";
}

static gboolean
kpi_shows (gpointer data)
{
  CountWait *w = data;
  return g_strcmp0 (first_kpi_count (w->root), w->want) == 0;
}

static GtkWidget *
find_check (GtkWidget *widget, const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
two_series (gpointer data)
{
  UsgaChartModel *m = usga_chart_view_get_model (USGA_CHART_VIEW (usga_trends_page_get_chart (data, 0)));
  return m && m->series->len == 2;
}

/* Several categories at once through the filter bar: the shared filter holds both and the
 * time series draws one line each. An invalid custom date is refused and marked. */
static void
check_filter_bar (Run *run, UsgaTrendsPage *page)
{
  GtkWidget *bar = usga_gui_test_find_widget (GTK_WIDGET (run->window), USGA_TYPE_FILTER_BAR);
  UsgaFilter *filter = usga_store_get_filter (usga_application_get_store (run->app));
  GtkWidget *dv = find_check (bar, usga_category_name ("domestic_violence"));
  GtkWidget *homicide = find_check (bar, usga_category_name ("homicide"));
  GtkWidget *all = find_check (bar, _("All carpetas"));
  GtkWidget *period = usga_gui_test_find_widget (bar, GTK_TYPE_DROP_DOWN);
  GtkWidget *from_entry = usga_gui_test_find_widget (bar, GTK_TYPE_ENTRY);
  g_autofree char *before_from = NULL;

  g_assert_nonnull (dv);
  g_assert_nonnull (homicide);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (dv), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (homicide), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (all)));
  g_assert_cmpuint (g_strv_length ((GStrv) usga_filter_get_categories (filter)), ==, 2);
  g_assert_true (usga_test_wait_until (two_series, page, 20000));
  shoot (run, usga_trends_page_get_chart (page, 0), "trends-two-categories.png");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (all), TRUE);
  g_assert_null (usga_filter_get_categories (filter) ? usga_filter_get_categories (filter)[0] : NULL);

  /* Custom dates: the last period entry; a bad date leaves the filter alone. */
  before_from = g_strdup (usga_filter_get_date_from (filter));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (period), 5);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (from_entry)));
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "2024-02-30");
  g_signal_emit_by_name (from_entry, "activate");
  g_assert_true (gtk_widget_has_css_class (from_entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "2024-06-01");
  g_signal_emit_by_name (from_entry, "activate");
  g_assert_false (gtk_widget_has_css_class (from_entry, "error"));
  g_assert_cmpstr (usga_filter_get_date_from (filter), ==, "2024-06-01");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (period), 0);
  g_assert_cmpstr (usga_filter_get_date_from (filter), ==, before_from);
}

static gboolean
send_key (GtkWidget *widget, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
check_trends (Run *run, UsgaTrendsPage *page)
{
  UsgaChartView *series_view = USGA_CHART_VIEW (usga_trends_page_get_chart (page, 0));
  UsgaChartView *heat_view = USGA_CHART_VIEW (usga_trends_page_get_chart (page, 2));
  UsgaChartView *victims_view = USGA_CHART_VIEW (usga_trends_page_get_chart (page, 3));
  UsgaChartModel *series = usga_chart_view_get_model (series_view);
  UsgaChartModel *heat = usga_chart_view_get_model (heat_view);
  GtkWidget *canvas = usga_chart_view_get_canvas (series_view);
  UsgaStore *store = usga_application_get_store (run->app);
  UsgaFilter *filter = usga_store_get_filter (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) quarters = usga_stats_query (usga_store_get_db (store), filter, USGA_BY_QUARTER, &error);
  g_autoptr(GPtrArray) models = NULL;
  GtkWidget *table;

  g_assert_no_error (error);
  /* The page's time series is the quarterly aggregate of the shared filter, period by period. */
  g_assert_cmpint (usga_chart_model_total (series), ==, quarters->total);
  g_assert_cmpuint (usga_chart_model_n_x (series), ==, quarters->rows->len);
  for (guint i = 0; i < quarters->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (quarters->rows, i);
      UsgaChartSeries *line = g_ptr_array_index (series->series, 0);
      g_assert_cmpstr (g_ptr_array_index (series->x_keys, i), ==, row->key);
      g_assert_cmpint (g_array_index (line->counts, gint64, i), ==, row->count);
      g_assert_cmpstr (g_ptr_array_index (series->x_sources, i), ==, row->source);
    }
  g_assert_cmpint (series->kind, ==, USGA_CHART_TIME_SERIES);
  g_assert_cmpint (series->granularity, ==, USGA_BY_QUARTER);
  g_assert_cmpint (heat->kind, ==, USGA_CHART_HEATMAP);
  g_assert_nonnull (heat->note);
  g_assert_nonnull (strstr (heat->note, "00:00"));
  /* Victims: the bundled data has no víctimas rows, and the chart says why. */
  g_assert_nonnull (usga_chart_view_get_model (victims_view)->empty_message);

  /* Keyboard: Home focuses the first point, Right moves on, End the last one. */
  gtk_widget_grab_focus (canvas);
  g_assert_true (send_key (canvas, GDK_KEY_Home));
  g_assert_cmpint (series->focus_index, ==, 0);
  g_assert_true (send_key (canvas, GDK_KEY_Right));
  g_assert_cmpint (series->focus_index, ==, 1);
  g_assert_true (send_key (canvas, GDK_KEY_End));
  g_assert_cmpint (series->focus_index, ==, (int) usga_chart_model_n_x (series) - 1);
  shoot (run, GTK_WIDGET (series_view), "trends-series-focused.png");
  g_assert_true (send_key (canvas, GDK_KEY_Escape));
  g_assert_cmpint (series->focus_index, ==, -1);

  /* Show as table: a grid with a header and one row per period and series. */
  usga_chart_view_set_show_table (series_view, TRUE);
  g_assert_true (usga_test_wait_until (table_shown, series_view, 20000));
  table = usga_gui_test_find_widget (GTK_WIDGET (series_view), GTK_TYPE_GRID);
  g_assert_nonnull (table);
  g_assert_true (gtk_widget_is_visible (table));
  {
    guint labels = 0;
    for (GtkWidget *c = gtk_widget_get_first_child (table); c; c = gtk_widget_get_next_sibling (c))
      labels++;
    /* period, series, carpetas, source */
    g_assert_cmpuint (labels, ==, 4 * (1 + usga_chart_model_n_x (series) * series->series->len));
  }
  shoot (run, GTK_WIDGET (series_view), "trends-series-table.png");
  usga_chart_view_set_show_table (series_view, FALSE);

  /* Totals drawn equal the shared aggregate for the same filter (the page uses the store's). */
  models = usga_trends_page_get_models (page);
  g_assert_cmpuint (models->len, ==, 4);
}

static void
visit (Run *run, UsgaTrendsPage *page, int width, int height, gboolean dark)
{
  GtkWindow *window = GTK_WINDOW (run->window);
  const char *variant = dark ? "dark" : "light";
  SizeWait size = { GTK_WIDGET (window), width };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (run->db_path, USGA_DB_OPEN_READONLY, &error);
  /* The figure the first card must show for the default filter (the bundled year), counted in SQL. */
  g_autofree char *want = usga_format_count (usga_db_query_int (db, "SELECT count(*) FROM incident", -1));
  CountWait kpi = { GTK_WIDGET (window), want };

  g_assert_no_error (error);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (window, width, height);
  usga_test_wait_until (has_width, &size, 20000);
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width), <=, 40);

  usga_window_show_page (run->window, "overview");
  usga_test_wait_until (kpi_shows, &kpi, 30000);
  g_assert_cmpstr (first_kpi_count (GTK_WIDGET (window)), ==, want);
  {
    g_autofree char *name = g_strdup_printf ("overview-%dx%d-%s.png", width, height, variant);
    shoot (run, GTK_WIDGET (window), name);
  }
  usga_window_show_page (run->window, "trends");
  g_assert_true (usga_test_wait_until (charts_loaded, page, 30000));
  {
    g_autofree char *name = g_strdup_printf ("trends-%dx%d-%s.png", width, height, variant);
    shoot (run, GTK_WIDGET (window), name);
  }
  /* The drawing read the style manager. */
  g_assert_cmpint (usga_chart_view_get_model (USGA_CHART_VIEW (usga_trends_page_get_chart (page, 0)))->dark, ==, dark);
  if (width == 1366)
    for (guint i = 1; i < 4; i++)
      {
        g_autofree char *name = g_strdup_printf ("trends-chart%u-%s.png", i, variant);
        shoot (run, usga_trends_page_get_chart (page, i), name);
      }
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  UsgaTrendsPage *page;

  run->app = app->app;
  run->window = app->window;
  /* Pages are built when first shown; this builds the Trends page now. */
  page = USGA_TRENDS_PAGE (usga_window_get_page (run->window, "trends"));
  g_assert_nonnull (page);

  visit (run, page, 1366, 768, FALSE);
  check_trends (run, page);
  check_filter_bar (run, page);
  visit (run, page, 1366, 768, TRUE);
  visit (run, page, 1920, 1080, FALSE);
  visit (run, page, 1920, 1080, TRUE);

  run->status = 0;
}

static void
test_overview_trends (void)
{
  Run run = { 0 };

  run.db_path = usga_test_db_path ();
  run.status = 1;
  run.shots_dir = usga_gui_test_shots_dir ();
  usga_gui_test_run_app (run.db_path, drive, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.shots_dir);
  g_free (run.db_path);
}

int
main (int argc, char **argv)
{
  usga_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/overview-trends", test_overview_trends);
  return g_test_run ();
}
