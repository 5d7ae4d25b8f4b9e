/* test-tiles.c — our tile data source against a local SoupServer on 127.0.0.1: the
 * User-Agent actually sent, the 7-day cache, ETag revalidation, stale tiles offline.
 * Never touches the internet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <utime.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "usga-tile-data-source.h"
#include "usga-test-util.h"

#define TILE_BODY "not really a PNG, the data source does not decode"

typedef struct {
  SoupServer *server;
  char       *base;
  guint       hits;
  guint       not_modified;
  char       *last_user_agent;
  char       *last_if_none_match;
  char       *last_path;
} Server;

static void
handle_tile (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Server *s = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  const char *inm = soup_message_headers_get_one (req, "If-None-Match");

  s->hits++;
  g_free (s->last_user_agent);
  s->last_user_agent = g_strdup (soup_message_headers_get_one (req, "User-Agent"));
  g_free (s->last_if_none_match);
  s->last_if_none_match = g_strdup (inm);
  g_free (s->last_path);
  s->last_path = g_strdup (path);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"v1\"");
  if (g_strcmp0 (inm, "\"v1\"") == 0)
    {
      s->not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, TILE_BODY, strlen (TILE_BODY));
}

static void
server_start (Server *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, "/tiles", handle_tile, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static void
server_stop (Server *s)
{
  g_clear_object (&s->server);
  g_free (s->base);
  g_free (s->last_user_agent);
  g_free (s->last_if_none_match);
  g_free (s->last_path);
}

typedef struct {
  GBytes *bytes;
  GError *error;
  gboolean done;
} Fetch;

static void
on_tile (GObject *source, GAsyncResult *result, gpointer data)
{
  Fetch *f = data;

  f->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result, &f->error);
  f->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *) data)->done;
}

static GBytes *
fetch_tile (UsgaTileDataSource *source, int x, int y, int z, GError **error)
{
  Fetch f = { 0 };

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL, on_tile, &f);
  g_assert_true (usga_test_wait_until (fetch_done, &f, 10000));
  if (f.error)
    g_propagate_error (error, f.error);
  return f.bytes;
}

/* Makes every cached tile look @days old, as the cache judges age by the files' mtime. */
static void
age_cache (const char *dir, int days)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        age_cache (path, days);
      else if (g_str_has_suffix (name, ".png"))
        {
          struct utimbuf times;
          times.actime = times.modtime = time (NULL) - days * 24 * 3600;
          g_assert_cmpint (g_utime (path, &times), ==, 0);
        }
    }
}

/* Asks the file cache itself, through a second handle on the same directory, whether the
 * tile and its ETag are stored: the condition the next fetch depends on. */
typedef struct {
  ShumateFileCache *cache;
  gboolean          pending;
  char             *etag;
} CacheProbe;

static void
on_probe (GObject *source, GAsyncResult *result, gpointer data)
{
  CacheProbe *p = data;
  g_autoptr(GBytes) bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (source), &p->etag, NULL, result, NULL);

  if (bytes == NULL)
    g_clear_pointer (&p->etag, g_free);
  p->pending = FALSE;
}

static gboolean
tile_stored (gpointer data)
{
  CacheProbe *p = data;

  if (p->etag)
    return TRUE;
  if (!p->pending)
    {
      p->pending = TRUE;
      shumate_file_cache_get_tile_async (p->cache, 920, 1823, 12, NULL, on_probe, p);
    }
  return FALSE;
}

static void
count_received (ShumateDataSource *source, int x, int y, int z, GBytes *bytes, guint *n)
{
  (*n)++;
}

static void
test_user_agent_and_cache (void)
{
  guint received = 0;
  Server s = { 0 };
  g_autofree char *cache = usga_test_tmpdir ();
  g_autofree char *url = NULL;
  g_autoptr(UsgaTileDataSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL, second = NULL, third = NULL;

  server_start (&s);
  url = g_strconcat (s.base, "tiles/{z}/{x}/{y}.png", NULL);
  source = usga_tile_data_source_new (url, cache);
  /* ShumateRasterRenderer paints from this signal. */
  g_signal_connect (source, "received-data", G_CALLBACK (count_received), &received);

  first = fetch_tile (source, 920, 1823, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first), TILE_BODY, strlen (TILE_BODY));
  g_assert_cmpuint (s.hits, ==, 1);
  g_assert_cmpstr (s.last_path, ==, "/tiles/12/920/1823.png");
  /* The policy: an app-identifying User-Agent, not libshumate's default. */
  g_assert_cmpstr (s.last_user_agent, ==, USGA_TILE_USER_AGENT);
  g_assert_nonnull (strstr (s.last_user_agent, "org.usga.Dashboard"));
  g_assert_null (strstr (s.last_user_agent, "libshumate"));
  g_assert_null (s.last_if_none_match);
  g_assert_false (usga_tile_data_source_get_offline (source));
  g_assert_cmpuint (received, ==, 1);

  /* Once the cache holds the tile and its ETag, ask again: a fresh tile needs no request. */
  {
    /* The key as ShumateTileDownloader makes it (and the source does): the template, non-alphanumerics as '_'. */
    g_autofree char *key = g_strdup (url);
    CacheProbe probe = { NULL, FALSE, NULL };

    for (char *p = key; *p; p++)
      if (!g_ascii_isalnum (*p))
        *p = '_';
    probe.cache = shumate_file_cache_new_full (100 * 1000 * 1000, key, cache);
    g_assert_true (usga_test_wait_until (tile_stored, &probe, 20000));
    g_assert_cmpstr (probe.etag, ==, "\"v1\"");
    g_free (probe.etag);
    g_object_unref (probe.cache);
  }
  second = fetch_tile (source, 920, 1823, 12, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpuint (s.hits, ==, 1);
  g_assert_cmpuint (usga_tile_data_source_get_n_requests (source), ==, 1);

  /* Eight days later the tile is revalidated with its ETag and the server answers 304. */
  age_cache (cache, 8);
  third = fetch_tile (source, 920, 1823, 12, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, third));
  g_assert_cmpuint (s.hits, ==, 2);
  g_assert_cmpstr (s.last_if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (s.not_modified, ==, 1);
  g_assert_cmpstr (s.last_user_agent, ==, USGA_TILE_USER_AGENT);

  /* The 304 refreshed the tile: no request the next time. */
  g_clear_pointer (&third, g_bytes_unref);
  third = fetch_tile (source, 920, 1823, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s.hits, ==, 2);

  /* The server goes away: a stale cached tile is still shown; a missing one fails and the
   * source says it is offline. */
  age_cache (cache, 8);
  g_clear_object (&s.server);
  g_clear_pointer (&third, g_bytes_unref);
  third = fetch_tile (source, 920, 1823, 12, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, third));
  g_assert_false (usga_tile_data_source_get_offline (source));
  g_assert_null (fetch_tile (source, 921, 1823, 12, &error));
  g_assert_nonnull (error);
  g_assert_true (usga_tile_data_source_get_offline (source));

  server_stop (&s);
}

static void
test_http_error (void)
{
  Server s = { 0 };
  g_autofree char *cache = usga_test_tmpdir ();
  g_autofree char *url = NULL;
  g_autoptr(UsgaTileDataSource) source = NULL;
  g_autoptr(GError) error = NULL;

  server_start (&s);
  /* No handler under /missing: 404. Not an offline condition. */
  url = g_strconcat (s.base, "missing/{z}/{x}/{y}.png", NULL);
  source = usga_tile_data_source_new (url, cache);
  g_assert_null (fetch_tile (source, 1, 2, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_false (usga_tile_data_source_get_offline (source));
  server_stop (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tiles/user-agent-and-cache", test_user_agent_and_cache);
  g_test_add_func ("/tiles/http-error", test_http_error);
  return g_test_run ();
}
