/* usga-recommendations-page.c — the tracker of the report's 109 recommendations: searchable,
 * filterable, sortable list with a detail pane, and the progress summary a cabinet quotes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendation-columns.h"
#include "usga-recommendation-detail.h"
#include "usga-recommendations-files.h"
#include "usga-recommendation-item.h"
#include "usga-recommendations-page.h"
#include "usga-recommendations-snapshot.h"
#include "usga-recommendations-summary.h"
#include "usga-shared-banner.h"
#include "usga-tracker-bars.h"
#include "usga-tracker-pdf.h"

struct _UsgaRecommendationsPage {
  GtkWidget  parent_instance;

  GtkWidget *root;
  GtkWidget *figure_label;
  GtkWidget *view_stack;
  GtkWidget *leaflet;
  GtkWidget *list_pane;
  GtkWidget *search_entry;
  GtkWidget *sdg_dropdown;
  GtkWidget *status_dropdown;
  GtkWidget *term_dropdown;
  GtkWidget *theme_dropdown;
  GtkWidget *topic_dropdown;
  GtkWidget *responsible_dropdown;
  GtkWidget *overdue_toggle;
  GtkWidget *count_label;
  GtkWidget *column_view;
  GtkWidget *detail;
  GtkWidget *headline_label;
  GtkWidget *headline_note;
  GtkWidget *sdg_bars;
  GtkWidget *theme_bars;
  GtkWidget *overdue_list;
  GtkWidget *recent_list;

  UsgaStore          *store;
  UsgaSharedLink     *link;     /* a shared tracker, or NULL for this computer's own */
  GtkWidget          *banner;
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;

  GHashTable *search_ids;       /* NULL: no search text */
  GPtrArray  *themes, *topics, *offices;   /* dropdown index - 1 -> value */
  char       *today;
  gboolean    updating_filters;
  GCancellable *loading;        /* the snapshot being read on a store worker */
  GCancellable *searching;      /* the search being run on a store worker */
};

G_DEFINE_FINAL_TYPE (UsgaRecommendationsPage, usga_recommendations_page, GTK_TYPE_WIDGET)

static const int sdg_values[] = { 0, 3, 5, 11, 16 };
static const char *const term_filter_keys[] = { NULL, "short", "medium", "long", "" };

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

/* --- filtering ---------------------------------------------------------- */

static const char *
selected_key (GtkWidget *dropdown, GPtrArray *keys)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || keys == NULL || i - 1 >= keys->len)
    return NULL;
  return keys->pdata[i - 1];
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  UsgaRecommendationsPage *self = user_data;
  const UsgaRecommendation *rec = item_rec (item);
  guint sdg = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sdg_dropdown));
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown));
  guint term = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->term_dropdown));
  const char *theme = selected_key (self->theme_dropdown, self->themes);
  const char *topic = selected_key (self->topic_dropdown, self->topics);
  const char *office = selected_key (self->responsible_dropdown, self->offices);

  if (self->search_ids && !g_hash_table_contains (self->search_ids, rec->id))
    return FALSE;
  if (sdg > 0 && sdg < G_N_ELEMENTS (sdg_values) && rec->sdg != sdg_values[sdg])
    return FALSE;
  if (status > 0 && status <= USGA_N_STATUSES && g_strcmp0 (rec->status, usga_status_key (status - 1)) != 0)
    return FALSE;
  if (term > 0 && term < G_N_ELEMENTS (term_filter_keys) &&
      g_strcmp0 (rec->term, *term_filter_keys[term] ? term_filter_keys[term] : NULL) != 0)
    return FALSE;
  if (theme && g_strcmp0 (rec->theme_en, theme) != 0)
    return FALSE;
  if (topic && g_strcmp0 (rec->topic_en, topic) != 0)
    return FALSE;
  if (office && g_strcmp0 (rec->responsible, office) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->overdue_toggle)) &&
      !usga_recommendation_is_overdue (rec, self->today))
    return FALSE;
  return TRUE;
}

static void
update_count (UsgaRecommendationsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u recommendation to the Mayor’s Office", "%u recommendations to the Mayor’s Office", total), total);
  else
    /* Translators: "12 of 109 recommendations shown". */
    text = g_strdup_printf (ngettext ("%u of %u recommendation shown", "%u of %u recommendations shown", total), shown, total);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
on_filter_changed (UsgaRecommendationsPage *self)
{
  if (self->updating_filters)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
search_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaRecommendationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *ids = usga_recommendations_search_finish (USGA_STORE (source), result, &error);

  /* Cancelled: newer text was typed (its answer comes next). A failed search hides nothing. */
  if (ids == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->searching);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  self->search_ids = ids;
  on_filter_changed (self);
}

static void
on_search_changed (UsgaRecommendationsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *match = usga_tracker_fts_query (text);
  const char *path = usga_recommendations_tracker_path (self->store, self->link);

  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  if (match && path)
    {
      /* The list keeps the previous answer until this one arrives. */
      self->searching = g_cancellable_new ();
      usga_recommendations_search_async (self->store, path, text, self->searching, search_ready, g_object_ref (self));
      return;
    }
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  on_filter_changed (self);
}

static void
on_search_activate (UsgaRecommendationsPage *self)
{
  /* Enter moves to the results: arrows then pick one. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_grab_focus (self->column_view);
}

static void
on_stop_search (UsgaRecommendationsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_clear_clicked (UsgaRecommendationsPage *self)
{
  self->updating_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sdg_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->term_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->theme_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->topic_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->responsible_dropdown), 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->overdue_toggle), FALSE);
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  self->updating_filters = FALSE;
  on_filter_changed (self);
}

/* --- loading ------------------------------------------------------------ */

static void
set_dropdown_strings (GtkWidget *dropdown, const char *all, GPtrArray *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; labels && i < labels->len; i++)
    gtk_string_list_append (list, labels->pdata[i]);
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
}

/* Rebuilds a dropdown's choices, keeping the chosen value when it still exists. */
static void
rebuild_choices (GtkWidget *dropdown, GPtrArray **keys, GPtrArray *recs, const char *all, int which)
{
  g_autofree char *previous = g_strdup (selected_key (dropdown, *keys));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean es = spanish ();
  guint selected = 0;

  g_clear_pointer (keys, g_ptr_array_unref);
  *keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      const char *key = which == 0 ? rec->theme_en : which == 1 ? rec->topic_en : rec->responsible;
      const char *label = which == 0 ? (es ? rec->theme_es : rec->theme_en)
                        : which == 1 ? (es ? rec->topic_es : rec->topic_en) : rec->responsible;

      if (key == NULL || g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, (gpointer) key);
      g_ptr_array_add (*keys, g_strdup (key));
      g_ptr_array_add (labels, (gpointer) (label ? label : key));
      if (g_strcmp0 (key, previous) == 0)
        selected = (*keys)->len;
    }
  set_dropdown_strings (dropdown, all, labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_sensitive (dropdown, (*keys)->len > 0);
}

static void
refresh_summary (UsgaRecommendationsPage *self, UsgaRecommendationsSnapshot *snapshot)
{
  GPtrArray *by_sdg = snapshot->by_sdg, *by_theme = snapshot->by_theme;
  gboolean es = spanish ();
  UsgaTrackerGroup *total = by_sdg->pdata[0];

  {
    /* The cabinet figure: in progress or implemented, of the 109. */
    g_autofree char *headline = usga_tracker_group_headline (total);
    g_autofree char *note = usga_tracker_group_note (total);
    g_autofree char *figure = g_strdup_printf (_("%.0f %% addressed · %u overdue"),
                                               usga_tracker_group_addressed_percent (total), total->overdue);

    gtk_label_set_text (GTK_LABEL (self->headline_label), headline);
    gtk_label_set_text (GTK_LABEL (self->headline_note), note);
    gtk_label_set_text (GTK_LABEL (self->figure_label), figure);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sdg_bars), GTK_ACCESSIBLE_PROPERTY_LABEL, headline,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, note, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->theme_bars), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Recommendations addressed per theme"), -1);
  }
  usga_tracker_bars_set_groups (USGA_TRACKER_BARS (self->sdg_bars), by_sdg, es);
  usga_tracker_bars_set_groups (USGA_TRACKER_BARS (self->theme_bars), by_theme, es);

  usga_recommendations_summary_fill_lists (self->overdue_list, self->recent_list, snapshot, self->today);
}

static guint
find_position (UsgaRecommendationsPage *self, const char *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; id && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (g_str_equal (item_rec (item)->id, id))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_id (UsgaRecommendationsPage *self, const char *id, gboolean show_detail)
{
  guint position = find_position (self, id);

  /* A recommendation hidden by the filters: show everything rather than nothing. */
  if (position == GTK_INVALID_LIST_POSITION && id)
    {
      on_clear_clicked (self);
      position = find_position (self, id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (self->column_view, "list.scroll-to-item", "u", position);
  if (show_detail && adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)))
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->detail);
}

/* Fills the list, the choices and the summary from @snapshot (it takes the records). */
static void
show_snapshot (UsgaRecommendationsPage *self, UsgaRecommendationsSnapshot *snapshot)
{
  GPtrArray *recs = snapshot->recs;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *keep = g_strdup (usga_recommendation_detail_get_id (USGA_RECOMMENDATION_DETAIL (self->detail)));

  g_free (self->today);
  self->today = g_steal_pointer (&snapshot->today);
  self->updating_filters = TRUE;
  rebuild_choices (self->theme_dropdown, &self->themes, recs, _("All themes"), 0);
  rebuild_choices (self->topic_dropdown, &self->topics, recs, _("All topics"), 1);
  rebuild_choices (self->responsible_dropdown, &self->offices, recs, _("Any office"), 2);
  self->updating_filters = FALSE;

  refresh_summary (self, snapshot);
  /* The list takes the records over; the summary above has used them already. */
  for (guint i = 0; i < recs->len; i++)
    g_ptr_array_add (items, usga_recommendation_item_new (g_steal_pointer (&recs->pdata[i])));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata, items->len);
  on_search_changed (self);
  select_id (self, keep ? keep : NULL, FALSE);
  if (keep == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
snapshot_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaRecommendationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaRecommendationsSnapshot) snapshot = usga_recommendations_snapshot_read_finish (USGA_STORE (source),
                                                                                              result, &error);

  /* Cancelled: a newer read replaced this one. */
  if (snapshot == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (snapshot)
    show_snapshot (self, snapshot);
  else
    gtk_label_set_text (GTK_LABEL (self->count_label), error->message);
}

/* Reads the tracker (this computer's, or a shared one's local copy) on a store worker; a read
 * still running is stale and dropped. */
static void
reload (UsgaRecommendationsPage *self)
{
  const char *path = usga_recommendations_tracker_path (self->store, self->link);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (path == NULL)
    return;
  self->loading = g_cancellable_new ();
  usga_recommendations_snapshot_read_async (self->store, path, self->loading, snapshot_ready, g_object_ref (self));
}

static void
refresh (GtkWidget *widget)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    reload (self);
  else
    /* The shared crime filter changed: only the evidence trend depends on it. */
    usga_recommendation_detail_refresh_evidence (USGA_RECOMMENDATION_DETAIL (self->detail));
}

static void
on_selection_changed (UsgaRecommendationsPage *self)
{
  GObject *item = gtk_single_selection_get_selected_item (self->selection);
  const char *id = item ? item_rec (item)->id : NULL;

  if (g_strcmp0 (id, usga_recommendation_detail_get_id (USGA_RECOMMENDATION_DETAIL (self->detail))) != 0 && id)
    usga_recommendation_detail_show (USGA_RECOMMENDATION_DETAIL (self->detail), id);
}

static void
on_row_activated (UsgaRecommendationsPage *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  on_selection_changed (self);
  if (adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)))
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->detail);
}

static void
on_detail_changed (UsgaRecommendationsPage *self, const char *id)
{
  reload (self);
}

static void
on_detail_open (UsgaRecommendationsPage *self, const char *id)
{
  select_id (self, id, TRUE);
}

static void
on_detail_back (UsgaRecommendationsPage *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed (UsgaRecommendationsPage *self)
{
  usga_recommendation_detail_set_show_back (USGA_RECOMMENDATION_DETAIL (self->detail),
                                            adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)));
}

static void
on_summary_row_activated (UsgaRecommendationsPage *self, GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  if (id == NULL)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "tracker");
  select_id (self, id, TRUE);
}

static void
file_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  int action = g_str_equal (name, "recommendations.export-csv") ? USGA_RECOMMENDATIONS_EXPORT_CSV
             : g_str_equal (name, "recommendations.export-json") ? USGA_RECOMMENDATIONS_EXPORT_JSON
             : g_str_equal (name, "recommendations.export-pdf") ? USGA_RECOMMENDATIONS_EXPORT_PDF
             : USGA_RECOMMENDATIONS_IMPORT_JSON;

  usga_recommendations_files_choose (USGA_RECOMMENDATIONS_PAGE (widget), action);
}

static void
focus_search (GtkWidget *widget, const char *name, GVariant *parameter)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (widget);

  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), "tracker");
  if (adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)))
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
  gtk_widget_grab_focus (self->search_entry);
}

/* Ctrl+F works wherever the focus is (header bar, view switcher) while this page is shown. */
static gboolean
search_shortcut (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  focus_search (widget, "recommendations.search", NULL);
  return TRUE;
}

/* --- public ------------------------------------------------------------- */

void
usga_recommendations_page_set_store (UsgaRecommendationsPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));

  g_set_object (&self->store, store);
  usga_recommendation_detail_set_store (USGA_RECOMMENDATION_DETAIL (self->detail), store);
  /* A sync or import replaced the data: start again from the database. */
  g_signal_connect_object (store, "data-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

/* Another planner's change (or this app's, or a reconnection): list, bars, summary and the
 * detail re-read the copy; an edit being typed in the detail stays. */
static void
on_link_changed (UsgaRecommendationsPage *self)
{
  const char *id = usga_recommendation_detail_get_id (USGA_RECOMMENDATION_DETAIL (self->detail));
  g_autofree char *keep = g_strdup (id);

  reload (self);
  if (keep)
    usga_recommendation_detail_show (USGA_RECOMMENDATION_DETAIL (self->detail), keep);
}

void
usga_recommendations_page_set_link (UsgaRecommendationsPage *self, UsgaSharedLink *link)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));
  if (self->link)
    g_signal_handlers_disconnect_by_data (self->link, self);
  g_set_object (&self->link, link);
  usga_recommendation_detail_set_link (USGA_RECOMMENDATION_DETAIL (self->detail), link);
  usga_shared_banner_set_link (USGA_SHARED_BANNER (self->banner), link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.publish", link != NULL);
  if (link)
    g_signal_connect_object (link, "changed", G_CALLBACK (on_link_changed), self, G_CONNECT_SWAPPED);
  on_link_changed (self);
}

UsgaSharedLink *
usga_recommendations_page_get_link (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  return self->link;
}

const char *
usga_recommendations_page_get_list_status (UsgaRecommendationsPage *self, const char *id)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (g_str_equal (item_rec (item)->id, id))
        return item_rec (item)->status;
    }
  return NULL;
}

const char *
usga_recommendations_page_get_headline (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->headline_label));
}

GtkWidget *
usga_recommendations_page_get_banner (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  return self->banner;
}

static void
publish_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  usga_recommendations_files_publish (USGA_RECOMMENDATIONS_PAGE (widget));
}

UsgaStore *
usga_recommendations_page_get_store (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  return self->store;
}

gboolean
usga_recommendations_page_get_busy (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), FALSE);
  return self->loading || self->searching || usga_recommendation_detail_get_busy (USGA_RECOMMENDATION_DETAIL (self->detail));
}

void
usga_recommendations_page_reload (UsgaRecommendationsPage *self)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));
  reload (self);
}

void
usga_recommendations_page_search (UsgaRecommendationsPage *self, const char *text)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

guint
usga_recommendations_page_get_n_shown (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
usga_recommendations_page_select (UsgaRecommendationsPage *self, const char *id)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));
  select_id (self, id, TRUE);
}

GtkWidget *
usga_recommendations_page_get_detail (UsgaRecommendationsPage *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self), NULL);
  return self->detail;
}

void
usga_recommendations_page_show_view (UsgaRecommendationsPage *self, const char *name)
{
  g_return_if_fail (USGA_IS_RECOMMENDATIONS_PAGE (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->view_stack), name);
}

static void
usga_recommendations_page_dispose (GObject *object)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (object);

  g_clear_pointer (&self->root, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
  g_clear_object (&self->store);
  g_clear_object (&self->link);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (usga_recommendations_page_parent_class)->dispose (object);
}

static void
usga_recommendations_page_class_init (UsgaRecommendationsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_recommendations_page_dispose;
  g_type_ensure (USGA_TYPE_RECOMMENDATION_DETAIL);
  g_type_ensure (USGA_TYPE_TRACKER_BARS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-recommendations-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, UsgaRecommendationsPage, name)
  BIND (root); BIND (figure_label); BIND (view_stack); BIND (leaflet); BIND (list_pane);
  BIND (search_entry); BIND (sdg_dropdown); BIND (status_dropdown); BIND (term_dropdown);
  BIND (theme_dropdown); BIND (topic_dropdown); BIND (responsible_dropdown); BIND (overdue_toggle);
  BIND (count_label); BIND (column_view); BIND (detail); BIND (headline_label); BIND (headline_note);
  BIND (sdg_bars); BIND (theme_bars); BIND (overdue_list); BIND (recent_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_open);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_back);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_row_activated);

  gtk_widget_class_install_action (widget_class, "recommendations.export-csv", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "recommendations.export-json", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "recommendations.export-pdf", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "recommendations.import", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "recommendations.search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "recommendations.publish", NULL, publish_action);
}

static void
usga_recommendations_page_init (UsgaRecommendationsPage *self)
{
  g_autoptr(GtkStringList) sdgs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) terms = gtk_string_list_new (NULL);
  GtkColumnViewColumn *id_column;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->banner = usga_shared_banner_new ();
  gtk_box_prepend (GTK_BOX (self->root), self->banner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.publish", FALSE);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (search_shortcut, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  gtk_string_list_append (sdgs, _("All SDGs"));
  for (guint i = 1; i < G_N_ELEMENTS (sdg_values); i++)
    {
      g_autofree char *label = g_strdup_printf (_("SDG %d"), sdg_values[i]);
      gtk_string_list_append (sdgs, label);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->sdg_dropdown), G_LIST_MODEL (sdgs));
  gtk_string_list_append (statuses, _("Any status"));
  for (int s = 0; s < USGA_N_STATUSES; s++)
    gtk_string_list_append (statuses, usga_status_name (usga_status_key (s)));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->status_dropdown), G_LIST_MODEL (statuses));
  gtk_string_list_append (terms, _("Any term"));
  gtk_string_list_append (terms, usga_term_name ("short"));
  gtk_string_list_append (terms, usga_term_name ("medium"));
  gtk_string_list_append (terms, usga_term_name ("long"));
  gtk_string_list_append (terms, _("Term not set"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->term_dropdown), G_LIST_MODEL (terms));
  {
    GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (GTK_DROP_DOWN (self->theme_dropdown), expression);
    gtk_drop_down_set_expression (GTK_DROP_DOWN (self->topic_dropdown), expression);
    gtk_expression_unref (expression);
  }
  {
    GtkWidget *dropdowns[] = { self->sdg_dropdown, self->status_dropdown, self->term_dropdown,
                               self->theme_dropdown, self->topic_dropdown, self->responsible_dropdown };
    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      g_signal_connect_swapped (dropdowns[i], "notify::selected", G_CALLBACK (on_filter_changed), self);
  }

  self->items = g_list_store_new (USGA_TYPE_RECOMMENDATION_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->items), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));

  id_column = usga_recommendation_columns_add (GTK_COLUMN_VIEW (self->column_view), &self->today);
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), id_column, GTK_SORT_ASCENDING);
}
