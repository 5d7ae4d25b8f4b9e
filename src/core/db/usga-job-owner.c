/* usga-job-owner.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "usga-job-owner.h"

static char *
read_boot_id (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return g_strdup ("unknown");
  return g_strstrip (text);
}

/* Field 22 of /proc/PID/stat (start time), or NULL when there is no such process. */
static char *
start_time (long pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/stat", pid);
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  /* The command name may hold spaces and parentheses: count from the last ')'. */
  p = strrchr (text, ')');
  if (p == NULL)
    return NULL;
  p++;
  for (int field = 2; field < 21 && *p; field++)
    {
      while (*p == ' ')
        p++;
      while (*p && *p != ' ')
        p++;
    }
  while (*p == ' ')
    p++;
  return g_strndup (p, strcspn (p, " \n"));
}

const char *
usga_job_owner_self (void)
{
  static gsize self;

  if (g_once_init_enter (&self))
    {
      g_autofree char *boot = read_boot_id ();
      g_autofree char *started = start_time ((long) getpid ());

      g_once_init_leave (&self, (gsize) g_strdup_printf ("%s/%ld/%s", boot, (long) getpid (),
                                                         started ? started : "0"));
    }
  return (const char *) self;
}

gboolean
usga_job_owner_alive (const char *owner)
{
  g_auto(GStrv) parts = owner ? g_strsplit (owner, "/", 3) : NULL;
  g_autofree char *boot = NULL, *started = NULL;
  long pid;

  if (parts == NULL || g_strv_length (parts) != 3)
    return FALSE;
  if (g_str_equal (owner, usga_job_owner_self ()))
    return TRUE;
  boot = read_boot_id ();
  if (!g_str_equal (parts[0], boot))
    return FALSE;  /* the machine restarted since: nothing of that boot runs */
  pid = strtol (parts[1], NULL, 10);
  if (pid <= 0)
    return FALSE;
  started = start_time (pid);
  if (started)
    return g_str_equal (started, parts[2]);
  /* No /proc for it: ask the kernel whether the pid exists at all. */
  if (!g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
    return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
  return FALSE;
}

gboolean
usga_job_owner_claim (UsgaDb *db, gint64 log_id, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO sync_owner (sync_id, owner) VALUES (?, ?)"
      " ON CONFLICT (sync_id) DO UPDATE SET owner = excluded.owner", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log_id);
  sqlite3_bind_text (stmt, 2, usga_job_owner_self (), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || usga_db_fail (db, rc, "sync_owner", error);
}

gboolean
usga_job_owner_running (UsgaDb *db, gint64 log_id)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT o.owner FROM sync_log l LEFT JOIN sync_owner o ON o.sync_id = l.id"
      " WHERE l.id = ? AND l.status = 'running'", NULL);
  gboolean running = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    running = usga_job_owner_alive ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return running;
}

int
usga_job_owner_reap (UsgaDb *db)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT l.id, o.owner FROM sync_log l LEFT JOIN sync_owner o ON o.sync_id = l.id WHERE l.status = 'running'", NULL);
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  int n = 0;

  if (stmt == NULL)
    return -1;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!usga_job_owner_alive ((const char *) sqlite3_column_text (stmt, 1)))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (dead, id);
      }
  sqlite3_reset (stmt);
  for (guint i = 0; i < dead->len; i++)
    {
      /* Only if still running and still not alive: another process may have resumed it. */
      stmt = usga_db_prepare (db,
          "UPDATE sync_log SET status = 'interrupted', finished_at = COALESCE (finished_at, ?),"
          " message = ? WHERE id = ? AND status = 'running'", NULL);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _("interrupted: the program running it stopped before the end; "
                                    "the next sync resumes from the last saved page"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_array_index (dead, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return -1;
        }
      n += sqlite3_changes (usga_db_handle (db));
      sqlite3_reset (stmt);
    }
  return n;
}
