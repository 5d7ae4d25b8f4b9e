/* usga-map-popovers.c — what a click on the map shows: the count for the filter in a colonia, a grid
 * cell, a cuadrante or a sector, in one popover at a time.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- the popover ------------------------------------------------------ */

void
usga_map_page_close_popover (UsgaMapPage *self)
{
  if (self->popover)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_popover_closed (GtkPopover *popover, UsgaMapPage *self)
{
  usga_area_layer_set_highlight (self->colonias, 0);
  usga_area_layer_set_highlight (self->cuadrantes, 0);
  usga_area_layer_set_highlight (self->sectors, 0);
  usga_area_layer_set_highlight (self->grid_layer, 0);
}

GtkWidget *
usga_map_popover_box (const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

void
usga_map_popover_line (GtkWidget *box, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (box), label);
}

/* @x, @y in the map widget's coordinates. */
/* "Carpetas: N", and the rate when the area's population is known. */
static void
popover_count_lines (GtkWidget *box, gint64 count, const UsgaStatRow *row)
{
  g_autofree char *n = usga_format_count (count);
  g_autofree char *line = g_strdup_printf (_("Carpetas: %s"), n);

  usga_map_popover_line (box, line);
  if (row && row->population > 0)
    {
      g_autofree char *rate = usga_format_rate (row->rate);
      g_autofree char *pop = usga_format_count (row->population);
      g_free (line);
      line = g_strdup_printf (_("Rate: %s per 100 000 inhabitants (population %s, 2020 census)"), rate, pop);
      usga_map_popover_line (box, line);
    }
}

void
usga_map_page_show_popover (UsgaMapPage *self, double x, double y, GtkWidget *content)
{
  double px = x, py = y;

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_new ();
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
    }
  gtk_widget_translate_coordinates (self->map, GTK_WIDGET (self), x, y, &px, &py);
  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { (int) px - 1, (int) py - 1, 2, 2 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

char *
usga_map_page_filter_description (UsgaMapPage *self)
{
  UsgaFilter *filter = usga_store_get_filter (self->store);
  g_autofree char *area = usga_store_area_name (self->store, filter);

  return usga_filter_describe (filter, area);
}

const char *
usga_map_gi_class_text (int klass)
{
  switch (klass)
    {
    /* xgettext:no-c-format */
    case 3:  return _("hot spot, 99 % confidence");
    /* xgettext:no-c-format */
    case 2:  return _("hot spot, 95 % confidence");
    /* xgettext:no-c-format */
    case 1:  return _("hot spot, 90 % confidence");
    /* xgettext:no-c-format */
    case -1: return _("cold spot, 90 % confidence");
    /* xgettext:no-c-format */
    case -2: return _("cold spot, 95 % confidence");
    /* xgettext:no-c-format */
    case -3: return _("cold spot, 99 % confidence");
    default: return _("not significant");
    }
}

guint
usga_map_page_points_within (UsgaMapPage *self, double lon, double lat, double metres)
{
  guint n = 0;

  for (guint i = 0; self->points && i < self->points->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (self->points, UsgaLonLat, i);
      if (fabs (p->lat - lat) < metres / 100000.0 && usga_haversine_m (lon, lat, p->lon, p->lat) <= metres)
        n++;
    }
  return n;
}

void
usga_map_page_show_colonia_popover (UsgaMapPage *self, UsgaMapArea *area, double x, double y)
{
  gint64 id = area->id;
  UsgaStatRow *row = self->colonia_rows ? g_hash_table_lookup (self->colonia_rows, &id) : NULL;
  UsgaHotspot *hot = self->hotspot_by_id ? g_hash_table_lookup (self->hotspot_by_id, &id) : NULL;
  GtkWidget *box = usga_map_popover_box (area->name);
  g_autofree char *filter = usga_map_page_filter_description (self);
  g_autofree char *line = NULL;

  popover_count_lines (box, row ? row->count : 0, row);
  if (row && row->source && strstr (row->source, USGA_SOURCE_QUARTERLY) && self->colonia_stats->estimate_rule)
    usga_map_popover_line (box, _("Before 2024: estimated from 2024 point shares (see the legend)."));
  if (hot && !isnan (hot->z))
    {
      line = g_strdup_printf (_("Getis-Ord Gi* z = %.2f: %s"), hot->z, usga_map_gi_class_text (hot->klass));
      usga_map_popover_line (box, line);
    }
  if (gtk_switch_get_active (GTK_SWITCH (self->layer_switch[LAYER_INCIDENTS])) &&
      !usga_bin_layer_get_showing_points (self->incidents))
    {
      g_autofree char *n = NULL;
      graphene_point_t p;

      if (gtk_widget_compute_point (self->map, GTK_WIDGET (self->incidents), &GRAPHENE_POINT_INIT (x, y), &p))
        {
          n = usga_format_count (usga_bin_layer_count_at (self->incidents, p.x, p.y));
          g_free (line);
          line = g_strdup_printf (_("Carpetas in the hexagon under the pointer: %s"), n);
          usga_map_popover_line (box, line);
        }
    }
  usga_map_popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  usga_area_layer_set_highlight (self->colonias, id);
  usga_map_page_show_popover (self, x, y, box);
}

/* A click on a grid cell (grid hot spots): its carpetas and its Gi*. */
gboolean
usga_map_page_show_cell_popover (UsgaMapPage *self, double x, double y)
{
  UsgaMapArea *area;
  const UsgaHotspotCell *c;
  g_autofree char *title = NULL, *line = NULL, *filter = NULL;
  GtkWidget *box;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->grid_layer)) || self->grid == NULL ||
      (area = usga_area_layer_pick (self->grid_layer, x, y)) == NULL ||
      area->id < 1 || (guint) area->id > self->grid->cells->len)
    return FALSE;
  c = &g_array_index (self->grid->cells, UsgaHotspotCell, area->id - 1);
  title = g_strdup_printf (_("500 m cell in %s"), c->colonia);
  box = usga_map_popover_box (title);
  popover_count_lines (box, c->count, NULL);
  if (!isnan (c->z))
    {
      line = g_strdup_printf (_("Getis-Ord Gi* z = %.2f: %s"), c->z, usga_map_gi_class_text (c->klass));
      usga_map_popover_line (box, line);
    }
  filter = usga_map_page_filter_description (self);
  usga_map_popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  usga_area_layer_set_highlight (self->grid_layer, area->id);
  usga_map_page_show_popover (self, x, y, box);
  return TRUE;
}

/* --- cuadrantes and sectors ------------------------------------------------ */

typedef struct {
  UsgaMapPage *self;
  char        *title;
  double       x, y;
} AreaClick;

static void
area_click_free (AreaClick *click)
{
  g_object_unref (click->self);
  g_free (click->title);
  g_free (click);
}

static void
area_stats_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  AreaClick *click = data;
  UsgaMapPage *self = click->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = usga_store_stats_finish (USGA_STORE (source), result, &error);
  const UsgaStatRow *row;
  g_autofree char *filter = NULL;
  GtkWidget *box;

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      area_click_free (click);
      return;
    }
  row = stats->rows->len ? g_ptr_array_index (stats->rows, 0) : NULL;
  box = usga_map_popover_box (click->title);
  popover_count_lines (box, stats->total, row);
  filter = usga_map_page_filter_description (self);
  usga_map_popover_line (box, filter);
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  usga_map_page_show_popover (self, click->x, click->y, box);
  area_click_free (click);
}

/* A click on a cuadrante or a sector: its carpetas for the filter's period and crimes. */
gboolean
usga_map_page_show_area_popover (UsgaMapPage *self, int layer, UsgaAreaLayer *areas, UsgaAreaLevel level, double x, double y)
{
  g_autoptr(UsgaFilter) filter = NULL;
  UsgaMapArea *area;
  AreaClick *click;

  if (!gtk_switch_get_active (GTK_SWITCH (self->layer_switch[layer])) ||
      (area = usga_area_layer_pick (areas, x, y)) == NULL)
    return FALSE;
  filter = usga_filter_copy (usga_store_get_filter (self->store));
  usga_filter_set_area (filter, level, area->id);
  click = g_new0 (AreaClick, 1);
  click->self = g_object_ref (self);
  click->title = level == USGA_AREA_LEVEL_CUADRANTE ? g_strdup_printf (_("Cuadrante %s"), area->name)
                                                    : g_strdup_printf (_("Sector %s"), area->name);
  click->x = x;
  click->y = y;
  usga_area_layer_set_highlight (areas, area->id);
  g_cancellable_cancel (self->area_click);
  g_clear_object (&self->area_click);
  self->area_click = g_cancellable_new ();
  usga_store_stats_async (self->store, filter, USGA_BY_NONE, self->area_click, area_stats_ready, click);
  return TRUE;
}
