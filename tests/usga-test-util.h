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
/* Copies a file; for snapshotting databases in tests. */
void     usga_test_copy_file     (const char *from, const char *to);
/* setlocale (LC_ALL, @locale) (NULL: from the environment). When that locale is not installed,
 * prints a TAP plan that skips the whole program, naming the locale and how to install it, and
 * exits: a missing locale is a machine without it, not a failure. Call before g_test_init(). */
void     usga_test_setlocale_or_skip (const char *locale);

G_END_DECLS
