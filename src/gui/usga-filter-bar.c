/* usga-filter-bar.c — edits the store's one UsgaFilter; every page listens to it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-filter-bar.h"

typedef enum {
  PERIOD_LAST_12_MONTHS,
  PERIOD_LAST_YEAR_TO_DATE,
  PERIOD_HISTORY,
  PERIOD_REPORT,
  PERIOD_ALL,
} Period;

struct _UsgaFilterBar {
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *period_dropdown;
  GtkWidget  *category_dropdown;
  GtkWidget  *area_dropdown;
  GtkWidget  *summary_label;

  UsgaStore  *store;
  GPtrArray  *category_keys;  /* parallel to the category dropdown; NULL entry = all */
  GArray     *area_levels;    /* UsgaAreaLevel, parallel to the area dropdown */
  GArray     *area_ids;       /* gint64 */
  char       *data_first;
  char       *data_last;
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (UsgaFilterBar, usga_filter_bar, GTK_TYPE_WIDGET)

static void
period_bounds (UsgaFilterBar *self, Period period, char **from, char **to)
{
  int y = 2024, m = 12, d = 31;

  if (self->data_last)
    sscanf (self->data_last, "%d-%d-%d", &y, &m, &d);
  *from = *to = NULL;
  switch (period)
    {
    case PERIOD_LAST_12_MONTHS:
      {
        /* Twelve months ending with the newest carpeta, not with today: the open data lags. */
        g_autoptr(GDateTime) last = g_date_time_new_utc (y, m, d, 0, 0, 0);
        g_autoptr(GDateTime) start = g_date_time_add_days (last, 1);
        g_autoptr(GDateTime) start_year = g_date_time_add_years (start, -1);
        *from = g_date_time_format (start_year, "%F");
        *to = g_strdup (self->data_last);
      }
      break;
    case PERIOD_LAST_YEAR_TO_DATE:
      *from = g_strdup_printf ("%04d-01-01", y);
      *to = g_strdup (self->data_last);
      break;
    case PERIOD_HISTORY:
      *from = g_strdup ("2019-01-01");
      *to = g_strdup (self->data_last);
      break;
    case PERIOD_REPORT:
      *from = g_strdup ("2015-01-01");
      *to = g_strdup ("2020-12-31");
      break;
    case PERIOD_ALL:
    default:
      break;
    }
}

static void
update_summary (UsgaFilterBar *self)
{
  UsgaFilter *filter = usga_store_get_filter (self->store);
  g_autofree char *area = usga_stats_area_name (usga_store_get_db (self->store), filter);
  g_autofree char *text = usga_filter_describe (filter, area);

  gtk_label_set_text (GTK_LABEL (self->summary_label), text);
  gtk_widget_set_tooltip_text (self->summary_label, text);
}

static void
apply (UsgaFilterBar *self)
{
  UsgaFilter *filter;
  g_autoptr(UsgaFilter) next = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint category, area;
  const char *keys[2] = { NULL, NULL };

  if (self->store == NULL || self->updating)
    return;
  filter = usga_store_get_filter (self->store);
  next = usga_filter_copy (filter);

  period_bounds (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->period_dropdown)), &from, &to);
  usga_filter_set_period (next, from, to);

  category = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->category_dropdown));
  if (category < self->category_keys->len)
    keys[0] = g_ptr_array_index (self->category_keys, category);
  usga_filter_set_categories (next, keys);

  area = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->area_dropdown));
  if (area < self->area_ids->len)
    usga_filter_set_area (next, g_array_index (self->area_levels, UsgaAreaLevel, area),
                          g_array_index (self->area_ids, gint64, area));

  /* One "changed" for the whole edit, so pages query once. */
  usga_filter_assign (filter, next);
  update_summary (self);
}

static void
fill_categories (UsgaFilterBar *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *groups[] = { "sexual", "robbery" };
  const UsgaCategory *categories;
  guint n;

  g_ptr_array_set_size (self->category_keys, 0);
  gtk_string_list_append (list, _("All carpetas"));
  g_ptr_array_add (self->category_keys, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      gtk_string_list_append (list, usga_category_group_name (groups[i]));
      g_ptr_array_add (self->category_keys, g_strdup (groups[i]));
    }
  categories = usga_categories (&n);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (list, usga_category_name (categories[i].key));
      g_ptr_array_add (self->category_keys, g_strdup (categories[i].key));
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->category_dropdown), G_LIST_MODEL (list));
}

static void
add_area (UsgaFilterBar *self, GtkStringList *list, const char *label, UsgaAreaLevel level, gint64 id)
{
  gtk_string_list_append (list, label);
  g_array_append_val (self->area_levels, level);
  g_array_append_val (self->area_ids, id);
}

static void
fill_areas (UsgaFilterBar *self)
{
  UsgaDb *db = usga_store_get_db (self->store);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const struct { UsgaAreaLevel level; const char *sql; const char *format; } levels[] = {
    { USGA_AREA_LEVEL_SECTOR, "SELECT id, name FROM sector ORDER BY name", N_("Sector %s") },
    { USGA_AREA_LEVEL_COLONIA, "SELECT id, name FROM colonia ORDER BY name", N_("Colonia %s") },
    { USGA_AREA_LEVEL_CUADRANTE, "SELECT id, code FROM cuadrante ORDER BY code", N_("Cuadrante %s") },
  };

  g_array_set_size (self->area_levels, 0);
  g_array_set_size (self->area_ids, 0);
  add_area (self, list, _("Whole alcaldía"), USGA_AREA_LEVEL_ALCALDIA, 0);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, levels[l].sql, NULL);

      while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *label = g_strdup_printf (_(levels[l].format), sqlite3_column_text (stmt, 1));
          add_area (self, list, label, levels[l].level, sqlite3_column_int64 (stmt, 0));
        }
      if (stmt)
        sqlite3_reset (stmt);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->area_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->area_dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
}

static void
reload (UsgaFilterBar *self)
{
  g_clear_pointer (&self->data_first, g_free);
  g_clear_pointer (&self->data_last, g_free);
  usga_stats_point_coverage (usga_store_get_db (self->store), &self->data_first, &self->data_last);
  self->updating = TRUE;
  fill_areas (self);
  self->updating = FALSE;
  apply (self);
}

void
usga_filter_bar_set_store (UsgaFilterBar *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_FILTER_BAR (self));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_connect_object (store, "data-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
usga_filter_bar_dispose (GObject *object)
{
  UsgaFilterBar *self = USGA_FILTER_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (usga_filter_bar_parent_class)->dispose (object);
}

static void
usga_filter_bar_finalize (GObject *object)
{
  UsgaFilterBar *self = USGA_FILTER_BAR (object);

  g_ptr_array_unref (self->category_keys);
  g_array_unref (self->area_levels);
  g_array_unref (self->area_ids);
  g_free (self->data_first);
  g_free (self->data_last);
  G_OBJECT_CLASS (usga_filter_bar_parent_class)->finalize (object);
}

static void
usga_filter_bar_class_init (UsgaFilterBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_filter_bar_dispose;
  G_OBJECT_CLASS (klass)->finalize = usga_filter_bar_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, box);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, summary_label);
}

static void
usga_filter_bar_init (UsgaFilterBar *self)
{
  const char *periods[] = {
    _("Last 12 months of data"),
    _("Latest year to date"),
    _("2019 to latest (bundled history)"),
    _("2015–2020 (report period)"),
    _("All data"),
    NULL
  };

  self->category_keys = g_ptr_array_new_with_free_func (g_free);
  self->area_levels = g_array_new (FALSE, FALSE, sizeof (UsgaAreaLevel));
  self->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->period_dropdown), G_LIST_MODEL (gtk_string_list_new (periods)));
  fill_categories (self);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->area_dropdown, "notify::selected", G_CALLBACK (apply), self);
}
