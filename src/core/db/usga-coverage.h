/* usga-coverage.h — day ranges over which the one-row-per-carpeta tables are a COMPLETE
 * record of the source for the alcaldía (table point_coverage). Stats count rows by day only
 * inside these ranges; outside them the published quarterly counts answer.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

/* Datasets that have coverage: 'carpetas' (table incident) and 'victimas' (table victim). */
#define USGA_COVERAGE_CARPETAS "carpetas"
#define USGA_COVERAGE_VICTIMAS "victimas"

typedef struct {
  char *dataset;
  char *first_day;   /* YYYY-MM-DD, inclusive */
  char *last_day;    /* YYYY-MM-DD, inclusive */
  char *origin;      /* bundled | ckan | csv */
  char *note;        /* may be NULL */
} UsgaCoverageRange;

/* Records that [@first_day, @last_day] of @dataset is complete. Call it only when every row of
 * the source for that range was received (a partial import records nothing). Rejects dates that
 * are not valid YYYY-MM-DD days and first > last. Runs inside the caller's transaction. */
gboolean   usga_coverage_add     (UsgaDb *db, const char *dataset, const char *first_day,
                                  const char *last_day, const char *origin, const char *note,
                                  GError **error);
/* TRUE when every day of [@first_day, @last_day] lies in some recorded range of @dataset
 * (ranges that overlap or touch join up). FALSE on a query error or bad dates. */
gboolean   usga_coverage_covers  (UsgaDb *db, const char *dataset, const char *first_day,
                                  const char *last_day);
/* The recorded ranges of @dataset (all datasets when NULL), by dataset and first day. */
GPtrArray *usga_coverage_list    (UsgaDb *db, const char *dataset, GError **error); /* UsgaCoverageRange* */
void       usga_coverage_range_free (UsgaCoverageRange *range);

/* Parses YYYY-MM-DD into a Julian day number (1 = 0001-01-01); 0 when it is not a valid day. */
guint32    usga_coverage_parse_day (const char *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCoverageRange, usga_coverage_range_free)

G_END_DECLS
