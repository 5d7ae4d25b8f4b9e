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
  PERIOD_CUSTOM,
} Period;

struct _UsgaFilterBar {
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *period_dropdown;
  GtkWidget  *custom_box;
  GtkWidget  *from_entry;
  GtkWidget  *to_entry;
  GtkWidget  *category_button;
  GtkWidget  *category_checks;
  GtkWidget  *exclude_non_crimes_check;
  GtkWidget  *delito_dropdown;
  GtkWidget  *area_dropdown;
  GtkWidget  *summary_label;

  UsgaStore  *store;
  GPtrArray  *category_keys;  /* parallel to category_check_buttons; NULL entry = all */
  GPtrArray  *category_check_buttons;
  GPtrArray  *delito_names;   /* parallel to the delito dropdown; NULL entry = any */
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
    case PERIOD_CUSTOM:
      {
        const char *from_text = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
        const char *to_text = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
        *from = usga_filter_validate_date (from_text) ? g_strdup (from_text) : NULL;
        *to = usga_filter_validate_date (to_text) ? g_strdup (to_text) : NULL;
      }
      break;
    case PERIOD_ALL:
    default:
      break;
    }
}

/* A custom date is applied only when it is a real date (or empty = open end); otherwise the
 * entry is marked and says why. */
static gboolean
check_date_entry (GtkWidget *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = *text == '\0' || usga_filter_validate_date (text);

  if (ok)
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, _("A day as YYYY-MM-DD; press Enter to apply"));
    }
  else
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, _("Not a date: write it as YYYY-MM-DD, e.g. 2020-03-23"));
    }
  return ok;
}

static void
update_category_label (UsgaFilterBar *self, guint n_selected, const char *only)
{
  g_autofree char *label = NULL;

  if (n_selected == 0)
    label = g_strdup (_("All carpetas"));
  else if (n_selected == 1)
    label = g_strdup (usga_category_name (only));
  else
    label = g_strdup_printf (ngettext ("%u category", "%u categories", n_selected), n_selected);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->category_button), label);
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
  guint area, delito;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  Period period;

  if (self->store == NULL || self->updating)
    return;
  filter = usga_store_get_filter (self->store);
  next = usga_filter_copy (filter);

  period = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->period_dropdown));
  gtk_widget_set_visible (self->custom_box, period == PERIOD_CUSTOM);
  /* Switching to custom starts from the dates in force, so nothing jumps. */
  if (period == PERIOD_CUSTOM && !gtk_widget_has_focus (self->from_entry) &&
      *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), usga_filter_get_date_from (filter) ? usga_filter_get_date_from (filter) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), usga_filter_get_date_to (filter) ? usga_filter_get_date_to (filter) : "");
    }
  if (period == PERIOD_CUSTOM && (!check_date_entry (self->from_entry) || !check_date_entry (self->to_entry)))
    return;
  period_bounds (self, period, &from, &to);
  usga_filter_set_period (next, from, to);

  for (guint i = 1; i < self->category_check_buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->category_check_buttons, i)))
      g_ptr_array_add (keys, g_ptr_array_index (self->category_keys, i));
  update_category_label (self, keys->len, keys->len ? g_ptr_array_index (keys, 0) : NULL);
  g_ptr_array_add (keys, NULL);
  usga_filter_set_categories (next, (const char *const *) keys->pdata);
  usga_filter_set_exclude_non_crimes (next, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->exclude_non_crimes_check)));

  delito = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->delito_dropdown));
  usga_filter_set_delito (next, delito < self->delito_names->len ? g_ptr_array_index (self->delito_names, delito) : NULL);

  area = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->area_dropdown));
  if (area < self->area_ids->len)
    usga_filter_set_area (next, g_array_index (self->area_levels, UsgaAreaLevel, area),
                          g_array_index (self->area_ids, gint64, area));

  /* One "changed" for the whole edit, so pages query once. */
  usga_filter_assign (filter, next);
  update_summary (self);
}

/* "All carpetas" clears the others; choosing any category clears "All carpetas". */
static void
category_toggled (GtkCheckButton *button, UsgaFilterBar *self)
{
  GtkCheckButton *all = g_ptr_array_index (self->category_check_buttons, 0);
  gboolean any = FALSE;

  if (self->updating)
    return;
  self->updating = TRUE;
  if (button == all && gtk_check_button_get_active (all))
    for (guint i = 1; i < self->category_check_buttons->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->category_check_buttons, i), FALSE);
  for (guint i = 1; i < self->category_check_buttons->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->category_check_buttons, i));
  gtk_check_button_set_active (all, !any);
  self->updating = FALSE;
  apply (self);
}

static void
add_category_check (UsgaFilterBar *self, const char *label, const char *key)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_ptr_array_add (self->category_keys, g_strdup (key));
  g_ptr_array_add (self->category_check_buttons, check);
  gtk_box_append (GTK_BOX (self->category_checks), check);
  g_signal_connect (check, "toggled", G_CALLBACK (category_toggled), self);
}

static void
fill_categories (UsgaFilterBar *self)
{
  const char *groups[] = { "sexual", "robbery" };
  const UsgaCategory *categories;
  guint n;

  add_category_check (self, _("All carpetas"), NULL);
  gtk_check_button_set_active (g_ptr_array_index (self->category_check_buttons, 0), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    add_category_check (self, usga_category_group_name (groups[i]), groups[i]);
  categories = usga_categories (&n);
  for (guint i = 0; i < n; i++)
    add_category_check (self, usga_category_name (categories[i].key), categories[i].key);
  update_category_label (self, 0, NULL);
}

static void
fill_delitos (UsgaFilterBar *self)
{
  sqlite3_stmt *stmt = usga_db_prepare (usga_store_get_db (self->store),
      "SELECT name FROM delito WHERE id IN (SELECT delito_id FROM incident UNION SELECT delito_id FROM incident_quarterly)"
      " ORDER BY name", NULL);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->delito_names, 0);
  gtk_string_list_append (list, _("Any delito"));
  g_ptr_array_add (self->delito_names, NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gtk_string_list_append (list, name);
      g_ptr_array_add (self->delito_names, g_strdup (name));
    }
  if (stmt)
    sqlite3_reset (stmt);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->delito_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->delito_dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
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
  fill_delitos (self);
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
  g_ptr_array_unref (self->category_check_buttons);
  g_ptr_array_unref (self->delito_names);
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
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, custom_box);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, from_entry);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, to_entry);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, category_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, category_checks);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, exclude_non_crimes_check);
  gtk_widget_class_bind_template_child (widget_class, UsgaFilterBar, delito_dropdown);
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
    _("Custom dates…"),
    NULL
  };

  self->category_keys = g_ptr_array_new_with_free_func (g_free);
  self->category_check_buttons = g_ptr_array_new ();
  self->delito_names = g_ptr_array_new_with_free_func (g_free);
  self->area_levels = g_array_new (FALSE, FALSE, sizeof (UsgaAreaLevel));
  self->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->period_dropdown), G_LIST_MODEL (gtk_string_list_new (periods)));
  fill_categories (self);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->delito_dropdown, "notify::selected", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->area_dropdown, "notify::selected", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->exclude_non_crimes_check, "toggled", G_CALLBACK (apply), self);
}
