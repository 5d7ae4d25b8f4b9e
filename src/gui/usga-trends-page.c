/* usga-trends-page.c — the Trends page: time series, colonia ranking, hour × weekday heatmap
 * and victims by sex × age, drawn by the shared chart routines and exportable as a whole.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-chart-view.h"
#include "usga-page-util.h"
#include "usga-trends-page.h"

static const UsgaChartSubject subjects[] = {
  USGA_VIEW_TRENDS, USGA_VIEW_RANKING, USGA_VIEW_HEATMAP, USGA_VIEW_VICTIMS,
};
static const int heights[] = { 470, 500, 400, 330 };
#define N_CHARTS G_N_ELEMENTS (subjects)

struct _UsgaTrendsPage {
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *charts_box;
  GtkWidget *granularity_dropdown;
  GtkWidget *counts_button;
  GtkWidget *rates_button;
  GtkWidget *average_check;
  GtkWidget *export_button;
  GtkWidget *status_label;
  GtkWidget *charts[N_CHARTS];

  UsgaStore *store;
};

G_DEFINE_FINAL_TYPE (UsgaTrendsPage, usga_trends_page, GTK_TYPE_WIDGET)

typedef struct {
  UsgaTrendsPage *page;
  guint           index;
} Pending;

static void
chart_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr(UsgaTrendsPage) self = pending->page;
  g_autoptr(GError) error = NULL;
  UsgaChartModel *model = usga_chart_build_finish (result, &error);
  guint index = pending->index;

  g_free (pending);
  if (model == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (GTK_LABEL (self->status_label), error->message);
          gtk_widget_set_visible (self->status_label, TRUE);
        }
      return;
    }
  usga_chart_view_set_model (USGA_CHART_VIEW (self->charts[index]), model);
}

static void
current_options (UsgaTrendsPage *self, UsgaChartOptions *options)
{
  static const UsgaGroupBy granularities[] = { USGA_BY_MONTH, USGA_BY_QUARTER, USGA_BY_YEAR };
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->granularity_dropdown));

  options->granularity = granularities[MIN (selected, G_N_ELEMENTS (granularities) - 1)];
  options->rates = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->rates_button));
  options->moving_average = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->average_check));
  options->dark = usga_chart_dark_style ();
  /* The average only exists for months; say so by disabling the switch. */
  gtk_widget_set_sensitive (self->average_check, options->granularity == USGA_BY_MONTH);
}

static void
refresh (GtkWidget *widget)
{
  UsgaTrendsPage *self = USGA_TRENDS_PAGE (widget);
  GCancellable *cancellable = usga_page_renew_cancellable (widget);
  UsgaChartOptions options;

  if (self->store == NULL)
    return;
  current_options (self, &options);
  gtk_widget_set_visible (self->status_label, FALSE);
  for (guint i = 0; i < N_CHARTS; i++)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->page = g_object_ref (self);
      pending->index = i;
      usga_chart_build_async (self->store, usga_store_get_filter (self->store), subjects[i], &options,
                              cancellable, chart_ready, pending);
    }
}

static void
options_changed (UsgaTrendsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (GTK_WIDGET (self));
}

/* Every chart currently shown, with references of their own for the export. */
GPtrArray *
usga_trends_page_get_models (UsgaTrendsPage *self)
{
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_chart_model_free);

  for (guint i = 0; i < N_CHARTS; i++)
    {
      UsgaChartModel *m = usga_chart_view_get_model (USGA_CHART_VIEW (self->charts[i]));
      if (m)
        g_ptr_array_add (models, usga_chart_model_ref (m));
    }
  return models;
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  UsgaTrendsPage *self = USGA_TRENDS_PAGE (widget);
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(GPtrArray) models = usga_trends_page_get_models (self);
  UsgaExportFormat format;

  if (models->len == 0)
    return;
  if (g_str_equal (name, "print"))
    usga_chart_print (widget, models);
  else if (usga_export_format_from_string (name, &format))
    usga_chart_export_dialog (widget, models, format, _("Iztapalapa crime trends"));
}

GtkWidget *
usga_trends_page_get_chart (UsgaTrendsPage *self, guint index)
{
  g_return_val_if_fail (index < N_CHARTS, NULL);
  return self->charts[index];
}

void
usga_trends_page_set_store (UsgaTrendsPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_TRENDS_PAGE (self));

  g_set_object (&self->store, store);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

static void
usga_trends_page_dispose (GObject *object)
{
  UsgaTrendsPage *self = USGA_TRENDS_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (usga_trends_page_parent_class)->dispose (object);
}

static void
usga_trends_page_class_init (UsgaTrendsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_trends_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-trends-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, granularity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, counts_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, rates_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, average_check);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, status_label);
  gtk_widget_class_install_action (widget_class, "trends.export", "s", export_action);
}

static void
usga_trends_page_init (UsgaTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Quarters by default: they span the bundled 2019–2024 history. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->granularity_dropdown), 1);
  for (guint i = 0; i < N_CHARTS; i++)
    {
      self->charts[i] = usga_chart_view_new (heights[i]);
      gtk_box_append (GTK_BOX (self->charts_box), self->charts[i]);
    }
  g_signal_connect_swapped (self->granularity_dropdown, "notify::selected", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->rates_button, "toggled", G_CALLBACK (options_changed), self);
  g_signal_connect_swapped (self->average_check, "toggled", G_CALLBACK (options_changed), self);
}
