/* usga-cli.h — shared pieces of the `usga` command.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-core.h"

G_BEGIN_DECLS

/* Exit codes: 0 ok, 1 the work failed, 2 bad arguments. */
#define USGA_EXIT_FAILURE 1
#define USGA_EXIT_USAGE   2

typedef struct {
  const char *db_path;   /* --db, or the default */
} UsgaCliContext;

typedef int (*UsgaCliCommand) (UsgaCliContext *ctx, int argc, char **argv);

/* Prints "usga: message" on stderr and returns @code. */
int     usga_cli_error      (int code, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Opens an existing, initialised database; NULL after printing the error. */
UsgaDb *usga_cli_open_db    (UsgaCliContext *ctx, gboolean writable);
/* The same, read-only, after the whole integrity check (for `usga info`). */
UsgaDb *usga_cli_open_db_verified (UsgaCliContext *ctx);
/* A portal setting (ckan-base-url, ckan-carpetas-resource, …) from @settings, or with no schema
 * installed (@settings NULL, as under cron) its compiled-in default. */
char   *usga_cli_setting    (GSettings *settings, const char *key);
/* Parses a subcommand's options: @parameter (translated) describes its arguments, @entries may be
 * NULL, @filters adds the shared filter options. FALSE after printing the error. */
gboolean usga_cli_parse_options (const char *parameter, const GOptionEntry *entries, gboolean filters,
                                 int *argc, char ***argv);
/* Adds --from/--to/--category/--delito/--colonia/--area-level/--area options filling @filter. */
GOptionGroup *usga_cli_filter_options (void);
/* Builds the filter from the parsed options; FALSE after printing the error. */
gboolean usga_cli_filter_build (UsgaDb *db, UsgaFilter *filter);
GOutputStream *usga_cli_stdout (void);
/* usga_cli_parse_options() for a command that takes no argument: FALSE after printing the
 * error for a parse failure or a stray argument (both USGA_EXIT_USAGE). */
gboolean usga_cli_parse_no_arguments (const char *parameter, const GOptionEntry *entries, gboolean filters,
                                      int *argc, char ***argv);
/* --format csv (the default, @format NULL) or json: FALSE after printing the error. */
gboolean usga_cli_format_is_json (const char *format, gboolean *json);
/* Opens the database read-only into @db and builds @filter from the filter options: 0, or the
 * exit code after printing the error. */
int      usga_cli_open_filtered (UsgaCliContext *ctx, UsgaFilter *filter, UsgaDb **db);

int usga_cli_init            (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_info            (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_stats           (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_hotspots        (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_recommendations (UsgaCliContext *ctx, int argc, char **argv);

/* --tracker-db CONNINFO of `usga recommendations …`: NULL for the local tracker. */
extern char *usga_cli_tracker_db;
/* A string the app's Preferences set (GSettings), or NULL when empty or not installed. */
char *usga_cli_preference (const char *key);
/* Takes --tracker-db CONNINFO / --local-tracker out of @argv (wherever they are) and sets
 * usga_cli_tracker_db, defaulting to the shared tracker Preferences names; 0, or an exit code
 * after printing why. */
int usga_cli_take_tracker_options (int *argc, char **argv);
/* The database to read the tracker from: the local one, or a fresh copy of the shared one.
 * NULL after printing the error (which names the server). */
UsgaDb *usga_cli_tracker_read (UsgaCliContext *ctx);
/* The shared tracker for --tracker-db, not connected yet; NULL after printing the error. */
UsgaSharedTracker *usga_cli_tracker_shared (UsgaCliContext *ctx);
/* The tracker store a writing command uses: the local database, or --tracker-db's shared
 * tracker (its queued edits sent first). @db / @shared receive what it borrows (free them
 * after the store). NULL after printing the error. */
UsgaTrackerStore *usga_cli_tracker_store (UsgaCliContext *ctx, UsgaDb **db, UsgaSharedTracker **shared);
/* Sends the queued edits first (printing refusals); FALSE when the server cannot be reached. */
gboolean usga_cli_tracker_send_queue (UsgaSharedTracker *shared);
/* Writes @text for the terminal: control characters stripped when stdout is a terminal. */
const char *usga_cli_tracker_text (const char *text, char **scratch);
/* One "conflict: …" line per conflict of a merge (import or publish). */
void usga_cli_tracker_print_conflicts (const UsgaTrackerImportReport *report);
int usga_cli_tracker_queue   (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_tracker_publish (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_sync            (UsgaCliContext *ctx, int argc, char **argv);
/* `usga import FILE [--kind K]`: dispatches carpetas/victimas to usga_cli_import_table(). */
int usga_cli_import_table    (UsgaCliContext *ctx, const char *path, const char *kind, const char *scope,
                              gboolean complete, const char *rejects);
/* TRUE for the import kinds usga-cli-geo.c handles (corridors, utopias). */
gboolean usga_cli_geo_kind   (const char *kind);
int usga_cli_import_geo      (UsgaCliContext *ctx, const char *path, const char *kind);

/* `usga import FILE --kind K`: carpetas/victimas (usga-cli-sync.c), corridors/utopias (usga-cli-geo.c). */
int usga_cli_import          (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_export          (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_export_chart    (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_export_corridors (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_export_briefing (UsgaCliContext *ctx, int argc, char **argv);

G_END_DECLS
