/* usga-job-owner.h — who runs a sync or import recorded as "running" in sync_log, and whether
 * that process still lives. Several processes may sync the same database at once; a job is
 * interrupted only when its own process is gone (or the machine has restarted since).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

/* This process, as "BOOT-ID/PID/START-TIME" (the kernel's boot id and the process's start
 * time in clock ticks, so a reused pid is not taken for the same process). */
const char *usga_job_owner_self  (void);
/* FALSE when @owner is NULL (a job from before owners were recorded), from another boot, or
 * its process has ended. */
gboolean    usga_job_owner_alive (const char *owner);
/* Records this process as the owner of job @log_id (a new or resumed sync_log row). */
gboolean    usga_job_owner_claim (UsgaDb *db, gint64 log_id, GError **error);
/* TRUE when job @log_id is "running" and its owner alive: another sync must leave it alone. */
gboolean    usga_job_owner_running (UsgaDb *db, gint64 log_id);
/* Marks every "running" job of sync_log whose owner is not alive as "interrupted"; the number
 * marked, or -1 when the database refused the update. */
int         usga_job_owner_reap  (UsgaDb *db);

G_END_DECLS
