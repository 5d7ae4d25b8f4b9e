/* usga-recommendations-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendations-summary.h"

static void
summary_row (GtkWidget *list, const char *id, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (id)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
usga_recommendations_summary_fill_lists (GtkWidget *overdue_list, GtkWidget *recent_list,
                                         UsgaRecommendationsSnapshot *snapshot, const char *today)
{
  GPtrArray *recs = snapshot->recs, *recent = snapshot->recent;
  gboolean es = g_str_equal (usga_ui_language (), "es");
  guint overdue = 0;

  clear_list (overdue_list);
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *subtitle = NULL;

      if (!usga_recommendation_is_overdue (rec, today))
        continue;
      subtitle = g_strdup_printf (_("%s · due %s · %s · %s"), rec->id, rec->due_date, usga_status_name (rec->status),
                                  rec->responsible ? rec->responsible : _("no responsible office"));
      summary_row (overdue_list, rec->id, es ? rec->summary_es : rec->summary_en, subtitle);
      overdue++;
    }
  if (overdue == 0)
    summary_row (overdue_list, NULL, _("Nothing is overdue"), _("Set due dates in the tracker to follow deadlines"));

  clear_list (recent_list);
  for (guint i = 0; i < recent->len; i++)
    {
      UsgaHistoryEntry *e = recent->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (e->at, NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (e->at);

      if (g_str_equal (e->field, "status"))
        title = g_strdup_printf ("%s: %s → %s", e->recommendation_id, usga_status_name (e->old_value), usga_status_name (e->new_value));
      else if (g_str_equal (e->field, "note"))
        title = g_strdup_printf ("%s: %s", e->recommendation_id, e->note ? e->note : "");
      else
        title = g_strdup_printf ("%s: %s %s → %s", e->recommendation_id, e->field,
                                 e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—");
      subtitle = g_strdup_printf ("%s · %s", when, *e->by ? e->by : "—");
      summary_row (recent_list, e->recommendation_id, title, subtitle);
    }
  if (recent->len == 0)
    summary_row (recent_list, NULL, _("No changes recorded yet"), _("Changes made in the tracker appear here"));
}
