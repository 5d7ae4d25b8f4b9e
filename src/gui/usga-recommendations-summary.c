/* usga-recommendations-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendations-summary.h"

void
usga_recommendations_summary_fill_lists (GtkWidget *overdue_list, GtkWidget *recent_list,
                                         UsgaRecommendationsSnapshot *snapshot, const char *today)
{
  GPtrArray *recs = snapshot->recs, *recent = snapshot->recent;
  gboolean es = g_str_equal (usga_ui_language (), "es");
  guint overdue = 0;

  usga_page_clear_list (overdue_list);
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *subtitle = NULL;

      if (!usga_recommendation_is_overdue (rec, today))
        continue;
      subtitle = g_strdup_printf (_("%s · due %s · %s · %s"), rec->id, rec->due_date, usga_status_name (rec->status),
                                  rec->responsible ? rec->responsible : _("no responsible office"));
      usga_page_append_link_row (overdue_list, rec->id, es ? rec->summary_es : rec->summary_en, subtitle);
      overdue++;
    }
  if (overdue == 0)
    usga_page_append_link_row (overdue_list, NULL, _("Nothing is overdue"), _("Set due dates in the tracker to follow deadlines"));

  usga_page_clear_list (recent_list);
  for (guint i = 0; i < recent->len; i++)
    {
      UsgaHistoryEntry *e = recent->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *when = usga_page_local_time (e->at);

      if (g_str_equal (e->field, "status"))
        title = g_strdup_printf ("%s: %s → %s", e->recommendation_id, usga_status_name (e->old_value), usga_status_name (e->new_value));
      else if (g_str_equal (e->field, "note"))
        title = g_strdup_printf ("%s: %s", e->recommendation_id, e->note ? e->note : "");
      else
        title = g_strdup_printf ("%s: %s %s → %s", e->recommendation_id, e->field,
                                 e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—");
      subtitle = g_strdup_printf ("%s · %s", when, *e->by ? e->by : "—");
      usga_page_append_link_row (recent_list, e->recommendation_id, title, subtitle);
    }
  if (recent->len == 0)
    usga_page_append_link_row (recent_list, NULL, _("No changes recorded yet"), _("Changes made in the tracker appear here"));
}
