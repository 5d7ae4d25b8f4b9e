/* usga-chart.h — the dashboard's charts as plain data plus one cairo drawing routine per
 * chart kind. The same usga_chart_draw() paints the screen (GtkSnapshot), PNG, SVG, PDF
 * and print, so what is exported is exactly what is shown. GTK-free: the `usga` command
 * links it to render charts headless.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <cairo.h>
#include <gio/gio.h>
#include "usga-core.h"

G_BEGIN_DECLS

typedef enum {
  USGA_CHART_TIME_SERIES,  /* lines by month/quarter/year, one per category */
  USGA_CHART_RANKING,      /* horizontal bars: colonias by count or rate */
  USGA_CHART_HEATMAP,      /* weekday rows × hour columns */
  USGA_CHART_SEX_AGE,      /* grouped bars: women / men per age group */
} UsgaChartKind;

typedef struct {
  char   *key;        /* category key, weekday number, "F"/"M"; NULL for all carpetas */
  char   *name;       /* legend text */
  GArray *counts;     /* gint64 per x position */
  GArray *values;     /* double per x: what is drawn (counts or rates); NAN = no value */
  GArray *average;    /* double per x, 3-month moving average of values; NULL when off */
  char   *baseline;   /* the report's stated change for this category, or NULL */
  char   *live_change;/* the live series' change, saying what it compares, or NULL */
} UsgaChartSeries;

typedef struct {
  char *label;
  char *from;         /* YYYY-MM-DD */
  char *to;           /* YYYY-MM-DD; NULL = still running; equal to from = a dated marker */
} UsgaChartBand;

typedef struct {
  UsgaChartKind kind;
  UsgaGroupBy   granularity;   /* time series only */
  gboolean      rates;         /* values are per 100 000 inhabitants */
  char         *title;
  char         *subtitle;      /* granularity and source, always stated */
  char         *value_label;   /* "Carpetas" or "Carpetas per 100 000 inhabitants" */
  char         *note;          /* exclusions, e.g. placeholder 00:00 times */
  char         *method;        /* usga_stats_describe_method(): source, vintage, rule, exclusions */
  char         *footer;        /* active filters and data vintage */
  char         *empty_message; /* why there is nothing to draw, or NULL */
  GPtrArray    *x_keys;        /* char*: 2024-03, colonia id, hour, age group */
  GPtrArray    *x_labels;      /* char* */
  GPtrArray    *x_sources;     /* const char* USGA_SOURCE_*, time series only */
  GPtrArray    *series;        /* UsgaChartSeries* */
  GPtrArray    *bands;         /* UsgaChartBand*, time series only */
  /* Interaction state the screen shares with the drawing: the focused data point. */
  int           focus_series;
  int           focus_index;   /* -1: none */
  gboolean      dark;
  gboolean      transparent;   /* on screen the card paints the background; exports are opaque */
  int           ref_count;
} UsgaChartModel;

UsgaChartModel  *usga_chart_model_new   (UsgaChartKind kind);
UsgaChartModel  *usga_chart_model_ref   (UsgaChartModel *model);
/* Drops a reference (models are shared by the screen and a pending export). */
void             usga_chart_model_free  (UsgaChartModel *model);
UsgaChartSeries *usga_chart_model_add_series (UsgaChartModel *model, const char *key, const char *name);
void             usga_chart_model_add_x (UsgaChartModel *model, const char *key, const char *label, const char *source);
void             usga_chart_model_add_band (UsgaChartModel *model, const char *label, const char *from, const char *to);
/* A series of @stats' values (counts) in row order; with @add_x its rows' keys also become
 * the x positions (and labels). */
UsgaChartSeries *usga_chart_model_add_stats (UsgaChartModel *model, const char *key, const char *name,
                                             UsgaStats *stats, gboolean add_x);
guint            usga_chart_model_n_x   (UsgaChartModel *model);
gint64           usga_chart_model_total (UsgaChartModel *model);

/* Paints @model into a @width × @height box at the origin of @cr. */
void   usga_chart_draw (cairo_t *cr, double width, double height, UsgaChartModel *model);
/* Every sparkline (usga-chart-sparkline.c): series @index as a line from zero to its highest
 * value, the last point marked, in the palette's first series colour for @dark. Without
 * @labels a bare line (a KPI card); with them a baseline, the first and last x labels and
 * "max N" (the evidence panel). */
void   usga_chart_draw_sparkline (cairo_t *cr, double width, double height, UsgaChartModel *model,
                                  guint index, gboolean dark, gboolean labels);
/* The data point under (@x, @y) in a @width × @height drawing; FALSE if none. */
gboolean usga_chart_hit (UsgaChartModel *model, double width, double height, double x, double y,
                         int *series, int *index);
/* "Domestic violence · 2024-03: 812 carpetas (▲ 4.1 % on 2024-02)" */
char  *usga_chart_point_text (UsgaChartModel *model, int series, int index);
/* A few sentences describing the chart for screen readers. */
char  *usga_chart_summary    (UsgaChartModel *model);
/* The exact numbers: rows of cells, header first (GStrv each). @raw: C-locale numbers for CSV. */
GPtrArray *usga_chart_table  (UsgaChartModel *model, gboolean raw);
/* CSV of the table; the filters and data vintage follow as '#' comment lines at the end. */
gboolean usga_chart_write_csv (UsgaChartModel *model, GOutputStream *out, GError **error);

typedef enum {
  USGA_EXPORT_PNG,
  USGA_EXPORT_SVG,
  USGA_EXPORT_PDF,
  USGA_EXPORT_CSV,
} UsgaExportFormat;

gboolean usga_export_format_from_string (const char *name, UsgaExportFormat *format);
const char *usga_export_format_extension (UsgaExportFormat format);
/* Writes @models (UsgaChartModel*) stacked on one image (PNG, SVG), one page each (PDF),
 * or one table after another (CSV). Each chart is @width × @height. */
gboolean usga_chart_export (GPtrArray *models, UsgaExportFormat format, const char *path,
                            double width, double height, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaChartModel, usga_chart_model_free)

G_END_DECLS
