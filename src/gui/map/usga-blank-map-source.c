/* usga-blank-map-source.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-blank-map-source.h"

#define TILE_SIZE 256

struct _UsgaBlankMapSource {
  ShumateMapSource parent_instance;
  GdkTexture      *texture;  /* one shared tile */
};

G_DEFINE_FINAL_TYPE (UsgaBlankMapSource, usga_blank_map_source, SHUMATE_TYPE_MAP_SOURCE)

static GdkTexture *
make_tile_texture (void)
{
  g_autoptr(GBytes) bytes = NULL;
  guchar *pixels = g_malloc (TILE_SIZE * TILE_SIZE * 4);

  /* A light, neutral land colour with a faint grid so panning is visible. */
  for (int y = 0; y < TILE_SIZE; y++)
    for (int x = 0; x < TILE_SIZE; x++)
      {
        guchar *p = pixels + (y * TILE_SIZE + x) * 4;
        gboolean line = x == 0 || y == 0;
        p[0] = line ? 0xe2 : 0xee;
        p[1] = line ? 0xe0 : 0xec;
        p[2] = line ? 0xdb : 0xe8;
        p[3] = 0xff;
      }
  bytes = g_bytes_new_take (pixels, TILE_SIZE * TILE_SIZE * 4);
  return gdk_memory_texture_new (TILE_SIZE, TILE_SIZE, GDK_MEMORY_R8G8B8A8, bytes, TILE_SIZE * 4);
}

static void
usga_blank_map_source_fill_tile_async (ShumateMapSource *source, ShumateTile *tile, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  UsgaBlankMapSource *self = USGA_BLANK_MAP_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (self->texture == NULL)
    self->texture = make_tile_texture ();
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (self->texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
usga_blank_map_source_fill_tile_finish (ShumateMapSource *source, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
usga_blank_map_source_finalize (GObject *object)
{
  g_clear_object (&USGA_BLANK_MAP_SOURCE (object)->texture);
  G_OBJECT_CLASS (usga_blank_map_source_parent_class)->finalize (object);
}

static void
usga_blank_map_source_class_init (UsgaBlankMapSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = usga_blank_map_source_finalize;
  source_class->fill_tile_async = usga_blank_map_source_fill_tile_async;
  source_class->fill_tile_finish = usga_blank_map_source_fill_tile_finish;
}

static void
usga_blank_map_source_init (UsgaBlankMapSource *self)
{
}

ShumateMapSource *
usga_blank_map_source_new (void)
{
  return g_object_new (USGA_TYPE_BLANK_MAP_SOURCE,
                       "id", "usga-blank",
                       "name", _("No basemap"),
                       "license", "",
                       "min-zoom-level", 0,
                       "max-zoom-level", 20,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}
