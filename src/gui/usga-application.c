/* usga-application.c — application-wide state: settings, style, the data store, actions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "usga-application.h"
#include "usga-preferences-window.h"
#include "usga-window.h"

struct _UsgaApplication {
  AdwApplication parent_instance;
  GSettings     *settings;
  UsgaStore     *store;
  char          *db_path;
};

G_DEFINE_FINAL_TYPE (UsgaApplication, usga_application, ADW_TYPE_APPLICATION)

void
usga_application_apply_language_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  if (schema == NULL)
    return;
  settings = g_settings_new (APP_ID);
  language = g_settings_get_string (settings, "language");
  if (g_str_equal (language, "es"))
    g_setenv ("LANGUAGE", "es_MX:es", TRUE);
  else if (g_str_equal (language, "en"))
    g_setenv ("LANGUAGE", "en", TRUE);
}

UsgaStore *
usga_application_get_store (UsgaApplication *self)
{
  return self->store;
}

GSettings *
usga_application_get_settings (UsgaApplication *self)
{
  return self->settings;
}

static gboolean
style_to_color_scheme (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  if (g_str_equal (style, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (style, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  UsgaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("USGA Dashboard developers"), NULL };
  const char *data_sources[] = {
    "FGJ-CDMX, carpetas de investigación — Portal de Datos Abiertos CDMX (CC-BY-4.0), via jjsantos01/delitos-colonias https://github.com/jjsantos01/delitos-colonias",
    "IECM colonias with 2020 census population (INEGI) — via diegovalle/hoyodecrimen.clean https://github.com/diegovalle/hoyodecrimen.clean",
    "SSC-CDMX police cuadrantes — via CentroGeo/criminologia_cdmx (Apache-2.0) https://github.com/CentroGeo/criminologia_cdmx",
    "INEGI Marco Geoestadístico, alcaldías — via omarhdezh/cdmx-crime-map (MIT) https://github.com/omarhdezh/cdmx-crime-map",
    "Alcaldía Iztapalapa UTOPÍAS — community layer via marcomna/ServicioBecario (MIT) https://github.com/marcomna/ServicioBecario",
    "FGJ delito catalogue — CentroGeo/criminologia_cdmx (Apache-2.0)",
    "UNODC, Urban Safety Governance Assessment (USGA) – Iztapalapa",
    NULL
  };
  const char *map_credits[] = {
    "© OpenStreetMap contributors https://www.openstreetmap.org/copyright",
    NULL
  };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", window,
                                   "modal", TRUE,
                                   "application-icon", APP_ID,
                                   "application-name", _("USGA Dashboard"),
                                   "developer-name", _("USGA Dashboard developers"),
                                   "version", PACKAGE_VERSION,
                                   "comments", _("Crime trends, safety maps and the tracker of UNODC’s 109 recommendations for the Mayor’s Office of Iztapalapa."),
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "developers", developers,
                                   "translator-credits", _("translator-credits"),
                                   NULL);

  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Data sources"), data_sources);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Map data"), map_credits);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Open data"), NULL, GTK_LICENSE_CUSTOM,
                                      _("Crime, boundary and population data are Mexico City government open data "
                                        "published under CC-BY-4.0 by the Agencia Digital de Innovación Pública. "
                                        "Coordinates of carpetas are displaced by the FGJ to protect victims."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  UsgaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (usga_preferences_window_new (window, self->settings)));
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
usga_application_startup (GApplication *app)
{
  UsgaApplication *self = USGA_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  /* Opening the database (a worker's job) overlaps GTK's and the style's initialisation. */
  if (self->db_path == NULL)
    self->db_path = usga_db_default_path ();
  self->store = usga_store_new (self->db_path);
  usga_store_open_async (self->store, NULL, NULL);

  G_APPLICATION_CLASS (usga_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "style-variant",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, style_to_color_scheme, NULL, NULL, NULL);
}

static void
usga_application_activate (GApplication *app)
{
  UsgaApplication *self = USGA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (usga_window_new (GTK_APPLICATION (self), usga_application_get_store (self),
                                            usga_application_get_settings (self)));
  gtk_window_present (window);
}

static int
usga_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  UsgaApplication *self = USGA_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->db_path = g_file_get_path (file);
      /* A different database is a different instance: never hand it to a running window. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
usga_application_finalize (GObject *object)
{
  UsgaApplication *self = USGA_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_free (self->db_path);
  G_OBJECT_CLASS (usga_application_parent_class)->finalize (object);
}

/* GTK 4.8's X11 backend opens GL when it opens the display (to choose the windows' visual),
 * whatever the renderer. Under GSK_RENDERER=cairo nothing of ours draws with GL (no GL area,
 * no GL textures), so GL is turned off before GTK starts (GDK_DEBUG=gl-disable, GTK 4.8's own
 * switch): otherwise a software driver (Mesa's llvmpipe and its LLVM, about 50 MiB) stays
 * resident for nothing. Any other renderer, or a GDK_DEBUG GL choice of the user's, is kept. */
/* Without a GPU render node, GL is Mesa's software rasteriser: slower than cairo for what the
 * app draws (cairo charts and maps) and about 50 MiB more resident. Then, unless the user
 * chose a renderer, cairo it is. */
static gboolean
usga_application_has_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

static void
usga_application_skip_unused_gl (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *value = NULL;

  if (g_getenv ("GSK_RENDERER") == NULL && !usga_application_has_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0 || (debug && strstr (debug, "gl-")))
    return;
  value = debug && *debug ? g_strconcat (debug, ",gl-disable", NULL) : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", value, TRUE);
}

static void
usga_application_class_init (UsgaApplicationClass *klass)
{
  usga_application_skip_unused_gl ();
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
  /* Each store worker would get a malloc arena of its own (up to 8 per core), and what its
   * queries freed stays resident there: two arenas keep about 10-20 MB less resident with
   * every page visited, at no cost the bench can see. */
  mallopt (M_ARENA_MAX, 2);
  /* Fixed thresholds (glibc raises them as large blocks come and go): big temporaries are
   * mapped and given back when freed, and a freed heap top is returned; about 5 MiB less peak. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
  mallopt (M_TRIM_THRESHOLD, 1024 * 1024);
#endif
  G_OBJECT_CLASS (klass)->finalize = usga_application_finalize;
  G_APPLICATION_CLASS (klass)->startup = usga_application_startup;
  G_APPLICATION_CLASS (klass)->activate = usga_application_activate;
  G_APPLICATION_CLASS (klass)->handle_local_options = usga_application_handle_local_options;
}

static void
usga_application_init (UsgaApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

UsgaApplication *
usga_application_new (void)
{
  return g_object_new (USGA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/usga/Dashboard",
                       NULL);
}
