/* usga-tile-data-source.c — cache first; network only for missing or stale tiles; a
 * stale copy beats no tile when the network fails. No prefetching: only tiles the map
 * asks for are ever requested.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>

#include "usga-tile-data-source.h"

struct _UsgaTileDataSource {
  ShumateDataSource parent_instance;

  char             *url_template;
  char             *cache_dir;
  SoupSession      *session;
  ShumateFileCache *cache;
  gboolean          offline;
  guint             n_requests;
};

G_DEFINE_FINAL_TYPE (UsgaTileDataSource, usga_tile_data_source, SHUMATE_TYPE_DATA_SOURCE)

enum { PROP_0, PROP_URL_TEMPLATE, PROP_CACHE_DIR, PROP_OFFLINE, N_PROPS };
static GParamSpec *props[N_PROPS];

typedef struct {
  int        x, y, z;
  GBytes    *cached;
  char      *etag;
  GDateTime *modtime;
} TileRequest;

static void
tile_request_free (gpointer data)
{
  TileRequest *r = data;

  g_clear_pointer (&r->cached, g_bytes_unref);
  g_free (r->etag);
  g_clear_pointer (&r->modtime, g_date_time_unref);
  g_free (r);
}

static void
set_offline (UsgaTileDataSource *self, gboolean offline)
{
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFLINE]);
}

static char *
tile_url (UsgaTileDataSource *self, int x, int y, int z)
{
  g_autoptr(GString) url = g_string_new (self->url_template);
  char buf[16];

  g_snprintf (buf, sizeof buf, "%d", x);
  g_string_replace (url, "{x}", buf, 0);
  g_snprintf (buf, sizeof buf, "%d", y);
  g_string_replace (url, "{y}", buf, 0);
  g_snprintf (buf, sizeof buf, "%d", z);
  g_string_replace (url, "{z}", buf, 0);
  g_snprintf (buf, sizeof buf, "%d", (1 << z) - 1 - y);
  g_string_replace (url, "{tmsy}", buf, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static gboolean
is_network_error (GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

/* ShumateRasterRenderer paints tiles from the "received-data" signal; the task's
 * result only tells it the tile is done. */
static void
deliver (GTask *task, GBytes *bytes)
{
  TileRequest *r = g_task_get_task_data (task);

  g_signal_emit_by_name (g_task_get_source_object (task), "received-data", r->x, r->y, r->z, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
on_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("tile cache: %s", error->message);
}

static void
on_response (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  UsgaTileDataSource *self = g_task_get_source_object (task);
  TileRequest *r = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status;

  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && is_network_error (error))
        set_offline (self, r->cached == NULL);
      /* Offline with a copy: the stale tile is better than a hole in the map. */
      if (r->cached && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_pointer (task, g_bytes_ref (r->cached), (GDestroyNotify) g_bytes_unref);  /* already shown */
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_offline (self, FALSE);
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_MODIFIED && r->cached)
    {
      shumate_file_cache_mark_up_to_date (self->cache, r->x, r->y, r->z);
      g_task_return_pointer (task, g_bytes_ref (r->cached), (GDestroyNotify) g_bytes_unref);  /* already shown */
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      if (r->cached)
        g_task_return_pointer (task, g_bytes_ref (r->cached), (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "tile %d/%d/%d: HTTP %u",
                                 r->z, r->x, r->y, status);
      return;
    }

  shumate_file_cache_store_tile_async (self->cache, r->x, r->y, r->z, body,
                                       soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"),
                                       NULL, on_stored, NULL);
  deliver (task, body);
}

static void
fetch (GTask *task)
{
  UsgaTileDataSource *self = g_task_get_source_object (task);
  TileRequest *r = g_task_get_task_data (task);
  g_autofree char *url = tile_url (self, r->x, r->y, r->z);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);

  if (msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad tile URL %s", url);
      return;
    }
  /* Conditional request: a 304 costs the server almost nothing. */
  if (r->etag)
    soup_message_headers_append (soup_message_get_request_headers (msg), "If-None-Match", r->etag);
  else if (r->modtime)
    {
      g_autofree char *date = soup_date_time_to_string (r->modtime, SOUP_DATE_HTTP);
      soup_message_headers_append (soup_message_get_request_headers (msg), "If-Modified-Since", date);
    }
  self->n_requests++;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    on_response, g_object_ref (task));
}

static void
on_cache_lookup (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *r = g_task_get_task_data (task);

  r->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (source), &r->etag, &r->modtime, result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (r->cached && r->modtime)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      if (g_date_time_difference (now, r->modtime) < (GTimeSpan) USGA_TILE_FRESH_SECONDS * G_TIME_SPAN_SECOND)
        {
          deliver (task, r->cached);
          return;
        }
    }
  /* A stale copy is shown at once while it is revalidated. */
  if (r->cached)
    g_signal_emit_by_name (g_task_get_source_object (task), "received-data", r->x, r->y, r->z, r->cached);
  fetch (task);
}

static void
usga_tile_data_source_get_tile_data_async (ShumateDataSource *source, int x, int y, int zoom,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  UsgaTileDataSource *self = USGA_TILE_DATA_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TileRequest *r = g_new0 (TileRequest, 1);

  r->x = x, r->y = y, r->z = zoom;
  g_task_set_source_tag (task, usga_tile_data_source_get_tile_data_async);
  g_task_set_task_data (task, r, tile_request_free);
  shumate_file_cache_get_tile_async (self->cache, x, y, zoom, cancellable, on_cache_lookup, task);
}

static GBytes *
usga_tile_data_source_get_tile_data_finish (ShumateDataSource *source, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
cache_key_for (const char *url_template)
{
  /* As ShumateTileDownloader does: one cache per URL template. */
  char *key = g_strdup (url_template);

  for (char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  return key;
}

static void
usga_tile_data_source_constructed (GObject *object)
{
  UsgaTileDataSource *self = USGA_TILE_DATA_SOURCE (object);
  g_autofree char *key = cache_key_for (self->url_template);
  g_autofree char *dir = self->cache_dir ? g_strdup (self->cache_dir)
                                         : g_build_filename (g_get_user_cache_dir (), "org.usga.Dashboard", "tiles", NULL);

  G_OBJECT_CLASS (usga_tile_data_source_parent_class)->constructed (object);
  self->session = soup_session_new_with_options ("user-agent", USGA_TILE_USER_AGENT,
                                                 "max-conns-per-host", 2,  /* the OSM policy asks for few connections */
                                                 "timeout", 20,
                                                 NULL);
  self->cache = shumate_file_cache_new_full (100 * 1000 * 1000, key, dir);
}

static void
usga_tile_data_source_finalize (GObject *object)
{
  UsgaTileDataSource *self = USGA_TILE_DATA_SOURCE (object);

  g_free (self->url_template);
  g_free (self->cache_dir);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (usga_tile_data_source_parent_class)->finalize (object);
}

static void
usga_tile_data_source_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  UsgaTileDataSource *self = USGA_TILE_DATA_SOURCE (object);

  switch (id)
    {
    case PROP_URL_TEMPLATE: g_value_set_string (value, self->url_template); break;
    case PROP_CACHE_DIR:    g_value_set_string (value, self->cache_dir); break;
    case PROP_OFFLINE:      g_value_set_boolean (value, self->offline); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
usga_tile_data_source_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  UsgaTileDataSource *self = USGA_TILE_DATA_SOURCE (object);

  switch (id)
    {
    case PROP_URL_TEMPLATE: self->url_template = g_value_dup_string (value); break;
    case PROP_CACHE_DIR:    self->cache_dir = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
usga_tile_data_source_class_init (UsgaTileDataSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = usga_tile_data_source_constructed;
  object_class->finalize = usga_tile_data_source_finalize;
  object_class->get_property = usga_tile_data_source_get_property;
  object_class->set_property = usga_tile_data_source_set_property;
  source_class->get_tile_data_async = usga_tile_data_source_get_tile_data_async;
  source_class->get_tile_data_finish = usga_tile_data_source_get_tile_data_finish;

  props[PROP_URL_TEMPLATE] = g_param_spec_string ("url-template", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_CACHE_DIR] = g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
usga_tile_data_source_init (UsgaTileDataSource *self)
{
}

UsgaTileDataSource *
usga_tile_data_source_new (const char *url_template, const char *cache_dir)
{
  return g_object_new (USGA_TYPE_TILE_DATA_SOURCE, "url-template", url_template, "cache-dir", cache_dir, NULL);
}

gboolean
usga_tile_data_source_get_offline (UsgaTileDataSource *self)
{
  return self->offline;
}

guint
usga_tile_data_source_get_n_requests (UsgaTileDataSource *self)
{
  return self->n_requests;
}
