/* usga-preferences-window.c — every setting is a GSettings key bound to its row.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-core.h"
#include "usga-preferences-window.h"

struct _UsgaPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  GtkWidget *style_row;
  GtkWidget *language_row;
  GtkWidget *user_name_row;
  GtkWidget *shared_tracker_group;
  GtkWidget *shared_tracker_row;
  GtkWidget *tile_url_row;
  GtkWidget *tile_attribution_row;
  GtkWidget *tile_max_zoom_spin;
  GtkWidget *ckan_url_row;
  GtkWidget *carpetas_resource_row;
  GtkWidget *victimas_resource_row;
  GtkWidget *carpetas_package_row;
  GtkWidget *victimas_package_row;
  GtkWidget *scope_row;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (UsgaPreferencesWindow, usga_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows list the choices in the order of these nicks. */
static const char *const style_nicks[] = { "follow", "light", "dark", NULL };
static const char *const language_nicks[] = { "system", "es", "en", NULL };
static const char *const scope_nicks[] = { "iztapalapa", "city", NULL };

static gboolean
nick_to_index (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_nick (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[index]);
}

/* Saved on Apply only, and never with a password in it (GSettings is plain text). */
static void
on_shared_tracker_apply (UsgaPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shared_tracker_row))));

  if (usga_tracker_pg_has_password (text))
    {
      gtk_widget_add_css_class (self->shared_tracker_row, "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Not saved: the connection string holds a password. Put it in ~/.pgpass instead.")));
      return;
    }
  gtk_widget_remove_css_class (self->shared_tracker_row, "error");
  g_settings_set_string (self->settings, "shared-tracker", text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (*text ? _("The tracker is now the shared one.")
                                                         : _("The tracker is now this computer’s own.")));
}

static void
bind_choice (UsgaPreferencesWindow *self, const char *key, GtkWidget *row, const char *const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick, (gpointer) nicks, NULL);
}

static void
bind_text (UsgaPreferencesWindow *self, const char *key, GtkWidget *row)
{
  g_settings_bind (self->settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
}

static void
usga_preferences_window_dispose (GObject *object)
{
  UsgaPreferencesWindow *self = USGA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (usga_preferences_window_parent_class)->dispose (object);
}

static void
usga_preferences_window_class_init (UsgaPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, shared_tracker_group);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, shared_tracker_row);
  gtk_widget_class_bind_template_callback (widget_class, on_shared_tracker_apply);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, tile_url_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, tile_attribution_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, tile_max_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, ckan_url_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, carpetas_resource_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, victimas_resource_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, carpetas_package_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, victimas_package_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaPreferencesWindow, scope_row);
}

static void
usga_preferences_window_init (UsgaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
usga_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  UsgaPreferencesWindow *self = g_object_new (USGA_TYPE_PREFERENCES_WINDOW,
                                              "transient-for", parent,
                                              "application", parent ? gtk_window_get_application (parent) : NULL,
                                              "modal", TRUE,
                                              NULL);

  self->settings = g_object_ref (settings);
  bind_choice (self, "style-variant", self->style_row, style_nicks);
  bind_choice (self, "language", self->language_row, language_nicks);
  bind_choice (self, "sync-scope", self->scope_row, scope_nicks);
  bind_text (self, "user-name", self->user_name_row);
  {
    g_autofree char *shared = g_settings_get_string (settings, "shared-tracker");
    gtk_editable_set_text (GTK_EDITABLE (self->shared_tracker_row), shared);
  }
  bind_text (self, "tile-url", self->tile_url_row);
  bind_text (self, "tile-attribution", self->tile_attribution_row);
  bind_text (self, "ckan-base-url", self->ckan_url_row);
  bind_text (self, "ckan-carpetas-resource", self->carpetas_resource_row);
  bind_text (self, "ckan-victimas-resource", self->victimas_resource_row);
  bind_text (self, "ckan-carpetas-package", self->carpetas_package_row);
  bind_text (self, "ckan-victimas-package", self->victimas_package_row);
  g_settings_bind (settings, "tile-max-zoom", self->tile_max_zoom_spin, "value", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}
