/* usga-trends-page.c — the quarterly series for the current filter.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-trends-page.h"

struct _UsgaTrendsPage {
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *source_label;
  GtkWidget *series_list;

  UsgaStore *store;
};

G_DEFINE_FINAL_TYPE (UsgaTrendsPage, usga_trends_page, GTK_TYPE_WIDGET)

static const char *
source_name (const char *source)
{
  if (g_str_equal (source, USGA_SOURCE_QUARTERLY))
    return _("published quarterly colonia counts");
  if (g_str_equal (source, USGA_SOURCE_POINTS))
    return _("carpeta rows");
  return _("carpeta rows and quarterly counts");
}

static void
series_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaTrendsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = usga_store_stats_finish (self->store, result, &error);
  GtkWidget *child;

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (GTK_LABEL (self->source_label), error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (self->series_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->series_list), child);

  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      g_autofree char *count = usga_format_count (row->count);
      g_autofree char *rate = usga_format_rate (row->rate);
      g_autofree char *subtitle = g_strdup_printf (_("%s per 100 000 inhabitants · from %s"), rate, source_name (row->source));
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->key);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (value, "title-4");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), value);
      gtk_list_box_append (GTK_LIST_BOX (self->series_list), action_row);
    }
  gtk_label_set_text (GTK_LABEL (self->source_label),
                      stats->history_unavailable
                      ? _("Quarterly history before the carpeta rows is published per colonia only, so it is missing for sectors and cuadrantes.")
                      : _("Each quarter says where its count comes from: one row per carpeta, or the published quarterly colonia totals for the years before."));
}

static void
refresh (GtkWidget *widget)
{
  UsgaTrendsPage *self = USGA_TRENDS_PAGE (widget);

  usga_store_stats_async (self->store, usga_store_get_filter (self->store), USGA_BY_QUARTER,
                          usga_page_renew_cancellable (widget), series_ready, g_object_ref (self));
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
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaTrendsPage, series_list);
}

static void
usga_trends_page_init (UsgaTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
