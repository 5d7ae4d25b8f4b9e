/* usga-recommendation-columns.c — the tracker list's columns: how each cell shows a
 * recommendation and how each column sorts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendation-columns.h"
#include "usga-recommendation-item.h"

static gboolean
spanish (void)
{
  return g_str_equal (usga_ui_language (), "es");
}

static const UsgaRecommendation *
item_rec (gpointer item)
{
  return usga_recommendation_item_get (USGA_RECOMMENDATION_ITEM (item));
}

/* --- list columns ------------------------------------------------------- */

static void
setup_label (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_id (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), item_rec (gtk_list_item_get_item (list_item))->id);
}

static void
bind_sdg (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  g_autofree char *text = g_strdup_printf ("%d", item_rec (gtk_list_item_get_item (list_item))->sdg);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
setup_summary (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *theme = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (summary), 24);
  gtk_label_set_xalign (GTK_LABEL (theme), 0);
  gtk_label_set_ellipsize (GTK_LABEL (theme), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (theme, "dim-label");
  gtk_widget_add_css_class (theme, "caption");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_box_append (GTK_BOX (box), theme);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_summary (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  const UsgaRecommendation *rec = item_rec (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  gboolean es = spanish ();

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), es ? rec->summary_es : rec->summary_en);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), es ? rec->theme_es : rec->theme_en);
}

static void
bind_status (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  const UsgaRecommendation *rec = item_rec (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), usga_status_name (rec->status));
  for (int s = 0; s < USGA_N_STATUSES; s++)
    gtk_widget_remove_css_class (label, usga_status_key (s));
  gtk_widget_add_css_class (label, rec->status);
  gtk_widget_add_css_class (label, "status-text");
}

static void
setup_progress (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* A level bar: progress bars ask for more width than a column has. */
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_progress (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  const UsgaRecommendation *rec = item_rec (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *text = g_strdup_printf ("%d %%", rec->progress);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (gtk_widget_get_first_child (box)), rec->progress);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), text);
}

static void
bind_due (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  char **today = data;
  const UsgaRecommendation *rec = item_rec (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gboolean overdue = usga_recommendation_is_overdue (rec, *today);

  if (overdue)
    {
      /* The word carries the meaning; the colour only reinforces it. */
      g_autofree char *text = g_strdup_printf (_("%s (overdue)"), rec->due_date);
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), rec->due_date ? rec->due_date : "—");
      gtk_widget_remove_css_class (label, "error");
    }
}

static int
compare_id (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_strcmp0 (item_rec ((gpointer) a)->id, item_rec ((gpointer) b)->id);
}

static int
compare_sdg (gconstpointer a, gconstpointer b, gpointer data)
{
  int d = item_rec ((gpointer) a)->sdg - item_rec ((gpointer) b)->sdg;
  return d ? (d < 0 ? -1 : 1) : compare_id (a, b, data);
}

static int
compare_summary (gconstpointer a, gconstpointer b, gpointer data)
{
  gboolean es = spanish ();
  const UsgaRecommendation *x = item_rec ((gpointer) a), *y = item_rec ((gpointer) b);
  return g_utf8_collate (es ? x->summary_es : x->summary_en, es ? y->summary_es : y->summary_en);
}

static int
compare_status (gconstpointer a, gconstpointer b, gpointer data)
{
  int d = usga_status_from_key (item_rec ((gpointer) a)->status) - usga_status_from_key (item_rec ((gpointer) b)->status);
  return d ? (d < 0 ? -1 : 1) : compare_id (a, b, data);
}

static int
compare_progress (gconstpointer a, gconstpointer b, gpointer data)
{
  int d = item_rec ((gpointer) a)->progress - item_rec ((gpointer) b)->progress;
  return d ? (d < 0 ? -1 : 1) : compare_id (a, b, data);
}

static int
compare_due (gconstpointer a, gconstpointer b, gpointer data)
{
  const char *x = item_rec ((gpointer) a)->due_date, *y = item_rec ((gpointer) b)->due_date;

  /* Undated items sort after dated ones. */
  if (x == NULL || y == NULL)
    return x == y ? compare_id (a, b, data) : (x == NULL ? 1 : -1);
  return strcmp (x, y) ? (strcmp (x, y) < 0 ? -1 : 1) : compare_id (a, b, data);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view, char **today, const char *title, GCallback setup, GCallback bind,
            GCompareDataFunc compare, gboolean expand, int fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, today);
  g_signal_connect (factory, "bind", bind, today);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  gtk_column_view_append_column (view, column);
  return column;
}

GtkColumnViewColumn *
usga_recommendation_columns_add (GtkColumnView *view, char **today)
{
  GtkColumnViewColumn *id_column;

  id_column = add_column (view, today, _("ID"), G_CALLBACK (setup_label), G_CALLBACK (bind_id), compare_id, FALSE, 64);
  add_column (view, today, _("SDG"), G_CALLBACK (setup_label), G_CALLBACK (bind_sdg), compare_sdg, FALSE, 56);
  add_column (view, today, _("Recommendation"), G_CALLBACK (setup_summary), G_CALLBACK (bind_summary), compare_summary, TRUE, -1);
  add_column (view, today, _("Status"), G_CALLBACK (setup_label), G_CALLBACK (bind_status), compare_status, FALSE, 110);
  add_column (view, today, _("Progress"), G_CALLBACK (setup_progress), G_CALLBACK (bind_progress), compare_progress, FALSE, 110);
  add_column (view, today, _("Due"), G_CALLBACK (setup_label), G_CALLBACK (bind_due), compare_due, FALSE, 100);
  return id_column;
}

