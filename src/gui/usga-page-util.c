/* usga-page-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "usga-page-util.h"

typedef struct {
  UsgaRefreshFunc refresh;
  UsgaStore      *store;   /* not a reference: the page holds one */
  gboolean        dirty;
  guint           runs;
  GCancellable   *cancellable;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *w = data;

  if (w->cancellable)
    g_cancellable_cancel (w->cancellable);
  g_clear_object (&w->cancellable);
  g_free (w);
}

static void
maybe_refresh (GtkWidget *page)
{
  Watch *w = g_object_get_data (G_OBJECT (page), "usga-watch");

  if (w == NULL)
    return;
  /* Hidden pages, and every page before the store's first catalogue, wait. */
  if (!gtk_widget_get_mapped (page) || !usga_store_catalog_ready (w->store))
    {
      w->dirty = TRUE;
      return;
    }
  w->dirty = FALSE;
  w->runs++;
  w->refresh (page);
}

static void
page_mapped (GtkWidget *page)
{
  Watch *w = g_object_get_data (G_OBJECT (page), "usga-watch");

  if (w && w->dirty)
    maybe_refresh (page);
}

void
usga_page_watch_store (GtkWidget *page, UsgaStore *store, UsgaRefreshFunc refresh)
{
  Watch *w = g_new0 (Watch, 1);

  w->refresh = refresh;
  w->store = store;
  w->dirty = TRUE;
  g_object_set_data_full (G_OBJECT (page), "usga-watch", w, watch_free);
  /* The store's one fan-out covers filter changes and new data alike. */
  g_signal_connect_object (store, "refresh", G_CALLBACK (maybe_refresh), page, G_CONNECT_SWAPPED);
  g_signal_connect (page, "map", G_CALLBACK (page_mapped), NULL);
  usga_store_load_catalog (store);
  maybe_refresh (page);
}

guint
usga_page_get_refresh_count (GtkWidget *page)
{
  Watch *w = g_object_get_data (G_OBJECT (page), "usga-watch");

  return w ? w->runs : 0;
}

GCancellable *
usga_page_renew_cancellable (GtkWidget *page)
{
  Watch *w = g_object_get_data (G_OBJECT (page), "usga-watch");

  g_return_val_if_fail (w != NULL, NULL);
  if (w->cancellable)
    g_cancellable_cancel (w->cancellable);
  g_clear_object (&w->cancellable);
  w->cancellable = g_cancellable_new ();
  return w->cancellable;
}

const char *
usga_change_css_class (double percent)
{
  if (isnan (percent) || fabs (percent) < 0.05)
    return "change-none";
  return percent > 0 ? "change-up" : "change-down";
}

char *
usga_page_local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

void
usga_page_clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
usga_page_append_link_row (GtkWidget *list, const char *id, const char *title, const char *subtitle)
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

const char *
usga_ui_language (void)
{
  /* Translators: this is the language code of your translation ("es" for Spanish). */
  const char *code = _("en");

  return g_str_has_prefix (code, "es") ? "es" : "en";
}

void
usga_page_toast (GtkWidget *page, const char *message)
{
  /* The window owns the toasts (its "win.toast" action); outside a window (tests), log. */
  if (!gtk_widget_activate_action (page, "win.toast", "s", message))
    g_message ("%s", message);
}
