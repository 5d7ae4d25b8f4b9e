/* usga-cube-private.h — the cube's arrays, shared by its builder (usga-cube.c) and its answers
 * (usga-cube-query.c). Areas and delitos are dense indexes; index 0 of colonias and cuadrantes
 * is id 0 (the summaries' "not placed") and NULL alike, index 0 of delitos is "not in the
 * delito table" (the SQL's inner join drops those rows).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-colonia-history.h"
#include "usga-cube.h"
#include "usga-db.h"

G_BEGIN_DECLS

/* One cell of incident_hour_summary. */
typedef struct {
  gint32  day;          /* yyyymmdd: ordered as the 'YYYY-MM-DD' text it comes from */
  guint16 delito;
  guint16 colonia;
  guint16 cuadrante;
  gint8   hour;         /* -1 unknown */
  guint8  weekday;      /* 1 = Monday */
  guint8  placeholder;
  guint32 n;
} UsgaCubeCell;

/* One row of incident_quarterly. */
typedef struct {
  gint32  yq;           /* year * 10 + quarter */
  guint16 delito;
  guint16 raw;          /* the FGJ colonia name */
  guint16 colonia;      /* the name's own colonia (0: NULL) */
  guint32 count;
} UsgaCubeQuarterly;

/* A name's share in a colonia (and cuadrante), colonia_history_share. */
typedef struct {
  guint16 colonia;
  guint16 cuadrante;
  double  share;
} UsgaCubeShare;

typedef struct {
  gint64  id;
  char   *name;         /* colonia or sector name, cuadrante code; NULL when not in its table */
  gint64  population;   /* 0 when NULL */
  guint16 sector;       /* cuadrantes: dense sector index (0: none) */
  gint64  sector_id;    /* cuadrantes: cuadrante.sector_id as stored (0: unknown cuadrante) */
} UsgaCubeArea;

typedef struct {
  char   *name;
  guint16 category;     /* index into categories */
} UsgaCubeDelito;

/* Cells grouped by one dimension, each group by day: group g is order[start[g] .. start[g+1]) (or
 * the cells themselves when order is NULL), so a filter on it reads only its groups' days. */
typedef struct {
  guint   *start;
  guint32 *order;
  guint    n;
} UsgaCubeBlocks;

/* Published counts as one split reads them, summed per key: 16 bytes a row. */
typedef struct {
  guint16 delito;
  guint16 quarter;      /* (year - first_year) * 4 + quarter - 1 */
  guint16 colonia;      /* 0: NULL (and always 0 as published: never asked for there) */
  guint16 cuadrante;    /* 0: NULL */
  double  n;            /* a REAL sum, as the views' count */
} UsgaCubeEstimate;

/* A split's rows, by delito and by area (the colonia, or the cuadrante for the pairs). */
typedef struct {
  UsgaCubeEstimate *rows;
  gsize             n;
  gboolean          by_cuadrante;
  UsgaCubeBlocks    by_delito;
  UsgaCubeBlocks    by_area;
} UsgaCubeSplit;

struct _UsgaCube {
  gint          ref_count;
  char         *path;
  /* freshness */
  GMutex        lock;          /* the connection is not shared across threads without it */
  UsgaDb       *db;
  gint64        data_version;
  guint64       dev, ino;
  gint          stale;
  gint          answered;      /* parts answered, for tests and the bench */
  double        build_ms;
  /* dimensions */
  GArray       *delitos;       /* UsgaCubeDelito */
  GPtrArray    *categories;    /* char* */
  GArray       *colonias;      /* UsgaCubeArea */
  GArray       *cuadrantes;    /* UsgaCubeArea */
  GArray       *sectors;       /* UsgaCubeArea; population = sum of its cuadrantes' */
  int           first_year, n_years;
  /* facts */
  UsgaCubeCell      *cells;    /* by delito, then day */
  gsize              n_cells;
  UsgaCubeBlocks     by_delito;   /* the cells of each delito (identity order) */
  UsgaCubeBlocks     by_colonia;  /* of each colonia, by day */
  UsgaCubeBlocks     by_cuadrante;
  UsgaCubeSplit      splits[3];   /* by UsgaHistorySplit */
  gsize              n_quarterly;
  /* while building only: the published rows and their names' shares */
  UsgaCubeQuarterly *quarterly;
  guint              n_raw;
  guint             *pair_start;  /* n_raw + 1 offsets into pairs: colonia_history_share rows */
  UsgaCubeShare     *pairs;
  guint             *colonia_start; /* n_raw + 1 offsets into colonia_shares: the pairs summed per colonia */
  UsgaCubeShare     *colonia_shares;
};

/* usga-cube-history.c */
void   usga_cube_index_history (UsgaCube *c);
void   usga_cube_history_clear (UsgaCube *c);

/* 'YYYY-MM-DD' as yyyymmdd, -1 for anything else. */
gint32 usga_cube_parse_day (const char *s);

G_END_DECLS
