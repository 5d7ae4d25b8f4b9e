/* usga-briefing.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "usga-briefing.h"
#include "usga-chart-build.h"
#include "usga-hotspots.h"
#include "usga-tracker.h"

/* The map page's Gi* distance band: neighbours within 1 km of a colonia's centre. */
#define BAND_M 1000.0
#define N_KPIS 10

typedef struct { double r, g, b; } Rgb;

typedef struct {
  char   *name;
  gint64  now, before;
} Kpi;

typedef struct {
  gint64        colonia_id;
  UsgaGeometry *geometry;
} Shape;

struct _UsgaBriefing {
  char           *filters_text;
  char           *footer;         /* filters and data vintage */
  char           *generated;      /* today, in the locale's words */
  char           *period_text;
  char           *compare_label;  /* what the KPIs' change compares, e.g. "2024 vs 2023" */
  char           *before_period;  /* the earlier side of it, e.g. "2023-Q1–Q2" */
  char           *notes[USGA_N_PAGES]; /* each page's method footnote */
  Kpi             kpis[N_KPIS];
  UsgaChartModel *trend;
  UsgaChartModel *ranking;
  UsgaHotspots   *hotspots;
  GHashTable     *klass_by_colonia;  /* colonia id -> Gi* class + 10 */
  GPtrArray      *shapes;            /* Shape* */
  UsgaGeometry   *outline;
  GArray         *utopias;           /* UsgaLonLat */
  GPtrArray      *progress;          /* UsgaTrackerGroup*, first = all 109 */
  GPtrArray      *overdue;           /* UsgaRecommendation* */
  GPtrArray      *datasets;          /* UsgaDatasetInfo* */
  gboolean        spanish;
};

static void
shape_free (gpointer data)
{
  Shape *s = data;

  usga_geometry_free (s->geometry);
  g_free (s);
}

void
usga_briefing_free (UsgaBriefing *b)
{
  if (b == NULL)
    return;
  g_free (b->filters_text);
  g_free (b->footer);
  g_free (b->generated);
  g_free (b->period_text);
  g_free (b->compare_label);
  g_free (b->before_period);
  for (guint i = 0; i < USGA_N_PAGES; i++)
    g_free (b->notes[i]);
  for (guint i = 0; i < N_KPIS; i++)
    g_free (b->kpis[i].name);
  g_clear_pointer (&b->trend, usga_chart_model_free);
  g_clear_pointer (&b->ranking, usga_chart_model_free);
  g_clear_pointer (&b->hotspots, usga_hotspots_free);
  g_clear_pointer (&b->klass_by_colonia, g_hash_table_unref);
  g_clear_pointer (&b->shapes, g_ptr_array_unref);
  g_clear_pointer (&b->outline, usga_geometry_free);
  g_clear_pointer (&b->utopias, g_array_unref);
  g_clear_pointer (&b->progress, g_ptr_array_unref);
  g_clear_pointer (&b->overdue, g_ptr_array_unref);
  g_clear_pointer (&b->datasets, g_ptr_array_unref);
  g_free (b);
}

const char *
usga_briefing_slide_title (UsgaSlide slide)
{
  switch (slide)
    {
    case USGA_SLIDE_KPIS:     return _("Headline Indicators");
    case USGA_SLIDE_TREND:    return _("Trend");
    case USGA_SLIDE_HOTSPOTS: return _("Hot Spots");
    case USGA_SLIDE_TRACKER:  return _("Recommendations Progress");
    case USGA_N_SLIDES:
    default:                  return "";
    }
}

/* --- gathering ---------------------------------------------------------- */

static gint64
sum_members (UsgaStats *stats, const char *key)
{
  g_auto(GStrv) members = key ? usga_category_expand (key) : NULL;
  gint64 total = 0;

  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      if (members == NULL || g_strv_contains ((const char *const *) members, row->key))
        total += row->count;
    }
  return total;
}

static gboolean
collect_kpis (UsgaBriefing *b, UsgaDb *db, UsgaFilter *filter, GError **error)
{
  g_autoptr(UsgaFilter) all = usga_filter_copy (filter);
  g_autoptr(UsgaComparison) c = NULL;
  UsgaStats *now, *then;
  const char *const *keys = usga_chart_kpi_keys ();

  /* Like the Overview: every headline category, whatever the crime filter says; both years
   * counted by the same rule (whole quarters on both sides when either needs them). */
  usga_filter_set_categories (all, NULL);
  usga_filter_set_delito (all, NULL);
  if ((c = usga_stats_compare_years (db, all, USGA_BY_CATEGORY, error)) == NULL)
    return FALSE;
  now = c->now;
  then = c->before;
  b->compare_label = g_strdup (c->label);
  b->before_period = usga_stats_period_name (usga_filter_get_date_from (c->before_filter),
                                             usga_filter_get_date_to (c->before_filter));
  b->notes[USGA_PAGE_KPIS] = g_strdup_printf (_("Change: %s. Now: %s A year earlier: %s"),
                                              c->label, now->method, then->method);

  if (usga_filter_get_exclude_non_crimes (all))
    b->kpis[0].name = g_strdup (_("All carpetas except hechos no delictivos"));
  else
    {
      g_autofree char *n = usga_format_count (now->non_criminal);
      /* Short enough for a card; the footnote says what they are. */
      b->kpis[0].name = g_strdup_printf (_("All carpetas, incl. %s non-crimes"), n);
    }
  b->kpis[0].now = now->total;
  b->kpis[0].before = then->total;
  for (guint i = 1; i < N_KPIS && keys[i - 1]; i++)
    {
      b->kpis[i].name = g_strdup (usga_category_name (keys[i - 1]));
      b->kpis[i].now = sum_members (now, keys[i - 1]);
      b->kpis[i].before = sum_members (then, keys[i - 1]);
    }
  return TRUE;
}

static gboolean
collect_map (UsgaBriefing *b, UsgaDb *db, UsgaFilter *filter, GError **error)
{
  sqlite3_stmt *stmt;

  b->hotspots = usga_hotspots_compute (db, filter, BAND_M, error);
  if (b->hotspots == NULL)
    return FALSE;
  {
    g_autoptr(UsgaStats) colonias = usga_stats_query (db, filter, USGA_BY_COLONIA, error);

    if (colonias == NULL)
      return FALSE;
    b->notes[USGA_PAGE_MAP] = g_strdup_printf (_("Colonia counts for Gi*: %s"), colonias->method);
  }
  b->klass_by_colonia = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < b->hotspots->sites->len; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (b->hotspots->sites, i);
      g_hash_table_insert (b->klass_by_colonia, &h->colonia_id, GINT_TO_POINTER (h->klass + 10));
    }

  b->shapes = g_ptr_array_new_with_free_func (shape_free);
  stmt = usga_db_prepare (db, "SELECT id, geometry FROM colonia", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Shape *s = g_new0 (Shape, 1);
      s->colonia_id = sqlite3_column_int64 (stmt, 0);
      s->geometry = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
      if (s->geometry)
        g_ptr_array_add (b->shapes, s);
      else
        shape_free (s);
    }
  sqlite3_reset (stmt);

  stmt = usga_db_prepare (db, "SELECT geometry FROM alcaldia WHERE cvegeo = '09007'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    b->outline = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);

  b->utopias = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  stmt = usga_db_prepare (db, "SELECT lon, lat FROM utopia", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      UsgaLonLat p = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (b->utopias, p);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
long_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso ? iso : "—");
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a date in a briefing, e.g. "21 November 2026"; see strftime(3). */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

UsgaBriefing *
usga_briefing_new (UsgaDb *db, UsgaFilter *filter, GError **error)
{
  g_autoptr(UsgaBriefing) b = g_new0 (UsgaBriefing, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autofree char *area = usga_stats_area_name (db, filter);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  UsgaTrackerQuery overdue = { 0 };

  /* Translators: the code of the language the briefing is written in. */
  b->spanish = g_str_has_prefix (C_("briefing language", "en"), "es");
  b->filters_text = usga_filter_describe (filter, area);
  b->footer = usga_chart_footer (db, filter);
  b->generated = long_date (today);
  from = long_date (usga_filter_get_date_from (filter));
  to = long_date (usga_filter_get_date_to (filter));
  b->period_text = g_strdup_printf (_("%s to %s"), from, to);

  if (!collect_kpis (b, db, filter, error))
    return NULL;

  /* Long periods read better by quarter; a year or two by month. */
  if (usga_filter_get_date_from (filter) && usga_filter_get_date_to (filter) &&
      atoi (usga_filter_get_date_to (filter)) - atoi (usga_filter_get_date_from (filter)) >= 2)
    options.granularity = USGA_BY_QUARTER;
  else if (usga_filter_get_date_from (filter) == NULL)
    options.granularity = USGA_BY_QUARTER;
  if ((b->trend = usga_chart_build (db, filter, USGA_VIEW_TRENDS, &options, error)) == NULL ||
      (b->ranking = usga_chart_build (db, filter, USGA_VIEW_RANKING, &options, error)) == NULL)
    return NULL;
  b->notes[USGA_PAGE_TRENDS] = g_strdup_printf (_("Trend: %s Ranking: %s"), b->trend->method, b->ranking->method);
  b->notes[USGA_PAGE_TRACKER] = g_strdup (_("Status of each of the 109 recommendations from the tracker’s append-only history; "
                                            "“addressed” means in progress or implemented; overdue means past its due date and not implemented."));
  /* The slide and page print the filters once, in their own footer. */
  g_clear_pointer (&b->trend->footer, g_free);
  g_clear_pointer (&b->ranking->footer, g_free);

  if (!collect_map (b, db, filter, error))
    return NULL;

  if ((b->progress = usga_tracker_progress (db, FALSE, today, error)) == NULL)
    return NULL;
  overdue.overdue = TRUE;
  overdue.today = today;
  if ((b->overdue = usga_tracker_list (db, &overdue, error)) == NULL)
    return NULL;
  if ((b->datasets = usga_datasets_describe (db, error)) == NULL)
    return NULL;
  return g_steal_pointer (&b);
}

/* --- drawing helpers ---------------------------------------------------- */

typedef struct {
  Rgb  fg, dim, bg, card, accent, up, down;
  double unit;   /* 1 at 1280 px wide: every size scales with it */
  gboolean dark;
} Theme;

static Theme
theme_for (double width, gboolean dark)
{
  Theme t = {
    .fg = dark ? (Rgb) { 1, 1, 1 } : (Rgb) { 0.13, 0.13, 0.15 },
    .dim = dark ? (Rgb) { 0.75, 0.75, 0.78 } : (Rgb) { 0.36, 0.36, 0.40 },
    .bg = dark ? (Rgb) { 0.14, 0.14, 0.14 } : (Rgb) { 0.98, 0.98, 0.98 },
    .card = dark ? (Rgb) { 0.22, 0.22, 0.23 } : (Rgb) { 1, 1, 1 },
    .accent = { 0.21, 0.52, 0.89 },
    /* More carpetas is worse: red; fewer: green. The arrow and sign carry it too. */
    .up = dark ? (Rgb) { 1.0, 0.48, 0.39 } : (Rgb) { 0.75, 0.11, 0.16 },
    .down = dark ? (Rgb) { 0.56, 0.94, 0.64 } : (Rgb) { 0.15, 0.56, 0.32 },
    .unit = width / 1280.0,
    .dark = dark,
  };
  return t;
}

static void
set_rgb (cairo_t *cr, Rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

static PangoLayout *
text_layout (cairo_t *cr, const char *text, double w, double size, gboolean bold, PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_height (cairo_t *cr, const char *text, double w, double size)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, w, size, FALSE, PANGO_ALIGN_LEFT);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  return lh;
}

/* Lays out @text in a box @w wide at (@x, @y); returns its height. */
static double
draw_text (cairo_t *cr, const char *text, double x, double y, double w, double size,
           gboolean bold, Rgb color, PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, w, size, bold, align);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  cairo_save (cr);
  set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return lh;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

#define format_count usga_format_count

static char *
format_change (double percent)
{
  return isnan (percent) ? g_strdup (_("no earlier data")) : usga_format_change (percent);
}

/* --- content blocks, each in a box -------------------------------------- */

static void
draw_kpis (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const Theme *t, int columns)
{
  int rows = (N_KPIS + columns - 1) / columns;
  double gap = 16 * t->unit, cw = (w - gap * (columns - 1)) / columns, ch = (h - gap * (rows - 1)) / rows;

  for (int i = 0; i < N_KPIS; i++)
    {
      Kpi *k = &b->kpis[i];
      double cx = x + (i % columns) * (cw + gap), cy = y + (i / columns) * (ch + gap);
      double change = usga_percent_change (k->before, k->now);
      g_autofree char *count = format_count (k->now);
      g_autofree char *delta = format_change (change);
      g_autofree char *before_count = format_count (k->before);
      g_autofree char *before = g_strdup_printf (_("%s a year earlier"), before_count);
      g_autofree char *compared = b->before_period ? g_strdup_printf (_("%s in %s"), before_count, b->before_period) : NULL;
      double pad = 14 * t->unit, ty = cy + pad;

      if (k->name == NULL)
        continue;
      rounded_rect (cr, cx, cy, cw, ch, 10 * t->unit);
      set_rgb (cr, t->card);
      cairo_fill (cr);
      ty += draw_text (cr, k->name, cx + pad, ty, cw - 2 * pad, 19 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      ty += draw_text (cr, count, cx + pad, ty, cw - 2 * pad, 44 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      ty += draw_text (cr, delta, cx + pad, ty, cw - 2 * pad, 22 * t->unit, TRUE,
                       isnan (change) || fabs (change) < 0.05 ? t->dim : change > 0 ? t->up : t->down,
                       PANGO_ALIGN_LEFT);
      draw_text (cr, compared ? compared : before, cx + pad, ty + 2 * t->unit, cw - 2 * pad, 15 * t->unit,
                 FALSE, t->dim, PANGO_ALIGN_LEFT);
    }
}

/* Charts lay out for a screen; @zoom enlarges their type for a projector (or shrinks it for paper). */
static void
draw_chart (UsgaChartModel *model, cairo_t *cr, double x, double y, double w, double h, const Theme *t, double zoom)
{
  model->dark = t->dark;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_clip (cr);
  cairo_scale (cr, zoom, zoom);
  usga_chart_draw (cr, w / zoom, h / zoom, model);
  cairo_restore (cr);
}

static Rgb
klass_colour (int klass, const Theme *t)
{
  switch (klass)
    {
    case 3:  return (Rgb) { 0.70, 0.09, 0.17 };
    case 2:  return (Rgb) { 0.89, 0.29, 0.20 };
    case 1:  return (Rgb) { 0.99, 0.55, 0.35 };
    case -1: return (Rgb) { 0.57, 0.77, 0.87 };
    case -2: return (Rgb) { 0.26, 0.58, 0.78 };
    case -3: return (Rgb) { 0.13, 0.40, 0.67 };
    default: return t->dark ? (Rgb) { 0.32, 0.32, 0.34 } : (Rgb) { 0.90, 0.90, 0.88 };
    }
}

static void
ring_path (cairo_t *cr, const UsgaGeometry *g, double ox, double oy, double scale, double mx, double my)
{
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      guint start = g_array_index (g->ring_start, guint, r), end = g_array_index (g->ring_start, guint, r + 1);
      for (guint i = start; i < end; i++)
        {
          const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, i);
          double px, py;
          usga_mercator_project (p->lon, p->lat, &px, &py);
          px = ox + (px - mx) * scale;
          py = oy + (py - my) * scale;
          if (i == start)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_close_path (cr);
    }
}

/* Colonias coloured by their Gi* class, the alcaldía outline and the UTOPIAS, fitted to the box. */
static void
draw_map (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const Theme *t)
{
  double x0, y0, x1, y1, scale, ox, oy;

  if (b->outline == NULL)
    return;
  usga_mercator_project (b->outline->min_lon, b->outline->max_lat, &x0, &y0);
  usga_mercator_project (b->outline->max_lon, b->outline->min_lat, &x1, &y1);
  scale = MIN (w / (x1 - x0), h / (y1 - y0));
  ox = x + (w - (x1 - x0) * scale) / 2;
  oy = y + (h - (y1 - y0) * scale) / 2;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, MAX (0.3, 0.6 * t->unit));
  for (guint i = 0; i < b->shapes->len; i++)
    {
      Shape *s = g_ptr_array_index (b->shapes, i);
      int klass = GPOINTER_TO_INT (g_hash_table_lookup (b->klass_by_colonia, &s->colonia_id)) - 10;

      cairo_new_path (cr);
      ring_path (cr, s->geometry, ox, oy, scale, x0, y0);
      set_rgb (cr, klass_colour (klass < -3 ? 0 : klass, t));
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, t->fg.r, t->fg.g, t->fg.b, 0.25);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  ring_path (cr, b->outline, ox, oy, scale, x0, y0);
  set_rgb (cr, t->accent);
  cairo_set_line_width (cr, 2.5 * t->unit);
  cairo_stroke (cr);

  for (guint i = 0; i < b->utopias->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (b->utopias, UsgaLonLat, i);
      double px, py;

      usga_mercator_project (p->lon, p->lat, &px, &py);
      cairo_new_path (cr);
      cairo_arc (cr, ox + (px - x0) * scale, oy + (py - y0) * scale, 6 * t->unit, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5 * t->unit);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Legend, method and the five strongest hot spots. */
static void
draw_map_legend (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, const Theme *t)
{
  const struct { int klass; const char *label; } classes[] = {
    /* xgettext:no-c-format */
    { 3, N_("Hot spot, 99 % confidence") },
    /* xgettext:no-c-format */
    { 2, N_("Hot spot, 95 %") },
    /* xgettext:no-c-format */
    { 1, N_("Hot spot, 90 %") },
    { 0, N_("Not significant") },
    /* xgettext:no-c-format */
    { -1, N_("Cold spot, 90 %") },
    /* xgettext:no-c-format */
    { -2, N_("Cold spot, 95 %") },
    /* xgettext:no-c-format */
    { -3, N_("Cold spot, 99 %") },
  };
  g_autofree char *method = g_strdup_printf (_("Getis-Ord Gi* over the %u colonias: carpetas for the filter, neighbours within %.0f m."),
                                             b->shapes->len, BAND_M);
  double sw = 18 * t->unit, ty = y;
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      rounded_rect (cr, x, ty + 2 * t->unit, sw, sw, 3 * t->unit);
      set_rgb (cr, klass_colour (classes[i].klass, t));
      cairo_fill (cr);
      ty += MAX (sw + 4 * t->unit,
                 draw_text (cr, _(classes[i].label), x + sw + 8 * t->unit, ty, w - sw - 8 * t->unit,
                            16 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit);
    }
  cairo_arc (cr, x + sw / 2, ty + sw / 2 + 2 * t->unit, 6 * t->unit, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);
  cairo_fill (cr);
  ty += draw_text (cr, _("UTOPIAS community centre"), x + sw + 8 * t->unit, ty, w - sw - 8 * t->unit,
                   16 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 12 * t->unit;
  ty += draw_text (cr, method, x, ty, w, 14 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT) + 12 * t->unit;

  ty += draw_text (cr, _("Strongest hot spots"), x, ty, w, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit;
  for (guint i = 0; i < b->hotspots->sites->len && shown < 5; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (b->hotspots->sites, i);
      g_autofree char *count = NULL;
      g_autofree char *line = NULL;

      if (h->klass <= 0)
        break;
      count = format_count (h->count);
      line = g_strdup_printf (_("%s — %s carpetas, z = %.2f"), h->name, count, h->z);
      ty += draw_text (cr, line, x, ty, w, 15 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 3 * t->unit;
      shown++;
    }
  if (shown == 0)
    ty += draw_text (cr, _("No colonia is a significant hot spot for this filter."), x, ty, w, 15 * t->unit,
                     FALSE, t->dim, PANGO_ALIGN_LEFT);
  draw_text (cr, _("Boundaries: IECM colonias and INEGI alcaldía; no basemap. FGJ displaces carpeta coordinates by about 200 m."),
             x, ty + 10 * t->unit, w, 13 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

static const Rgb status_colours[USGA_N_STATUSES] = {
  [USGA_STATUS_NOT_STARTED] = { 0.75, 0.75, 0.75 },
  [USGA_STATUS_PLANNED] = { 0.60, 0.76, 0.95 },
  [USGA_STATUS_IN_PROGRESS] = { 0.21, 0.52, 0.89 },
  [USGA_STATUS_IMPLEMENTED] = { 0.15, 0.56, 0.32 },
  [USGA_STATUS_BLOCKED] = { 0.75, 0.11, 0.16 },
  [USGA_STATUS_NOT_PURSUED] = { 0.45, 0.35, 0.25 },
};

/* The cabinet figure, then one stacked bar per SDG with its legend. */
static double
draw_tracker (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const Theme *t)
{
  UsgaTrackerGroup *all = b->progress->len ? g_ptr_array_index (b->progress, 0) : NULL;
  g_autofree char *headline = NULL;
  double ty = y, bar_h = 30 * t->unit, label_w = 130 * t->unit, lx;

  if (all == NULL)
    return 0;
  headline = g_strdup_printf (_("%.0f %% of the %u recommendations addressed (in progress or implemented)"),
                              usga_tracker_group_addressed_percent (all), all->total);
  ty += draw_text (cr, headline, x, ty, w, 28 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 6 * t->unit;
  {
    g_autofree char *overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue", all->overdue), all->overdue);
    ty += draw_text (cr, overdue, x, ty, w, 18 * t->unit, FALSE, all->overdue ? t->up : t->dim, PANGO_ALIGN_LEFT) + 16 * t->unit;
  }

  for (guint g = 1; g < b->progress->len && ty + bar_h < y + h; g++)
    {
      UsgaTrackerGroup *group = g_ptr_array_index (b->progress, g);
      g_autofree char *label = g_strdup_printf (_("SDG %s (%u)"), group->key, group->total);
      double bx = x + label_w, bw = w - label_w, cursor = bx;

      draw_text (cr, label, x, ty + 4 * t->unit, label_w - 8 * t->unit, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      for (int s = 0; s < USGA_N_STATUSES; s++)
        {
          /* Done first, from the left. */
          static const int order[USGA_N_STATUSES] = {
            USGA_STATUS_IMPLEMENTED, USGA_STATUS_IN_PROGRESS, USGA_STATUS_PLANNED,
            USGA_STATUS_NOT_STARTED, USGA_STATUS_BLOCKED, USGA_STATUS_NOT_PURSUED,
          };
          int st = order[s];
          double seg = group->total ? bw * group->counts[st] / group->total : 0;

          if (seg <= 0)
            continue;
          cairo_rectangle (cr, cursor, ty, seg, bar_h);
          set_rgb (cr, status_colours[st]);
          cairo_fill (cr);
          if (seg > 28 * t->unit)
            {
              g_autofree char *n = g_strdup_printf ("%u", group->counts[st]);
              draw_text (cr, n, cursor, ty + 5 * t->unit, seg, 15 * t->unit, TRUE,
                         st == USGA_STATUS_NOT_STARTED || st == USGA_STATUS_PLANNED ? (Rgb) { 0.1, 0.1, 0.1 } : (Rgb) { 1, 1, 1 },
                         PANGO_ALIGN_CENTER);
            }
          cursor += seg;
        }
      ty += bar_h + 10 * t->unit;
    }

  lx = x;
  ty += 6 * t->unit;
  for (int s = 0; s < USGA_N_STATUSES; s++)
    {
      const char *name = usga_status_name (usga_status_key (s));
      double sw = 16 * t->unit;

      if (lx + 180 * t->unit > x + w)
        {
          lx = x;
          ty += 26 * t->unit;
        }
      cairo_rectangle (cr, lx, ty + 2 * t->unit, sw, sw);
      set_rgb (cr, status_colours[s]);
      cairo_fill (cr);
      draw_text (cr, name, lx + sw + 6 * t->unit, ty, 150 * t->unit, 15 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT);
      lx += 180 * t->unit;
    }
  return ty + 30 * t->unit - y;
}

static void
draw_overdue (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const Theme *t)
{
  double ty = y;

  ty += draw_text (cr, _("Overdue recommendations"), x, ty, w, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 6 * t->unit;
  if (b->overdue->len == 0)
    {
      draw_text (cr, _("None: no recommendation is past its due date."), x, ty, w, 15 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
      return;
    }
  for (guint i = 0; i < b->overdue->len && ty < y + h - 20 * t->unit; i++)
    {
      UsgaRecommendation *r = g_ptr_array_index (b->overdue, i);
      g_autofree char *line = g_strdup_printf (_("%s · due %s · %s — %s"), r->id, r->due_date, usga_status_name (r->status),
                                               b->spanish ? r->summary_es : r->summary_en);
      ty += draw_text (cr, line, x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit;
    }
}

static void
draw_sources (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, const Theme *t)
{
  double ty = y;

  for (guint i = 0; i < b->datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (b->datasets, i);
      g_autofree char *row_count = format_count (d->rows);
      g_autofree char *carpetas = d->carpetas >= 0 ? format_count (d->carpetas) : NULL;
      g_autofree char *rows = carpetas ? g_strdup_printf (_("%s (counting %s carpetas)"), row_count, carpetas)
                                       : g_strdup (row_count);
      g_autofree char *line = g_strdup_printf (_("%s rows%s%s%s%s. Vintage: %s. Source: %s. Licence: %s."),
                                               rows,
                                               d->first ? _(", from ") : "", d->first ? d->first : "",
                                               d->first ? _(" to ") : "", d->last ? d->last : "",
                                               d->vintage ? d->vintage : "—",
                                               d->source ? d->source : "—", d->license ? d->license : "—");

      ty += draw_text (cr, d->title, x, ty, w, 15 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 2 * t->unit;
      ty += draw_text (cr, line, x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 10 * t->unit;
    }
  ty += 8 * t->unit;
  ty += draw_text (cr, _("Methods"), x, ty, w, 15 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 2 * t->unit;
  ty += draw_text (cr, _("Counts are carpetas de investigación by the date of the events. Days with a complete record of "
                         "carpetas (the 2024 points, complete syncs) are counted by day; other periods come whole from the "
                         "published quarterly colonia counts, and a period that cuts such a quarter is widened to the whole "
                         "quarter and says so. Year-over-year change compares the same rule on both sides: whole quarters on "
                         "both when either needs them. Rates are per 100 000 inhabitants of the 2020 census. "
                         "Hour-of-day figures leave out FGJ’s 00:00 placeholder times. “All carpetas” includes FGJ’s hechos "
                         "no delictivos unless the filter leaves them out. "
                         "“Addressed” recommendations are those in progress or implemented."),
                   x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 10 * t->unit;
  draw_text (cr, _("UNODC, Urban Safety Governance Assessment (USGA) – Iztapalapa. Map boundaries: IECM, SSC-CDMX, INEGI. "
                   "Map data © OpenStreetMap contributors where a basemap is shown."),
             x, ty, w, 13 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

/* --- slides ------------------------------------------------------------- */

static double
draw_header (UsgaBriefing *b, cairo_t *cr, const char *title, gboolean with_change, double x, double y, double w,
             const Theme *t)
{
  double h = draw_text (cr, title, x, y, w, 40 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
  g_autofree char *sub = with_change && b->compare_label ? g_strdup_printf (_("Iztapalapa · %s · change: %s"), b->period_text, b->compare_label)
                                          : g_strdup_printf (_("Iztapalapa · %s"), b->period_text);

  h += draw_text (cr, sub, x, y + h, w, 22 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
  return h;
}

static void
draw_footer (UsgaBriefing *b, cairo_t *cr, double x, double bottom, double w, const Theme *t, const char *page)
{
  g_autofree char *text = page ? g_strdup_printf ("%s\n%s", b->footer, page) : g_strdup (b->footer);
  double size = 13 * t->unit;

  /* Measured first, so the footer sits on the bottom margin however long the filters get. */
  draw_text (cr, text, x, bottom - text_height (cr, text, w, size), w, size, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

void
usga_briefing_draw_slide (UsgaBriefing *b, UsgaSlide slide, cairo_t *cr, double width, double height, gboolean dark)
{
  Theme t = theme_for (MIN (width, height * 16 / 9), dark);
  double m = 40 * t.unit, top, body_h, footer_h = 56 * t.unit;

  /* The footer (filters and vintage) can run to several lines: the body ends above it. */
  footer_h = MAX (footer_h, text_height (cr, b->footer, width - 2 * m - 240 * t.unit, 13 * t.unit) + 12 * t.unit);
  set_rgb (cr, t.bg);
  cairo_paint (cr);
  top = m + draw_header (b, cr, usga_briefing_slide_title (slide), slide == USGA_SLIDE_KPIS, m, m, width - 2 * m, &t) + 20 * t.unit;
  body_h = height - top - footer_h - m;

  switch (slide)
    {
    case USGA_SLIDE_KPIS:
      draw_kpis (b, cr, m, top, width - 2 * m, body_h, &t, 5);
      break;
    case USGA_SLIDE_TREND:
      draw_chart (b->trend, cr, m, top, width - 2 * m, body_h, &t, 1.6 * t.unit);
      break;
    case USGA_SLIDE_HOTSPOTS:
      draw_map (b, cr, m, top, (width - 2 * m) * 0.62, body_h, &t);
      draw_map_legend (b, cr, m + (width - 2 * m) * 0.65, top, (width - 2 * m) * 0.35, &t);
      break;
    case USGA_SLIDE_TRACKER:
      draw_tracker (b, cr, m, top, width - 2 * m, body_h, &t);
      break;
    case USGA_N_SLIDES:
    default:
      break;
    }
  /* Leave the bottom-right corner to the slide controls. */
  draw_footer (b, cr, m, height - m * 0.6, width - 2 * m - 240 * t.unit, &t, NULL);
}

/* --- printed pages ------------------------------------------------------ */

void
usga_paper_size (UsgaPaper paper, double *width_pt, double *height_pt)
{
  *width_pt = paper == USGA_PAPER_LETTER ? 612 : 595.28;
  *height_pt = paper == USGA_PAPER_LETTER ? 792 : 841.89;
}

void
usga_briefing_draw_page (UsgaBriefing *b, UsgaBriefingPage page, cairo_t *cr, double width, double height)
{
  /* Pages use the slide sizes scaled to the sheet: a unit is 1/1280 of a 16:9 slide as wide. */
  Theme t = theme_for (width * 1.45, FALSE);
  double m = 42, w = width - 2 * m, top = m, body_bottom = height - m - 40, note_h = 0, note_y = 0;
  g_autofree char *page_label = g_strdup_printf (_("Page %d of %d"), page + 1, USGA_N_PAGES);
  g_autofree char *note = b->notes[page] ? g_strdup_printf (_("Method: %s"), b->notes[page]) : NULL;

  /* The page's method footnote sits right above the footer; the body gives them room. */
  if (note)
    {
      g_autofree char *footer = g_strdup_printf ("%s\n%s", b->footer, page_label);
      double footer_top = height - m * 0.6 - text_height (cr, footer, w, 13 * t.unit);

      note_h = text_height (cr, note, w, 7.5);
      note_y = footer_top - note_h - 4;
      body_bottom = MIN (body_bottom, note_y - 8);
    }

  t.bg = (Rgb) { 1, 1, 1 };
  t.card = (Rgb) { 0.95, 0.95, 0.96 };
  set_rgb (cr, t.bg);
  cairo_paint (cr);

  switch (page)
    {
    case USGA_PAGE_COVER:
      {
        double ty = height * 0.28;
        g_autofree char *date = g_strdup_printf (_("Prepared %s"), b->generated);

        ty += draw_text (cr, _("Security Cabinet Briefing"), m, ty, w, 34, TRUE, t.fg, PANGO_ALIGN_LEFT) + 8;
        ty += draw_text (cr, _("Alcaldía Iztapalapa · crime trends, hot spots and the UNODC recommendations"),
                         m, ty, w, 16, FALSE, t.dim, PANGO_ALIGN_LEFT) + 30;
        ty += draw_text (cr, date, m, ty, w, 14, TRUE, t.fg, PANGO_ALIGN_LEFT) + 6;
        ty += draw_text (cr, b->period_text, m, ty, w, 14, FALSE, t.fg, PANGO_ALIGN_LEFT) + 6;
        ty += draw_text (cr, b->filters_text, m, ty, w, 12, FALSE, t.fg, PANGO_ALIGN_LEFT) + 20;
        draw_text (cr, b->footer, m, ty, w, 10, FALSE, t.dim, PANGO_ALIGN_LEFT);
      }
      break;
    case USGA_PAGE_KPIS:
      top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_KPIS), TRUE, m, top, w, &t) + 14;
      draw_kpis (b, cr, m, top, w, MIN (body_bottom - top, height * 0.6), &t, 2);
      break;
    case USGA_PAGE_TRENDS:
      {
        double ch;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_TREND), FALSE, m, top, w, &t) + 10;
        ch = (body_bottom - top - 14) / 2;
        draw_chart (b->trend, cr, m, top, w, ch, &t, 0.75);
        draw_chart (b->ranking, cr, m, top + ch + 14, w, ch, &t, 0.75);
      }
      break;
    case USGA_PAGE_MAP:
      {
        double mh;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_HOTSPOTS), FALSE, m, top, w, &t) + 10;
        mh = (body_bottom - top) * 0.55;
        draw_map (b, cr, m, top, w, mh, &t);
        draw_map_legend (b, cr, m, top + mh + 12, w, &t);
      }
      break;
    case USGA_PAGE_TRACKER:
      {
        double used;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_TRACKER), FALSE, m, top, w, &t) + 14;
        used = draw_tracker (b, cr, m, top, w, (body_bottom - top) * 0.55, &t);
        draw_overdue (b, cr, m, top + used + 10, w, body_bottom - top - used - 10, &t);
      }
      break;
    case USGA_PAGE_SOURCES:
      top += draw_text (cr, _("Sources and Methods"), m, top, w, 26, TRUE, t.fg, PANGO_ALIGN_LEFT) + 14;
      draw_sources (b, cr, m, top, w, &t);
      break;
    case USGA_N_PAGES:
    default:
      break;
    }
  if (note)
    draw_text (cr, note, m, note_y, w, 7.5, FALSE, t.dim, PANGO_ALIGN_LEFT);
  if (page != USGA_PAGE_COVER)
    draw_footer (b, cr, m, height - m * 0.6, w, &t, page_label);
}

gboolean
usga_briefing_write_pdf (UsgaBriefing *b, const char *path, UsgaPaper paper, GError **error)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  usga_paper_size (paper, &w, &h);
  surface = cairo_pdf_surface_create (path, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Security Cabinet Briefing"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "USGA Dashboard");
  cr = cairo_create (surface);
  for (int page = 0; page < USGA_N_PAGES; page++)
    {
      usga_briefing_draw_page (b, page, cr, w, h);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
