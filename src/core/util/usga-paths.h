/* usga-paths.h — where an installed, moved or uninstalled binary finds its data and translations.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bundled data folder (the one holding delito_categories.csv), searched in this order:
 * $USGA_DATA_DIR; <dir of the running binary>/../share/usga-dashboard (so a DESTDIR tree, a
 * moved prefix and the Flatpak work); the build tree's source data, named by the
 * usga-uninstalled.ini file meson writes next to uninstalled binaries; then
 * $XDG_DATA_HOME and $XDG_DATA_DIRS (…/usga-dashboard). No path is compiled in. When nothing
 * is found, the first candidate, so an error message names where the data was expected. */
const char *usga_paths_data_dir   (void);

/* The message catalogues folder, found the same way ($USGA_LOCALEDIR, ../share/locale next to
 * the binary, the build tree's po/, $XDG_DATA_DIRS/locale). */
const char *usga_paths_locale_dir (void);

/* The build tree's compiled GSettings schema folder for an uninstalled binary; NULL when
 * installed (the schema is then where GLib looks anyway). */
const char *usga_paths_uninstalled_schema_dir (void);

/* The helper program @name beside the running binary (installed together, or in the build
 * tree), or NULL when it is not there or not executable. */
char       *usga_paths_helper     (const char *name);

/* The folder holding the running binary (from /proc/self/exe), or NULL. */
const char *usga_paths_exe_dir    (void);

/* setlocale (LC_ALL, ""), then binds the text domain to usga_paths_locale_dir() in UTF-8.
 * $LANGUAGE picks the language even when the locale is plain C (as under cron or env -i). */
void        usga_paths_init_i18n  (void);

G_END_DECLS
