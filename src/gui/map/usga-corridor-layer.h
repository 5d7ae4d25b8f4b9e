/* usga-corridor-layer.h — Safe Women's Corridors: lines with their buffer, and in editing
 * mode the corridor's vertices: click adds one at the end, dragging a vertex moves it,
 * dragging elsewhere pans the map.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_CORRIDOR_LAYER (usga_corridor_layer_get_type ())
G_DECLARE_FINAL_TYPE (UsgaCorridorLayer, usga_corridor_layer, USGA, CORRIDOR_LAYER, ShumateLayer)

UsgaCorridorLayer *usga_corridor_layer_new (ShumateViewport *viewport);
/* The corridors to draw (UsgaCorridor*); the layer keeps a reference to the array. */
void          usga_corridor_layer_set_corridors (UsgaCorridorLayer *self, GPtrArray *corridors);
void          usga_corridor_layer_set_buffer    (UsgaCorridorLayer *self, double metres);
/* Edits @corridor's geometry in place (not saved: the page saves); NULL stops editing.
 * Emits "edited" after each change. */
void          usga_corridor_layer_set_editing   (UsgaCorridorLayer *self, UsgaCorridor *corridor);
/* The corridor within a few pixels of widget point (@x, @y), or NULL. */
UsgaCorridor *usga_corridor_layer_pick          (UsgaCorridorLayer *self, double x, double y);
/* Editing operations in widget coordinates (the gestures use these; so do tests). */
void          usga_corridor_layer_add_vertex_at (UsgaCorridorLayer *self, double x, double y);
int           usga_corridor_layer_vertex_at     (UsgaCorridorLayer *self, double x, double y);
void          usga_corridor_layer_move_vertex   (UsgaCorridorLayer *self, int index, double x, double y);

G_END_DECLS
