/* usga-data-page.c — what the database holds: rows, dates covered, vintage, source.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-data-page.h"
#include "usga-page-util.h"

struct _UsgaDataPage {
  GtkWidget  parent_instance;

  GtkWidget *preferences_page;
  GtkWidget *database_group;
  GtkWidget *path_row;
  GtkWidget *sync_row;

  UsgaStore *store;
  GPtrArray *dataset_groups;  /* AdwPreferencesGroup* we added */
};

G_DEFINE_FINAL_TYPE (UsgaDataPage, usga_data_page, GTK_TYPE_WIDGET)

static void
add_row (GtkWidget *group, const char *title, const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static const char *
origin_name (const char *origin)
{
  if (g_strcmp0 (origin, "ckan") == 0)
    return _("synchronised from the open-data portal");
  if (g_strcmp0 (origin, "csv") == 0)
    return _("imported from a CSV file");
  return _("bundled with the app");
}

static void
refresh (GtkWidget *widget)
{
  UsgaDataPage *self = USGA_DATA_PAGE (widget);
  UsgaDb *db = usga_store_get_db (self->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = usga_datasets_describe (db, &error);
  g_autoptr(UsgaSyncInfo) sync = usga_datasets_last_sync (db);

  for (guint i = 0; i < self->dataset_groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->preferences_page), self->dataset_groups->pdata[i]);
  g_ptr_array_set_size (self->dataset_groups, 0);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->path_row), usga_store_get_db_path (self->store));
  if (sync)
    {
      g_autofree char *added = usga_format_count (sync->added);
      g_autofree char *text = g_strdup_printf (_("%s — %s (%s), %s rows added"),
                                               sync->finished_at, sync->dataset, sync->status, added);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sync_row), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sync_row), _("Never"));

  for (guint i = 0; datasets && i < datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (datasets, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *rows = usga_format_count (d->rows);
      g_autofree char *covers = d->first ? g_strdup_printf (_("%s to %s"), d->first, d->last) : NULL;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), d->title);
      if (d->rows == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("No rows yet: synchronise or import this dataset."));
      add_row (group, g_str_equal (d->id, "carpetas_quarterly") ? _("Carpetas counted") : _("Rows"), rows);
      add_row (group, _("Covers"), covers);
      add_row (group, _("Vintage"), d->vintage);
      add_row (group, _("Origin"), d->source ? origin_name (d->origin) : NULL);
      add_row (group, _("Source"), d->source);
      add_row (group, _("Licence"), d->license);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->dataset_groups, group);
    }
}

void
usga_data_page_set_store (UsgaDataPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_DATA_PAGE (self));

  g_set_object (&self->store, store);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

static void
usga_data_page_dispose (GObject *object)
{
  UsgaDataPage *self = USGA_DATA_PAGE (object);

  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->dataset_groups, g_ptr_array_unref);
  G_OBJECT_CLASS (usga_data_page_parent_class)->dispose (object);
}

static void
usga_data_page_class_init (UsgaDataPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_data_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, database_group);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, path_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, sync_row);
}

static void
usga_data_page_init (UsgaDataPage *self)
{
  self->dataset_groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
