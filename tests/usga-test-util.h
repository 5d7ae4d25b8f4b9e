/* usga-test-util.h — shared test helpers: temporary databases and main-loop waiting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-core.h"

G_BEGIN_DECLS

/* A fresh directory under the test's temp dir, removed when the test exits normally. */
char    *usga_test_tmpdir        (void);
/* Path of a new, not yet existing database file in a fresh temp dir. */
char    *usga_test_db_path       (void);
/* A database filled with the bundled data. The first call imports; later calls copy that file. */
UsgaDb  *usga_test_bundled_db    (char **out_path);
/* Runs the default main context until @done returns TRUE or @timeout_ms elapses (the timeout
 * only matters on failure); FALSE when @done never held. @done is re-checked every few ms too. */
gboolean usga_test_wait_until    (gboolean (*done) (gpointer), gpointer data, guint timeout_ms);
/* Waits until g_get_real_time() is past @after_us: a strictly later timestamp, not a sleep. */
gboolean usga_test_wait_clock_passes (gint64 after_us, guint timeout_ms);
/* A new database (fresh temp dir) with the crime categories and the delito rules loaded, and
 * nothing else: for hand-made fixtures. */
UsgaDb  *usga_test_rules_db      (void);
/* Runs the PostgreSQL test cluster script ($USGA_TEST_PG_CLUSTER) with @action (stop, start, …)
 * on $USGA_TEST_PG_DIR; fails unless it succeeds. */
void     usga_test_pg_cluster    (const char *action);
/* The carpetas resource id the sync and import tests serve from their local portal. */
#define USGA_TEST_RID "48fcb848-220c-4af0-839b-4fd8ac812c0f"
/* Writes @text to a new file @name in a fresh temp dir; returns its path. */
char    *usga_test_write_file    (const char *name, const char *text);
/* The first column of the first row of @sql: a count (-1 when the query fails) or a text
 * (NULL when there is no row or the value is NULL). */
gint64   usga_test_count         (UsgaDb *db, const char *sql);
char    *usga_test_query_text    (UsgaDb *db, const char *sql);
/* Fails unless every foreign key holds and the checks are on again (syncs and imports write
 * with them off). */
void     usga_test_assert_references_hold (UsgaDb *db);
/* Options for a sync of resource @rid as @kind from a test portal at @base_url: 3 attempts 5 ms
 * apart, 10 s timeout, everything else 0. */
void     usga_test_sync_options  (UsgaSyncOptions *o, const char *base_url, const char *rid, UsgaTableKind kind);
/* usga_sync_dataset() into a fresh summary @s (clear it after), then the reference check. */
gboolean usga_test_sync          (UsgaDb *db, const UsgaSyncOptions *o, GCancellable *cancellable,
                                  UsgaSyncSummary *s, GError **error);
/* usga_test_sync() that must succeed, or fail with @domain / @code (left in @error). */
void     usga_test_sync_ok       (UsgaDb *db, const UsgaSyncOptions *o, UsgaSyncSummary *s);
void     usga_test_sync_fails    (UsgaDb *db, const UsgaSyncOptions *o, UsgaSyncSummary *s, GError **error,
                                  GQuark domain, int code);
/* fixtures/self-signed.pem: a certificate nobody vouches for (for https test portals); its
 * path in @pem_path unless NULL (free it). */
GTlsCertificate *usga_test_self_signed_certificate (char **pem_path);
/* Copies a file; for snapshotting databases in tests. */
void     usga_test_copy_file     (const char *from, const char *to);
/* setlocale (LC_ALL, @locale) (NULL: from the environment). When that locale is not installed,
 * prints a TAP plan that skips the whole program, naming the locale and how to install it, and
 * exits: a missing locale is a machine without it, not a failure. Call before g_test_init(). */
void     usga_test_setlocale_or_skip (const char *locale);

G_END_DECLS
