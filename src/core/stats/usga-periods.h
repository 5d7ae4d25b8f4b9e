/* usga-periods.h — the period rule in one place: which days of a window are counted by day
 * from the carpeta rows and which quarters come whole from the published quarterly counts.
 * Used by usga-stats.c; the answer is carried by UsgaStats (resolution, snapped_quarters…).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

typedef struct {
  char     from[11];   /* YYYY-MM-DD, inclusive */
  char     to[11];
  gboolean partial;    /* outside complete coverage, and no published count there */
} UsgaDayRange;

typedef struct {
  GArray    *days;        /* UsgaDayRange: count rows here, by day (adjacent ranges merged) */
  GArray    *quarters;    /* int year * 10 + quarter: answer these whole from the published counts */
  GPtrArray *snapped;     /* "2023-Q2": of @quarters, those the window cuts */
  GPtrArray *unanswered;  /* "2023-Q2": published only, but this grouping or area cannot use them */
  GArray    *skipped;     /* UsgaDayRange: window days whose rows are not counted */
  char      *counted_from;
  char      *counted_to;
} UsgaPeriodPlan;

/* Plans [@from, @to] (NULL: first / last record) for the carpetas. @quarterly_usable says
 * whether the published counts can answer the query at all (grouping and area). */
UsgaPeriodPlan *usga_period_plan_new  (UsgaDb *db, const char *from, const char *to,
                                       gboolean quarterly_usable, GError **error);
void            usga_period_plan_free (UsgaPeriodPlan *plan);
/* The plan's quarters as a JSON array of year * 10 + quarter, for SQL json_each(). */
char           *usga_period_plan_quarters_json (UsgaPeriodPlan *plan);

/* First and last day of the quarter holding @day (YYYY-MM-DD); FALSE for a bad day. */
gboolean        usga_quarter_bounds (const char *day, char first[11], char last[11]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaPeriodPlan, usga_period_plan_free)

G_END_DECLS
