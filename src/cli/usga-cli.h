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
/* Parses a subcommand's options: @parameter (translated) describes its arguments, @entries may be
 * NULL, @filters adds the shared filter options. FALSE after printing the error. */
gboolean usga_cli_parse_options (const char *parameter, const GOptionEntry *entries, gboolean filters,
                                 int *argc, char ***argv);
/* Adds --from/--to/--category/--delito/--colonia/--area-level/--area options filling @filter. */
GOptionGroup *usga_cli_filter_options (void);
/* Builds the filter from the parsed options; FALSE after printing the error. */
gboolean usga_cli_filter_build (UsgaDb *db, UsgaFilter *filter);
GOutputStream *usga_cli_stdout (void);

int usga_cli_init            (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_info            (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_stats           (UsgaCliContext *ctx, int argc, char **argv);
int usga_cli_recommendations (UsgaCliContext *ctx, int argc, char **argv);
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
