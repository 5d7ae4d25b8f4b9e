/* usga-shared-link.c — the shared tracker's connection thread and its state on the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poll.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "usga-shared-link.h"

/* How long to wait before trying an unreachable server again. */
#define RETRY_MS 2000

typedef enum { JOB_APPLY, JOB_UNDO, JOB_PUBLISH, JOB_IMPORT, JOB_SEND, JOB_REAPPLY, JOB_DISCARD } JobKind;

typedef struct {
  JobKind            kind;
  GTask             *task;   /* NULL for queue jobs */
  char              *id, *uuid;
  UsgaTrackerChange *change;   /* owns its strings */
} Job;

/* What the main loop and the thread share; the thread keeps it alive until it ends. */
typedef struct {
  GWeakRef      owner;
  GMainContext *main;
  char         *local_path, *conninfo;
  GAsyncQueue  *jobs;
  int           wake[2];
  gint          stop;
} Shared;

struct _UsgaSharedLink {
  GObject  parent_instance;

  Shared  *shared;
  char    *server;
  gboolean online;
  guint    n_queued, n_refused;
  char    *problem;
  char    *fetched_at;
  char    *cache_path;   /* the local copy, read by store workers; NULL until it exists */
};

G_DEFINE_FINAL_TYPE (UsgaSharedLink, usga_shared_link, G_TYPE_OBJECT)

enum { PROP_0, PROP_ONLINE, PROP_N_QUEUED, N_PROPS };
static GParamSpec *props[N_PROPS];
enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
shared_clear (Shared *sh)
{
  g_weak_ref_clear (&sh->owner);
  g_main_context_unref (sh->main);
  g_free (sh->local_path);
  g_free (sh->conninfo);
  g_async_queue_unref (sh->jobs);
  close (sh->wake[0]);
  close (sh->wake[1]);
}

static void
shared_unref (Shared *sh)
{
  g_atomic_rc_box_release_full (sh, (GDestroyNotify) shared_clear);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->id);
  g_free (job->uuid);
  usga_tracker_change_free (job->change);
  g_free (job);
}

/* --- the state, posted from the thread to the main loop ------------------ */

typedef struct {
  Shared  *sh;
  gboolean online, changed;
  guint    n_queued, n_refused;
  char    *problem, *fetched_at, *cache_path;
} Post;

static void
post_free (Post *p)
{
  shared_unref (p->sh);
  g_free (p->problem);
  g_free (p->fetched_at);
  g_free (p->cache_path);
  g_free (p);
}

static gboolean
post_apply (gpointer data)
{
  Post *p = data;
  g_autoptr(UsgaSharedLink) self = g_weak_ref_get (&p->sh->owner);
  gboolean was_online;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (p->cache_path && self->cache_path == NULL)
    {
      self->cache_path = g_strdup (p->cache_path);
      p->changed = TRUE;
    }
  was_online = self->online;
  self->online = p->online;
  g_free (self->problem);
  self->problem = g_strdup (p->problem);
  if (p->fetched_at)
    {
      g_free (self->fetched_at);
      self->fetched_at = g_strdup (p->fetched_at);
    }
  if (self->n_queued != p->n_queued || self->n_refused != p->n_refused)
    {
      self->n_queued = p->n_queued;
      self->n_refused = p->n_refused;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_QUEUED]);
    }
  if (was_online != self->online)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ONLINE]);
  if (p->changed && self->cache_path)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
post (Shared *sh, UsgaSharedTracker *t, gboolean online, const char *problem, gboolean changed, gboolean with_path)
{
  Post *p = g_new0 (Post, 1);
  g_autoptr(GPtrArray) queue = t ? usga_shared_tracker_queue (t, NULL) : NULL;

  p->sh = g_atomic_rc_box_acquire (sh);
  p->online = online;
  p->changed = changed;
  p->problem = g_strdup (problem);
  for (guint i = 0; queue && i < queue->len; i++)
    {
      if (((UsgaQueuedEdit *) queue->pdata[i])->refused)
        p->n_refused++;
      else
        p->n_queued++;
    }
  p->fetched_at = t ? usga_shared_tracker_fetched_at (t) : NULL;
  p->cache_path = with_path && t ? g_strdup (usga_shared_tracker_cache_path (t)) : NULL;
  g_main_context_invoke_full (sh->main, G_PRIORITY_DEFAULT, post_apply, p, (GDestroyNotify) post_free);
}

/* --- the connection thread ---------------------------------------------- */

static void
run_job (UsgaSharedTracker *t, Job *job)
{
  GError *error = NULL;

  switch (job->kind)
    {
    case JOB_APPLY:
      {
        int written = usga_shared_tracker_apply (t, job->id, job->change, &error);
        if (written < 0)
          g_task_return_error (job->task, error);
        else
          g_task_return_int (job->task, written);
        break;
      }
    case JOB_UNDO:
      if (usga_shared_tracker_undo (t, job->uuid, job->change->by, &error))
        g_task_return_boolean (job->task, TRUE);
      else
        g_task_return_error (job->task, error);
      break;
    case JOB_PUBLISH:
    case JOB_IMPORT:
      {
        UsgaTrackerImportReport *report = job->kind == JOB_PUBLISH ? usga_shared_tracker_publish (t, &error)
                                                                   : usga_shared_tracker_import (t, job->uuid, &error);
        if (report)
          g_task_return_pointer (job->task, report, (GDestroyNotify) usga_tracker_import_report_free);
        else
          g_task_return_error (job->task, error);
        break;
      }
    case JOB_SEND:
      usga_shared_tracker_send_queue (t, NULL, NULL);
      break;
    case JOB_REAPPLY:
    case JOB_DISCARD:
      {
        g_autoptr(GPtrArray) queue = usga_shared_tracker_queue (t, NULL);

        for (guint i = 0; queue && i < queue->len; i++)
          {
            UsgaQueuedEdit *q = queue->pdata[i];

            if (job->kind == JOB_DISCARD)
              usga_shared_tracker_discard (t, q->id, NULL);
            else if (q->refused)
              usga_shared_tracker_reapply (t, q->id, NULL);
          }
        break;
      }
    }
}

static gpointer
worker (gpointer data)
{
  Shared *sh = data;
  g_autoptr(GError) error = NULL;
  UsgaSharedTracker *t = usga_shared_tracker_new (sh->local_path, sh->conninfo, &error);
  UsgaTrackerPg *listening = NULL;
  gint64 next_try = 0;
  g_autofree char *problem = NULL;

  if (t == NULL)
    {
      post (sh, NULL, FALSE, error->message, FALSE, FALSE);
      shared_unref (sh);
      return NULL;
    }
  post (sh, t, FALSE, NULL, TRUE, TRUE);
  while (!g_atomic_int_get (&sh->stop))
    {
      gboolean changed = FALSE, state = FALSE;
      struct pollfd fds[2] = { { sh->wake[0], POLLIN, 0 }, { -1, POLLIN, 0 } };
      int timeout = -1;
      Job *job;

      if (listening == NULL && g_get_monotonic_time () >= next_try)
        {
          g_autoptr(GError) e = NULL;

          /* LISTEN before reading, so no change falls between the two. */
          if (usga_shared_tracker_connect (t, &e) && usga_tracker_pg_listen (usga_shared_tracker_pg (t), &e) &&
              usga_shared_tracker_refresh (t, &e))
            {
              listening = usga_shared_tracker_pg (t);
              g_clear_pointer (&problem, g_free);
              usga_shared_tracker_send_queue (t, NULL, NULL);
              if (usga_shared_tracker_pg (t) != listening)
                listening = NULL;
            }
          else
            {
              g_free (problem);
              problem = g_strdup (e->message);
              usga_shared_tracker_disconnect (t);
              next_try = g_get_monotonic_time () + RETRY_MS * 1000;
            }
          changed = state = TRUE;
        }
      if (listening)
        fds[1].fd = usga_tracker_pg_socket (listening);
      else
        timeout = MAX (0, (int) ((next_try - g_get_monotonic_time ()) / 1000));
      if (!changed && poll (fds, 2, timeout) > 0 && (fds[0].revents & POLLIN))
        {
          char buf[64];
          while (read (sh->wake[0], buf, sizeof buf) == (ssize_t) sizeof buf)
            ;
        }
      while ((job = g_async_queue_try_pop (sh->jobs)) != NULL)
        {
          run_job (t, job);
          job_free (job);
          changed = state = TRUE;
        }
      if (listening && usga_shared_tracker_pg (t) != listening)
        {
          /* A job lost the connection (or made a new one, which is not listening yet). */
          listening = NULL;
          next_try = 0;
          state = TRUE;
          if (usga_shared_tracker_pg (t) == NULL && problem == NULL)
            problem = g_strdup_printf (_("Lost the connection to the shared tracker %s"), usga_shared_tracker_server (t));
        }
      if (listening)
        {
          g_autoptr(GError) e = NULL;
          gboolean notified = FALSE;

          if (!usga_tracker_pg_consume (listening, &notified, &e) ||
              (notified && !usga_shared_tracker_refresh (t, &e)))
            {
              g_free (problem);
              problem = g_strdup (e->message);
              usga_shared_tracker_disconnect (t);
              listening = NULL;
              next_try = g_get_monotonic_time () + RETRY_MS * 1000;
              state = TRUE;
            }
          else if (notified)
            changed = TRUE;
        }
      if (changed || state)
        post (sh, t, listening != NULL, problem, changed, FALSE);
    }
  usga_shared_tracker_free (t);
  shared_unref (sh);
  return NULL;
}

static void
submit (UsgaSharedLink *self, Job *job)
{
  g_async_queue_push (self->shared->jobs, job);
  if (write (self->shared->wake[1], "x", 1) < 0)
    g_warning ("shared tracker: cannot wake the connection thread");
}

/* --- public ------------------------------------------------------------- */

UsgaSharedLink *
usga_shared_link_new (const char *local_path, const char *conninfo)
{
  UsgaSharedLink *self = g_object_new (USGA_TYPE_SHARED_LINK, NULL);
  Shared *sh = g_atomic_rc_box_new0 (Shared);
  g_autoptr(GError) error = NULL;

  g_weak_ref_init (&sh->owner, self);
  sh->main = g_main_context_ref_thread_default ();
  sh->local_path = g_strdup (local_path);
  sh->conninfo = g_strdup (conninfo);
  sh->jobs = g_async_queue_new_full ((GDestroyNotify) job_free);
  if (!g_unix_open_pipe (sh->wake, FD_CLOEXEC, &error) ||
      !g_unix_set_fd_nonblocking (sh->wake[0], TRUE, &error))
    g_error ("shared tracker: %s", error->message);
  self->shared = sh;
  self->server = usga_tracker_pg_server_name (conninfo);
  g_thread_unref (g_thread_new ("usga-shared-tracker", worker, g_atomic_rc_box_acquire (sh)));
  return self;
}

const char *usga_shared_link_get_server (UsgaSharedLink *self) { return self->server; }
gboolean usga_shared_link_get_online (UsgaSharedLink *self) { return self->online; }
guint usga_shared_link_get_n_queued (UsgaSharedLink *self) { return self->n_queued; }
guint usga_shared_link_get_n_refused (UsgaSharedLink *self) { return self->n_refused; }
const char *usga_shared_link_get_problem (UsgaSharedLink *self) { return self->problem; }
const char *usga_shared_link_get_fetched_at (UsgaSharedLink *self) { return self->fetched_at; }
const char *usga_shared_link_get_cache_path (UsgaSharedLink *self) { return self->cache_path; }

static Job *
job_new (UsgaSharedLink *self, JobKind kind, GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  if (callback)
    job->task = g_task_new (self, NULL, callback, user_data);
  return job;
}

void
usga_shared_link_apply_async (UsgaSharedLink *self, const char *id, const UsgaTrackerChange *change,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = job_new (self, JOB_APPLY, callback, user_data);

  g_task_set_source_tag (job->task, usga_shared_link_apply_async);
  /* The callback's answer to "which recommendation was this?" */
  g_object_set_data_full (G_OBJECT (job->task), "id", g_strdup (id), g_free);
  job->id = g_strdup (id);
  job->change = usga_tracker_change_dup (change);
  submit (self, job);
}

int
usga_shared_link_apply_finish (UsgaSharedLink *self, GAsyncResult *result, GError **error)
{
  gssize written = g_task_propagate_int (G_TASK (result), error);
  return written < 0 ? -1 : (int) written;
}

void
usga_shared_link_undo_async (UsgaSharedLink *self, const char *uuid, const char *by,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = job_new (self, JOB_UNDO, callback, user_data);

  job->uuid = g_strdup (uuid);
  job->change = usga_tracker_change_dup (&(UsgaTrackerChange) { .by = by, .progress = -1 });
  submit (self, job);
}

gboolean
usga_shared_link_undo_finish (UsgaSharedLink *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
usga_shared_link_publish_async (UsgaSharedLink *self, GAsyncReadyCallback callback, gpointer user_data)
{
  submit (self, job_new (self, JOB_PUBLISH, callback, user_data));
}

void
usga_shared_link_import_async (UsgaSharedLink *self, const char *path, GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = job_new (self, JOB_IMPORT, callback, user_data);

  job->uuid = g_strdup (path);   /* the file, for this job */
  submit (self, job);
}

UsgaTrackerImportReport *
usga_shared_link_publish_finish (UsgaSharedLink *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void usga_shared_link_send_queue (UsgaSharedLink *self) { submit (self, job_new (self, JOB_SEND, NULL, NULL)); }
void usga_shared_link_reapply_refused (UsgaSharedLink *self) { submit (self, job_new (self, JOB_REAPPLY, NULL, NULL)); }
void usga_shared_link_discard_queue (UsgaSharedLink *self) { submit (self, job_new (self, JOB_DISCARD, NULL, NULL)); }

static void
usga_shared_link_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  UsgaSharedLink *self = USGA_SHARED_LINK (object);

  switch (prop_id)
    {
    case PROP_ONLINE: g_value_set_boolean (value, self->online); break;
    case PROP_N_QUEUED: g_value_set_uint (value, self->n_queued); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
usga_shared_link_dispose (GObject *object)
{
  UsgaSharedLink *self = USGA_SHARED_LINK (object);

  if (self->shared)
    {
      /* The thread ends on its own after its current call; it never touches this object. */
      g_weak_ref_set (&self->shared->owner, NULL);
      g_atomic_int_set (&self->shared->stop, 1);
      if (write (self->shared->wake[1], "x", 1) < 0)
        g_warning ("shared tracker: cannot wake the connection thread");
      g_clear_pointer (&self->shared, shared_unref);
    }
  G_OBJECT_CLASS (usga_shared_link_parent_class)->dispose (object);
}

static void
usga_shared_link_finalize (GObject *object)
{
  UsgaSharedLink *self = USGA_SHARED_LINK (object);

  g_free (self->server);
  g_free (self->problem);
  g_free (self->fetched_at);
  g_free (self->cache_path);
  G_OBJECT_CLASS (usga_shared_link_parent_class)->finalize (object);
}

static void
usga_shared_link_class_init (UsgaSharedLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = usga_shared_link_get_property;
  object_class->dispose = usga_shared_link_dispose;
  object_class->finalize = usga_shared_link_finalize;
  props[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_N_QUEUED] = g_param_spec_uint ("n-queued", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  /* The copy was updated (this app's edit, another planner's, a reconnection). */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
usga_shared_link_init (UsgaSharedLink *self)
{
}
