/* usga-overview-page.c — headline KPIs with year-over-year change, and the colonias with
 * the highest rates for the current filter.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-chart-view.h"
#include "usga-method-button.h"
#include "usga-overview-page.h"
#include "usga-page-util.h"
#include "usga-sparkline.h"

/* Minimum 2020 population for a colonia to be ranked: tiny denominators make wild rates. */
#define MIN_RANKED_POPULATION 1000
#define TOP_COLONIAS 10

struct _UsgaOverviewPage {
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *period_label;
  GtkWidget *compare_note;   /* what the cards count and compare */
  GtkWidget *kpi_box;
  GtkWidget *top_note;
  GtkWidget *top_heading;
  GtkWidget *top_method;     /* "i" of the ranking */
  GtkWidget *top_list;
  GtkWidget *footer_label;

  UsgaStore *store;
  UsgaComparison *comparison;  /* the KPIs now and a year earlier, like with like */
  UsgaChartModel *sparklines;  /* series 0: all carpetas, then one per usga_kpi_keys() entry */
  GPtrArray *baselines;        /* UsgaBaseline*, the report's stated changes */
  GPtrArray *datasets;         /* UsgaDatasetInfo*, read on a worker for the footer */
  guint      context_generation;  /* the store's data generation baselines and footer are from */
  GCancellable *context_cancellable;
};

G_DEFINE_FINAL_TYPE (UsgaOverviewPage, usga_overview_page, GTK_TYPE_WIDGET)

/* "Report 2015→2020: +47.5 %" for the category, or NULL when the report gives none. */
static char *
baseline_line (UsgaOverviewPage *self, const char *key)
{
  g_autoptr(GPtrArray) found = usga_report_baseline_for (self->baselines, key);
  GString *s;

  if (found->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      UsgaBaseline *b = g_ptr_array_index (found, i);
      g_autofree char *change = usga_format_change (b->change_pct);

      if (i)
        g_string_append (s, "\n");
      if (found->len > 1)
        g_string_append_printf (s, _("Report %d→%d, %s: %s"), b->from_year, b->to_year,
                                usga_category_name (b->category), change);
      else
        g_string_append_printf (s, _("Report %d→%d: %s"), b->from_year, b->to_year, change);
    }
  return g_string_free (s, FALSE);
}

/* The "i" text of a card: what is compared, and how each side is counted. */
static char *
kpi_method (UsgaOverviewPage *self, const char *key)
{
  UsgaComparison *c = self->comparison;
  g_autofree char *what = NULL;

  if (c == NULL)
    return NULL;
  what = key ? g_strdup_printf (_("%s: the FGJ delitos that data/delito_categories.csv maps to this category."),
                                usga_category_name (key))
             : g_strdup (_("All carpetas: every carpeta for the area and period."));
  if (c->before == NULL)   /* open-ended period: the label says why nothing is compared */
    return g_strdup_printf ("%s\n%s.\n\n%s", what, c->label, c->now->method);
  return g_strdup_printf (_("%s\nChange: %s.\n\nNow: %s\n\nA year earlier: %s"),
                          what, c->label, c->now->method, c->before->method);
}

static GtkWidget *
kpi_card (UsgaOverviewPage *self, guint series, const char *key, const char *title, gint64 count, gint64 before)
{
  double change = usga_percent_change (before, count);
  gboolean compared = self->comparison == NULL || !self->comparison->open_ended;
  g_autofree char *count_text = usga_format_count (count);
  g_autofree char *change_text = compared ? usga_format_change (change) : g_strdup (_("No change shown"));
  g_autofree char *before_text = usga_format_count (before);
  g_autofree char *before_period = self->comparison && compared
    ? usga_stats_period_name (usga_filter_get_date_from (self->comparison->before_filter),
                              usga_filter_get_date_to (self->comparison->before_filter))
    : NULL;
  g_autofree char *detail = !compared ? g_strdup (_("The period is open-ended: choose dates to compare"))
                          : before_period ? g_strdup_printf (_("%s in %s"), before_text, before_period)
                                          : g_strdup_printf (_("%s a year earlier"), before_text);
  g_autofree char *accessible = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *method = kpi_method (self, key);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "kpi");

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (heading), usga_method_button_new (method));
  gtk_box_append (GTK_BOX (card), heading);

  label = gtk_label_new (count_text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (change_text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (compared)
    gtk_widget_add_css_class (label, usga_change_css_class (change));
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  if (self->comparison)
    gtk_widget_set_tooltip_text (label, self->comparison->label);
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (card), label);

  if (self->sparklines && series < self->sparklines->series->len)
    gtk_box_append (GTK_BOX (card), usga_sparkline_new (self->sparklines, series));

  baseline = baseline_line (self, key);
  if (baseline)
    {
      label = gtk_label_new (baseline);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_tooltip_text (label, _("The change the USGA report states for this crime (data/report_baseline.csv)"));
      gtk_box_append (GTK_BOX (card), label);
    }

  accessible = g_strdup_printf (_("%s: %s carpetas, %s against a year earlier (%s)"),
                                title, count_text, change_text, before_text);
  if (baseline)
    {
      char *with_baseline = g_strdup_printf ("%s. %s", accessible, baseline);
      g_free (accessible);
      accessible = with_baseline;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return card;
}

/* "All carpetas" says whether it takes in the hechos no delictivos, and how many. */
static char *
all_carpetas_title (UsgaOverviewPage *self)
{
  UsgaStats *now = self->comparison ? self->comparison->now : NULL;
  g_autofree char *n = NULL;

  if (usga_filter_get_exclude_non_crimes (usga_store_get_filter (self->store)))
    return g_strdup (_("All carpetas except hechos no delictivos"));
  if (now == NULL || now->non_criminal < 0)
    return g_strdup (_("All carpetas, including hechos no delictivos"));
  n = usga_format_count (now->non_criminal);
  return g_strdup_printf (_("All carpetas, including %s hechos no delictivos"), n);
}

static void
rebuild_kpis (UsgaOverviewPage *self)
{
  GtkWidget *child;
  UsgaStats *current = self->comparison ? self->comparison->now : NULL;
  UsgaStats *previous = self->comparison ? self->comparison->before : NULL;
  g_autofree char *all_title = all_carpetas_title (self);

  while ((child = gtk_widget_get_first_child (self->kpi_box)))
    gtk_flow_box_remove (GTK_FLOW_BOX (self->kpi_box), child);

  gtk_flow_box_append (GTK_FLOW_BOX (self->kpi_box),
                       kpi_card (self, 0, NULL, all_title, usga_kpi_count_in (current, NULL), usga_kpi_count_in (previous, NULL)));
  for (guint i = 0; i < usga_kpi_count (); i++)
    {
      const char *key = usga_kpi_keys ()[i];

      gtk_flow_box_append (GTK_FLOW_BOX (self->kpi_box),
                           kpi_card (self, i + 1, key, usga_category_name (key),
                                     usga_kpi_count_in (current, key),
                                     usga_kpi_count_in (previous, key)));
    }
}

static void
update_footer (UsgaOverviewPage *self)
{
  GPtrArray *datasets = self->datasets;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; datasets && i < datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (datasets, i);
      if (!g_str_has_prefix (d->id, "carpetas") || d->rows == 0)
        continue;
      g_string_append_printf (text, _("%s: %s to %s, vintage %s. Source: %s.\n"),
                              d->title, d->first, d->last, d->vintage ? d->vintage : "—", d->source);
    }
  if (self->comparison && self->comparison->open_ended)
    g_string_append_printf (text, "%s. ", self->comparison->label);
  else if (self->comparison)
    g_string_append_printf (text, _("Year-over-year change: %s. "), self->comparison->label);
  g_string_append (text, _("Days with a complete record of carpetas are counted by day; other periods come "
                           "whole from the published quarterly colonia totals (the “i” beside each figure says which)."));
  gtk_label_set_text (GTK_LABEL (self->footer_label), text->str);
}

static gpointer
compare_in_worker (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  return usga_stats_compare_years (db, filter, USGA_BY_CATEGORY, error);
}

static void
comparison_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  UsgaComparison *comparison = usga_store_query_finish (self->store, result, &error);

  if (comparison == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (GTK_LABEL (self->period_label), error->message);
      return;
    }
  g_clear_pointer (&self->comparison, usga_comparison_free);
  self->comparison = comparison;
  {
    g_autofree char *now = usga_stats_period_name (usga_filter_get_date_from (comparison->now_filter),
                                                   usga_filter_get_date_to (comparison->now_filter));
    g_autofree char *note = comparison->open_ended ? g_strdup_printf ("%s.", comparison->label)
                          : comparison->snapped
      ? g_strdup_printf (_("The cards count %s, whole quarters, to compare like with like: %s (the earlier data is quarterly)."),
                         now, comparison->label)
      : g_strdup_printf (_("Change on the cards: %s."), comparison->label);
    gtk_label_set_text (GTK_LABEL (self->compare_note), note);
  }
  update_footer (self);
  rebuild_kpis (self);
}

static void
sparklines_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  UsgaChartModel *model = usga_chart_build_finish (result, &error);

  if (model == NULL)
    return;   /* cancelled, or the cards simply go without a line */
  g_clear_pointer (&self->sparklines, usga_chart_model_free);
  self->sparklines = model;
  rebuild_kpis (self);
}

static int
compare_rate_desc (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;

  return ra->rate < rb->rate ? 1 : ra->rate > rb->rate ? -1 : 0;
}

/* What the ranking counts; before 2024 its colonia figures are estimates, said on its face. */
static char *
top_note_text (gboolean estimated)
{
  g_autofree char *note = g_strdup_printf (_("Carpetas per 100 000 inhabitants in the period, for the crime filter; "
                                             "colonias under %d inhabitants are not ranked."), MIN_RANKED_POPULATION);

  if (!estimated)
    return g_steal_pointer (&note);
  return g_strdup_printf ("%s %s", note, _("Before 2024 the colonia figures are estimates from 2024 point shares "
                                           "(the “i” gives the rule)."));
}

static void
colonia_stats_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = usga_store_stats_finish (USGA_STORE (source), result, &error);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();

  usga_page_clear_list (self->top_list);

  if (stats == NULL)
    return;
  usga_method_button_set_text (self->top_method, stats->method);
  {
    g_autofree char *note = top_note_text (stats->estimate_rule != NULL);
    gtk_label_set_text (GTK_LABEL (self->top_note), note);
  }
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      if (row->population >= MIN_RANKED_POPULATION && row->count > 0)
        g_ptr_array_add (ranked, row);
    }
  g_ptr_array_sort (ranked, compare_rate_desc);

  for (guint i = 0; i < MIN (ranked->len, TOP_COLONIAS); i++)
    {
      UsgaStatRow *row = ranked->pdata[i];
      g_autofree char *rate = usga_format_rate (row->rate);
      g_autofree char *count = usga_format_count (row->count);
      g_autofree char *population = usga_format_count (row->population);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, row->label);
      g_autofree char *subtitle = g_strdup_printf (_("%s carpetas · %s inhabitants (2020)"), count, population);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      g_autofree char *markup = g_markup_printf_escaped (_("<b>%s</b> per 100 000"), rate);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      gtk_label_set_markup (GTK_LABEL (value), markup);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), value);
      gtk_list_box_append (GTK_LIST_BOX (self->top_list), action_row);
    }
  if (ranked->len == 0)
    {
      GtkWidget *empty = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No carpetas in a colonia for this filter"));
      gtk_list_box_append (GTK_LIST_BOX (self->top_list), empty);
    }
}

/* What the page shows that depends on the data, not the filter: read on a worker once per
 * data generation. */
typedef struct {
  GPtrArray *datasets;
  GPtrArray *baselines;
} Context;

static void
context_free (gpointer data)
{
  Context *c = data;

  g_clear_pointer (&c->datasets, g_ptr_array_unref);
  g_clear_pointer (&c->baselines, g_ptr_array_unref);
  g_free (c);
}

static gpointer
context_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  Context *c = g_new0 (Context, 1);

  c->datasets = usga_datasets_describe (db, error);
  c->baselines = c->datasets ? usga_report_baseline_load (db, error) : NULL;
  if (c->baselines == NULL)
    {
      context_free (c);
      return NULL;
    }
  return c;
}

static void
context_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Context *c = usga_store_query_finish (USGA_STORE (source), result, &error);

  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (GTK_LABEL (self->footer_label), error->message);
      return;
    }
  self->context_generation = usga_store_get_data_generation (self->store);
  g_clear_pointer (&self->baselines, g_ptr_array_unref);
  self->baselines = g_steal_pointer (&c->baselines);
  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  self->datasets = g_steal_pointer (&c->datasets);
  update_footer (self);
  context_free (c);
  rebuild_kpis (self);
}

static void
refresh (GtkWidget *widget)
{
  UsgaOverviewPage *self = USGA_OVERVIEW_PAGE (widget);
  UsgaFilter *filter = usga_store_get_filter (self->store);
  g_autoptr(UsgaFilter) all = usga_filter_copy (filter);
  g_autofree char *area = usga_store_area_name (self->store, filter);
  g_autofree char *period = g_strdup_printf (_("%s to %s · %s"),
                                             usga_filter_get_date_from (filter) ? usga_filter_get_date_from (filter) : _("first record"),
                                             usga_filter_get_date_to (filter) ? usga_filter_get_date_to (filter) : _("last record"),
                                             area);
  g_autofree char *note = top_note_text (FALSE);
  GCancellable *cancellable = usga_page_renew_cancellable (widget);

  gtk_label_set_text (GTK_LABEL (self->period_label), period);
  gtk_label_set_text (GTK_LABEL (self->top_note), note);
  if (self->context_generation != usga_store_get_data_generation (self->store))
    {
      g_cancellable_cancel (self->context_cancellable);
      g_clear_object (&self->context_cancellable);
      self->context_cancellable = g_cancellable_new ();
      usga_store_query_async (self->store, filter, context_query, NULL, NULL, context_free,
                              self->context_cancellable, context_ready, g_object_ref (self));
    }

  /* KPI cards always show every headline category, whatever the crime filter says. */
  usga_filter_set_categories (all, NULL);
  usga_filter_set_delito (all, NULL);

  usga_store_query_async (self->store, all, compare_in_worker, NULL, NULL, (GDestroyNotify) usga_comparison_free,
                          cancellable, comparison_ready, g_object_ref (self));
  usga_store_stats_async (self->store, filter, USGA_BY_COLONIA, cancellable, colonia_stats_ready, g_object_ref (self));
  {
    UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, usga_chart_dark_style () };
    usga_chart_build_async (self->store, all, USGA_VIEW_KPI_SPARKLINES, &options, cancellable,
                            sparklines_ready, g_object_ref (self));
  }
}

void
usga_overview_page_set_store (UsgaOverviewPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_OVERVIEW_PAGE (self));

  g_set_object (&self->store, store);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

static void
usga_overview_page_dispose (GObject *object)
{
  UsgaOverviewPage *self = USGA_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->comparison, usga_comparison_free);
  g_clear_pointer (&self->sparklines, usga_chart_model_free);
  g_clear_pointer (&self->baselines, g_ptr_array_unref);
  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  g_cancellable_cancel (self->context_cancellable);
  g_clear_object (&self->context_cancellable);
  G_OBJECT_CLASS (usga_overview_page_parent_class)->dispose (object);
}

static void
usga_overview_page_class_init (UsgaOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_overview_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, compare_note);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, top_note);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, top_heading);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, top_list);
  gtk_widget_class_bind_template_child (widget_class, UsgaOverviewPage, footer_label);
}

static void
usga_overview_page_init (UsgaOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->top_method = usga_method_button_new (NULL);
  gtk_box_append (GTK_BOX (self->top_heading), self->top_method);
}
