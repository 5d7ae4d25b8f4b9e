/* usga-recommendations-page.c — the report's 109 recommendations and their status.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendations-page.h"

struct _UsgaRecommendationsPage {
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *summary_label;
  GtkWidget *list;

  UsgaStore *store;
};

G_DEFINE_FINAL_TYPE (UsgaRecommendationsPage, usga_recommendations_page, GTK_TYPE_WIDGET)

static const char *
status_name (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0) return _("Planned");
  if (g_strcmp0 (status, "in_progress") == 0) return _("In progress");
  if (g_strcmp0 (status, "implemented") == 0) return _("Implemented");
  if (g_strcmp0 (status, "blocked") == 0) return _("Blocked");
  if (g_strcmp0 (status, "not_pursued") == 0) return _("Not pursued");
  return _("Not started");
}

static void
refresh (GtkWidget *widget)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (widget);
  gboolean spanish = g_str_equal (usga_ui_language (), "es");
  UsgaDb *db = usga_store_get_db (self->store);
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT id, sdg, CASE WHEN ?1 THEN theme_es ELSE theme_en END,"
      " CASE WHEN ?1 THEN summary_es ELSE summary_en END, status"
      " FROM recommendation WHERE kind = 'mayor' ORDER BY id", NULL);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 1, spanish);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status = gtk_label_new (status_name ((const char *) sqlite3_column_text (stmt, 4)));
      g_autofree char *subtitle = g_strdup_printf (_("%s · SDG %d · %s"), sqlite3_column_text (stmt, 0),
                                                   sqlite3_column_int (stmt, 1), sqlite3_column_text (stmt, 2));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), (const char *) sqlite3_column_text (stmt, 3));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (status, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      n++;
    }
  sqlite3_reset (stmt);
  {
    g_autofree char *summary = g_strdup_printf (ngettext ("%u recommendation to the Mayor’s Office",
                                                          "%u recommendations to the Mayor’s Office", n), n);
    gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  }
}

void
usga_recommendations_page_set_store (UsgaRecommendationsPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));

  g_set_object (&self->store, store);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

static void
usga_recommendations_page_dispose (GObject *object)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (usga_recommendations_page_parent_class)->dispose (object);
}

static void
usga_recommendations_page_class_init (UsgaRecommendationsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_recommendations_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-recommendations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaRecommendationsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, UsgaRecommendationsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaRecommendationsPage, list);
}

static void
usga_recommendations_page_init (UsgaRecommendationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
