/* usga-map-page-private.h — what the map page's files share: the page's state, its layer
 * and mode enums, and the internal calls between the page, its popovers, legend, hot spot
 * list, editors, layer panel and import/export. Only the usga-map-*.c files include it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "usga-area-layer.h"
#include "usga-bin-layer.h"
#include "usga-blank-map-source.h"
#include "usga-corridor-layer.h"
#include "usga-map-export.h"
#include "usga-map-page.h"
#include "usga-map-util.h"
#include "usga-page-util.h"
#include "usga-placement.h"
#include "usga-tile-data-source.h"

G_BEGIN_DECLS

/* Gi* distance band: about two colonias across, so each colonia has neighbours. */
#define HOTSPOT_BAND_M 1000.0
/* Grid hot spots: 500 m cells, the eight around a cell (centres within 750 m) its neighbours. */
#define GRID_CELL_M 500.0
#define GRID_BAND_M 750.0
#define CORRIDOR_BUFFER_M 200.0
#define UTOPIA_RADIUS_M 500.0

typedef enum {
  LAYER_BASEMAP,
  LAYER_COLONIAS,
  LAYER_CUADRANTES,
  LAYER_SECTORS,
  LAYER_INCIDENTS,
  LAYER_UTOPIAS,
  LAYER_CORRIDORS,
  N_LAYERS
} LayerId;

typedef enum {
  COLOR_BY_COUNT,
  COLOR_BY_RATE,
  COLOR_BY_HOTSPOTS,
  COLOR_BY_GRID,
} ColorBy;

typedef enum {
  MODE_BROWSE,
  MODE_PLACE_UTOPIA,
  MODE_MOVE_UTOPIA,
  MODE_DRAW_CORRIDOR,
} Mode;

struct _UsgaMapPage {
  GtkWidget  parent_instance;

  GtkWidget *root_box;
  GtkWidget *overlay;
  GtkWidget *map;
  GtkWidget *offline_banner;
  GtkWidget *offline_label;
  GtkWidget *edit_bar;
  GtkWidget *edit_name;
  GtkWidget *edit_undo;
  GtkWidget *edit_cancel;
  GtkWidget *edit_save;
  GtkWidget *mode_hint;
  GtkWidget *legend_box;
  GtkWidget *attribution_link;
  GtkWidget *fixthemap_link;
  GtkWidget *layer_list;
  GtkWidget *import_button;
  GtkWidget *draw_button;
  GtkWidget *add_utopia_button;
  GtkWidget *export_corridors_button;
  GtkWidget *export_map_button;
  GtkWidget *women_label;
  GtkWidget *hotspot_method;
  GtkWidget *hotspot_list;

  GtkWidget *layer_switch[N_LAYERS];
  GtkWidget *layer_opacity[N_LAYERS];
  GtkWidget *color_by;
  GtkWidget *popover;
  GCancellable *area_click;  /* the count behind a cuadrante or sector popover */
  GCancellable *static_load;    /* boundaries being read on a worker */
  GCancellable *features_load;  /* corridors and UTOPIAS being read on a worker */
  GCancellable *corridor_count; /* the women count behind the open corridor popover */

  UsgaStore          *store;
  GSettings          *settings;
  GNetworkMonitor    *monitor;
  UsgaTileDataSource *tiles;
  ShumateMapLayer    *tile_layer;
  UsgaAreaLayer      *colonias;
  UsgaAreaLayer      *cuadrantes;
  UsgaAreaLayer      *sectors;
  UsgaBinLayer       *incidents;
  UsgaCorridorLayer  *corridor_layer;
  ShumateMarkerLayer *utopia_layer;

  UsgaStats     *colonia_stats;
  GHashTable    *colonia_rows;     /* colonia id (gint64*) -> UsgaStatRow* */
  UsgaHotspots  *hotspots;
  GHashTable    *hotspot_by_id;    /* colonia id -> UsgaHotspot* */
  UsgaHotspotGrid *grid;           /* area id i + 1 in grid_layer is cell i */
  UsgaAreaLayer *grid_layer;
  GArray        *points;           /* UsgaLonLat for the current filter */
  GPtrArray     *corridors;
  GPtrArray     *utopias;
  gint64         women_inside, women_outside;
  char          *points_note;      /* usga_stats_points_note() for the filter shown, or NULL */
  double         breaks[USGA_N_CLASSES + 1];
  guint          legend_zoom;
  gboolean       legend_points;

  Mode           mode;
  UsgaCorridor  *draft;            /* the corridor being drawn or re-shaped */
  guint          draft_serial;     /* one per drawing started: a save answered late ends only its own */
  gint64         moving_utopia;
  gboolean       loaded;
  UsgaAreaLevel  shown_area_level;
  gint64         shown_area_id;
};

/* usga-map-page.c */
ShumateViewport *usga_map_page_get_viewport      (UsgaMapPage *self);
/* Gi* compares each colonia with the whole alcaldía; inside one area it means nothing. */
gboolean         usga_map_page_hotspots_apply    (UsgaMapPage *self);
void             usga_map_page_refresh           (GtkWidget *widget);
void             usga_map_page_set_features      (UsgaMapPage *self, GPtrArray *corridors, GPtrArray *utopias);
void             usga_map_page_areas_loaded      (UsgaMapPage *self);

/* usga-map-static.c: boundaries, corridors and UTOPIAS, read on a worker */
void             usga_map_page_load_areas        (UsgaMapPage *self);
/* Rereads corridors and UTOPIAS (after an edit or an import); they arrive on the main loop. */
void             usga_map_page_reload_features   (UsgaMapPage *self);

/* usga-map-layers.c: basemap, offline state, layer panel */
void             usga_map_page_setup_basemap     (UsgaMapPage *self);
void             usga_map_page_update_offline    (UsgaMapPage *self);
void             usga_map_page_build_layer_panel (UsgaMapPage *self);

/* usga-map-popovers.c */
void             usga_map_page_close_popover     (UsgaMapPage *self);
void             usga_map_page_show_popover      (UsgaMapPage *self, double x, double y, GtkWidget *content);
GtkWidget       *usga_map_popover_box            (const char *title);
void             usga_map_popover_line           (GtkWidget *box, const char *text);
char            *usga_map_page_filter_description (UsgaMapPage *self);
const char      *usga_map_gi_class_text          (int klass);
guint            usga_map_page_points_within     (UsgaMapPage *self, double lon, double lat, double metres);
void             usga_map_page_show_colonia_popover (UsgaMapPage *self, UsgaMapArea *area, double x, double y);
gboolean         usga_map_page_show_cell_popover (UsgaMapPage *self, double x, double y);
gboolean         usga_map_page_show_area_popover (UsgaMapPage *self, int layer, UsgaAreaLayer *areas,
                                                  UsgaAreaLevel level, double x, double y);

/* usga-map-form.c: the corridor and UTOPIA forms' frame; usga_map_form_finish () appends the
 * grid and the button row (Save last) to the popover box. */
GtkWidget       *usga_map_form_row               (GtkWidget *grid, int row, const char *label, GtkWidget *widget);
GtkWidget       *usga_map_form_grid              (const char *name, GtkWidget **name_entry);
GtkWidget       *usga_map_form_add_button        (GtkWidget *buttons, const char *label, const char *css_class,
                                                  GCallback clicked, gpointer form);
void             usga_map_form_finish            (GtkWidget *box, GtkWidget *grid, GtkWidget *buttons,
                                                  GCallback save, gpointer form);

/* usga-map-edits.c: edits run on the store's writing thread (usga_store_write_async) */
typedef enum {
  MAP_EDIT_SAVE_CORRIDOR,
  MAP_EDIT_DELETE_CORRIDOR,
  MAP_EDIT_SAVE_UTOPIA,
  MAP_EDIT_IMPORT_CORRIDORS,
  MAP_EDIT_IMPORT_UTOPIAS,
} UsgaMapEditKind;

typedef struct {
  UsgaMapEditKind kind;
  UsgaCorridor   *corridor;      /* to save: a copy the edit owns (the writer sets its id, length) */
  UsgaUtopia     *utopia;        /* likewise */
  gint64          id;            /* the corridor to delete */
  char           *path;          /* the file to import */
  guint           n_imported;    /* out: what the import saved */
  guint           draft_serial;  /* the drawing a corridor save came from */
} UsgaMapEdit;

/* Called on the main loop once the edit is made (@error NULL) or refused. */
typedef void (*UsgaMapEditDone) (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error);

UsgaMapEdit     *usga_map_edit_new               (UsgaMapEditKind kind);
/* Takes @edit; @busy (may be NULL) is insensitive until @done has been called. */
void             usga_map_page_run_edit          (UsgaMapPage *self, UsgaMapEdit *edit, GtkWidget *busy,
                                                  UsgaMapEditDone done);

/* usga-map-corridor-editor.c */
void             usga_map_page_setup_corridor_editor (UsgaMapPage *self);
void             usga_map_page_show_corridor_popover (UsgaMapPage *self, UsgaCorridor *c, double x, double y);
void             usga_map_page_set_mode          (UsgaMapPage *self, Mode mode, const char *hint);
void             usga_map_page_stop_drawing      (UsgaMapPage *self);

/* usga-map-utopia-editor.c */
void             usga_map_page_setup_utopia_editor (UsgaMapPage *self);
GtkWidget       *usga_map_page_utopia_form       (UsgaMapPage *self, UsgaUtopia *u);
void             usga_map_page_move_utopia       (UsgaMapPage *self, double lon, double lat);
void             usga_map_page_load_utopia_markers (UsgaMapPage *self);

/* usga-map-legend.c: choropleth and hot spot colouring, the legend */
void             usga_map_page_setup_legend      (UsgaMapPage *self);
ColorBy          usga_map_page_get_color_by      (UsgaMapPage *self);
void             usga_map_page_color_colonias    (UsgaMapPage *self);
gboolean         usga_map_page_layer_on          (UsgaMapPage *self, LayerId id);
void             usga_map_page_rebuild_legend    (UsgaMapPage *self);

/* usga-map-hotspot-list.c */
void             usga_map_page_setup_hotspot_list (UsgaMapPage *self);
void             usga_map_page_fill_hotspot_list (UsgaMapPage *self);

/* usga-map-io.c: corridor and UTOPIAS import, corridor and map export */
void             usga_map_page_setup_io          (UsgaMapPage *self);

G_END_DECLS
