/* usga-recommendation-rows.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendation-rows.h"

static const char *
field_name (const char *field)
{
  if (g_str_equal (field, "status")) return _("Status");
  if (g_str_equal (field, "term")) return _("Term");
  if (g_str_equal (field, "responsible")) return _("Responsible office");
  if (g_str_equal (field, "due_date")) return _("Due date");
  if (g_str_equal (field, "progress")) return _("Progress");
  return _("Note");
}

static char *
field_value (const char *field, const char *value)
{
  if (value == NULL)
    return g_strdup ("—");
  if (g_str_equal (field, "status"))
    return g_strdup (usga_status_name (value));
  if (g_str_equal (field, "term"))
    return g_strdup (usga_term_name (value));
  if (g_str_equal (field, "progress"))
    return g_strdup_printf ("%s %%", value);
  return g_strdup (value);
}

static void
open_evidence_uri (GtkButton *button, gpointer user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_object_get_data (G_OBJECT (button), "uri"), GDK_CURRENT_TIME);
}

void
usga_recommendation_rows_history (GtkWidget *list, GPtrArray *history, const char *error,
                                  GCallback on_undo, gpointer data)
{
  g_autoptr(GHashTable) latest_field = g_hash_table_new (g_str_hash, g_str_equal);

  usga_page_clear_list (list);
  if (history == NULL || history->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), history ? _("No changes recorded yet") : error);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      return;
    }
  for (guint i = 0; i < history->len; i++)
    {
      UsgaHistoryEntry *e = history->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = usga_page_local_time (e->at);
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (g_str_equal (e->field, "note"))
        title = g_strdup_printf ("%s: %s", _("Note"), e->note ? e->note : "");
      else
        {
          g_autofree char *old_text = field_value (e->field, e->old_value);
          g_autofree char *new_text = field_value (e->field, e->new_value);
          title = g_strdup_printf ("%s: %s → %s", field_name (e->field), old_text, new_text);
        }
      g_string_append_printf (subtitle, "%s · %s", when, *e->by ? e->by : "—");
      if (e->note && !g_str_equal (e->field, "note"))
        g_string_append_printf (subtitle, "\n%s", e->note);
      if (e->criterion)
        g_string_append_printf (subtitle, "\n%s: %s", _("Criterion"), e->criterion);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (e->evidence_url)
        {
          GtkWidget *link = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
          g_object_set_data_full (G_OBJECT (link), "uri", g_strdup (e->evidence_url), g_free);
          gtk_widget_set_tooltip_text (link, e->evidence_url);
          gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (link, "flat");
          g_signal_connect (link, "clicked", G_CALLBACK (open_evidence_uri), NULL);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
        }
      /* Only the latest change of each field can be undone (newer changes would be lost). */
      if (!g_str_equal (e->field, "note") && !g_hash_table_contains (latest_field, e->field))
        {
          GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
          g_object_set_data_full (G_OBJECT (undo), "uuid", g_strdup (e->uuid), g_free);
          gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
          g_signal_connect (undo, "clicked", on_undo, data);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
        }
      g_hash_table_add (latest_field, e->field);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

void
usga_recommendation_rows_related (GtkWidget *group, GtkWidget *list, GPtrArray *related)
{
  gboolean es = g_str_equal (usga_ui_language (), "es");

  usga_page_clear_list (list);
  gtk_widget_set_visible (group, related && related->len > 0);
  for (guint i = 0; related && i < related->len; i++)
    {
      UsgaRecommendation *other = related->pdata[i];
      g_autofree char *subtitle = g_strdup_printf (_("%s · SDG %d · %s · %s"), other->id, other->sdg,
                                                   es ? other->theme_es : other->theme_en,
                                                   usga_status_name (other->status));

      usga_page_append_link_row (list, other->id, es ? other->summary_es : other->summary_en, subtitle);
    }
}
