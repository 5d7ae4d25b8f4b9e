/* usga-paths.c — data and translations found relative to the running binary, never compiled in.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "usga-paths.h"

/* meson writes this next to every uninstalled binary; it is never installed. */
#define UNINSTALLED_MARKER "usga-uninstalled.ini"
#define UNINSTALLED_GROUP  "Uninstalled"

/* What proves a folder is the one we want. */
#define DATA_WITNESS   "delito_categories.csv"
#define LOCALE_WITNESS "es" G_DIR_SEPARATOR_S "LC_MESSAGES" G_DIR_SEPARATOR_S GETTEXT_PACKAGE ".mo"

const char *
usga_paths_exe_dir (void)
{
  static gsize dir = 0;

  if (g_once_init_enter (&dir))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char *found = exe ? g_path_get_dirname (exe) : NULL;

      /* 1 stands for "looked, found nothing": g_once needs a non-zero value. */
      g_once_init_leave (&dir, found ? (gsize) found : 1);
    }
  return dir == 1 ? NULL : (const char *) dir;
}

/* @relative (from config.h, e.g. "../share/usga-dashboard") resolved against the binary's folder. */
static char *
beside_exe (const char *relative)
{
  const char *exe_dir = usga_paths_exe_dir ();
  g_autofree char *joined = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_path_is_absolute (relative))
    return g_strdup (relative);
  if (exe_dir == NULL)
    return NULL;
  joined = g_build_filename (exe_dir, relative, NULL);
  file = g_file_new_for_path (joined);  /* folds the "..": messages show a clean path */
  return g_file_get_path (file);
}

/* A key of the build tree's marker next to the binary, or NULL when installed. */
static char *
uninstalled_value (const char *key)
{
  const char *exe_dir = usga_paths_exe_dir ();
  g_autofree char *marker = NULL;
  g_autoptr(GKeyFile) keys = NULL;

  if (exe_dir == NULL)
    return NULL;
  marker = g_build_filename (exe_dir, UNINSTALLED_MARKER, NULL);
  keys = g_key_file_new ();
  if (!g_key_file_load_from_file (keys, marker, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (keys, UNINSTALLED_GROUP, key, NULL);
}

static gboolean
holds (const char *dir, const char *witness)
{
  g_autofree char *path = NULL;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, witness, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The search both folders share: environment, beside the binary, build tree, XDG data dirs. */
static char *
find_dir (const char *env_name, const char *relative, const char *marker_key,
          const char *xdg_subdir, const char *witness)
{
  const char *env = g_getenv (env_name);
  g_autofree char *installed = beside_exe (relative);
  g_autofree char *uninstalled = NULL;
  const char *const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *user = NULL;

  if (env && *env)
    return g_strdup (env);
  if (holds (installed, witness))
    return g_steal_pointer (&installed);
  uninstalled = uninstalled_value (marker_key);
  if (holds (uninstalled, witness))
    return g_steal_pointer (&uninstalled);
  user = g_build_filename (g_get_user_data_dir (), xdg_subdir, NULL);
  if (holds (user, witness))
    return g_steal_pointer (&user);
  for (guint i = 0; system_dirs[i]; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], xdg_subdir, NULL);

      if (holds (dir, witness))
        return g_steal_pointer (&dir);
    }
  if (installed)
    return g_steal_pointer (&installed);
  return g_build_filename (system_dirs[0] ? system_dirs[0] : G_DIR_SEPARATOR_S, xdg_subdir, NULL);
}

char *
usga_paths_helper (const char *name)
{
  g_autofree char *path = NULL;

  if (usga_paths_exe_dir () == NULL)
    return NULL;
  path = g_build_filename (usga_paths_exe_dir (), name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) ? g_steal_pointer (&path) : NULL;
}

const char *
usga_paths_data_dir (void)
{
  static gsize dir = 0;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, (gsize) find_dir ("USGA_DATA_DIR", USGA_BIN_TO_PKGDATADIR, "DataDir",
                                               "usga-dashboard", DATA_WITNESS));
  return (const char *) dir;
}

const char *
usga_paths_locale_dir (void)
{
  static gsize dir = 0;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, (gsize) find_dir ("USGA_LOCALEDIR", USGA_BIN_TO_LOCALEDIR, "LocaleDir",
                                               "locale", LOCALE_WITNESS));
  return (const char *) dir;
}

const char *
usga_paths_uninstalled_schema_dir (void)
{
  static gsize dir = 0;

  if (g_once_init_enter (&dir))
    {
      char *found = uninstalled_value ("SchemaDir");

      if (found && !holds (found, "gschemas.compiled"))
        g_clear_pointer (&found, g_free);
      g_once_init_leave (&dir, found ? (gsize) found : 1);
    }
  return dir == 1 ? NULL : (const char *) dir;
}

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

/* Month names come from LC_TIME, not from our catalogue: when $LANGUAGE picks another language
 * than the locale's (LANGUAGE=es under LANG=C or en_US), dates follow $LANGUAGE if that
 * language's locale is installed. Our Spanish is Mexico City's, so a bare "es" means es_MX. */
static void
follow_language_for_dates (const char *language)
{
  g_autofree char *first = g_strndup (language, strcspn (language, ":.@"));
  const char *current = setlocale (LC_TIME, NULL);
  g_autofree char *wanted = NULL;

  if (strlen (first) < 2)
    return;
  if (current && !is_c_locale (current) && g_ascii_strncasecmp (current, first, 2) == 0 &&
      (strchr (first, '_') == NULL || g_str_has_prefix (current, first)))
    return;
  if (strchr (first, '_'))
    wanted = g_strconcat (first, ".UTF-8", NULL);
  else if (g_str_equal (first, "es"))
    wanted = g_strdup ("es_MX.UTF-8");
  else if (g_str_equal (first, "en"))
    wanted = g_strdup ("C.UTF-8");
  if (wanted)
    setlocale (LC_TIME, wanted);  /* left as it was when that locale is not installed */
}

void
usga_paths_init_i18n (void)
{
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  /* glibc ignores $LANGUAGE under the plain C locale (cron, env -i); C.UTF-8 honours it, and
   * its UTF-8 keeps the accents of the translation intact on output. */
  if (language && *language && is_c_locale (setlocale (LC_MESSAGES, NULL)))
    {
      setlocale (LC_MESSAGES, "C.UTF-8");
      if (is_c_locale (setlocale (LC_CTYPE, NULL)))
        setlocale (LC_CTYPE, "C.UTF-8");
    }
  if (language && *language)
    follow_language_for_dates (language);
  bindtextdomain (GETTEXT_PACKAGE, usga_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
