/* usga-chart-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-chart-view.h"
#include "usga-method-button.h"

#define EXPORT_WIDTH  1200
#define EXPORT_HEIGHT 560

/* ---- the drawing: one cairo routine through GtkSnapshot ---- */

#define USGA_TYPE_CHART_CANVAS (usga_chart_canvas_get_type ())
G_DECLARE_FINAL_TYPE (UsgaChartCanvas, usga_chart_canvas, USGA, CHART_CANVAS, GtkWidget)

struct _UsgaChartCanvas {
  GtkWidget       parent_instance;
  UsgaChartModel *model;
};

G_DEFINE_FINAL_TYPE (UsgaChartCanvas, usga_chart_canvas, GTK_TYPE_WIDGET)

gboolean
usga_chart_dark_style (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaChartCanvas *self = USGA_CHART_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->model == NULL || w <= 0 || h <= 0)
    return;
  self->model->dark = usga_chart_dark_style ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  self->model->transparent = TRUE;
  usga_chart_draw (cr, w, h, self->model);
  self->model->transparent = FALSE;
  cairo_destroy (cr);
}

static void
canvas_announce (UsgaChartCanvas *self)
{
  g_autofree char *text = usga_chart_point_text (self->model, self->model->focus_series, self->model->focus_index);

  if (text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
canvas_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state, gpointer data)
{
  UsgaChartCanvas *self = data;
  UsgaChartModel *m = self->model;
  int n, rows, i, s;

  if (m == NULL || m->empty_message || (n = usga_chart_model_n_x (m)) == 0)
    return FALSE;
  rows = m->series->len;
  i = m->focus_index;
  s = m->focus_series;
  /* Rankings list colonias vertically: Up/Down walk them. Other charts: Left/Right walk the
   * x axis, Up/Down change series (heatmap row, sex). */
  switch (keyval)
    {
    case GDK_KEY_Left:  case GDK_KEY_KP_Left:  i = i < 0 ? 0 : MAX (i - 1, 0); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: i = i < 0 ? 0 : MIN (i + 1, n - 1); break;
    case GDK_KEY_Home:  i = 0; break;
    case GDK_KEY_End:   i = n - 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      if (m->kind == USGA_CHART_RANKING)
        i = i < 0 ? 0 : MAX (i - 1, 0);
      else
        s = MAX (s - 1, 0), i = MAX (i, 0);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      if (m->kind == USGA_CHART_RANKING)
        i = i < 0 ? 0 : MIN (i + 1, n - 1);
      else
        s = MIN (s + 1, rows - 1), i = MAX (i, 0);
      break;
    case GDK_KEY_Escape:
      if (m->focus_index < 0)
        return FALSE;
      m->focus_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
  m->focus_index = i;
  m->focus_series = s;
  canvas_announce (self);
  return TRUE;
}

static void
canvas_motion (GtkEventControllerMotion *controller, double x, double y, gpointer data)
{
  UsgaChartCanvas *self = data;
  int s, i;

  if (self->model == NULL)
    return;
  if (usga_chart_hit (self->model, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                      x, y, &s, &i))
    {
      if (s != self->model->focus_series || i != self->model->focus_index)
        {
          self->model->focus_series = s;
          self->model->focus_index = i;
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
  else if (self->model->focus_index >= 0 && !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      self->model->focus_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
canvas_leave (GtkEventControllerMotion *controller, gpointer data)
{
  UsgaChartCanvas *self = data;

  if (self->model && !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      self->model->focus_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
canvas_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  UsgaChartCanvas *self = USGA_CHART_CANVAS (widget);
  g_autofree char *text = NULL;
  int s, i;

  if (self->model == NULL)
    return FALSE;
  if (keyboard)
    s = self->model->focus_series, i = self->model->focus_index;
  else if (!usga_chart_hit (self->model, gtk_widget_get_width (widget), gtk_widget_get_height (widget), x, y, &s, &i))
    return FALSE;
  text = usga_chart_point_text (self->model, s, i);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
canvas_click (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  gtk_widget_grab_focus (GTK_WIDGET (data));
}

static void usga_chart_canvas_finalize (GObject *object);

static void
usga_chart_canvas_class_init (UsgaChartCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = usga_chart_canvas_finalize;
  widget_class->snapshot = canvas_snapshot;
  widget_class->query_tooltip = canvas_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
redraw (gpointer widget)
{
  gtk_widget_queue_draw (widget);
}

static void
usga_chart_canvas_init (UsgaChartCanvas *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (canvas_key), self);
  g_signal_connect (motion, "motion", G_CALLBACK (canvas_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (canvas_leave), self);
  g_signal_connect (click, "pressed", G_CALLBACK (canvas_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* The dark style is read at draw time; redraw when it changes. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (redraw), self, G_CONNECT_SWAPPED);
}

/* ---- the card: toolbar, chart or table ---- */

struct _UsgaChartView {
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *table_toggle;
  GtkWidget      *stack;
  GtkWidget      *canvas;
  GtkWidget      *table_scroller;
  GtkWidget      *table_label;   /* the table's title, for screen readers */
  GtkWidget      *method_button; /* "i": how the chart's figures are made */
};

G_DEFINE_FINAL_TYPE (UsgaChartView, usga_chart_view, GTK_TYPE_WIDGET)

static void
fill_table (UsgaChartView *self)
{
  UsgaChartModel *m = USGA_CHART_CANVAS (self->canvas)->model;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *grid;

  if (m == NULL)
    {
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->table_scroller), NULL);
      return;
    }
  rows = usga_chart_table (m, FALSE);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, m->title, -1);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      for (guint c = 0; cells[c]; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);
          gboolean numeric = r > 0 && (g_ascii_isdigit (cells[c][0]) || g_str_equal (cells[c], "—"));

          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          if (numeric)
            gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (GTK_GRID (grid), label, c, r, 1, 1);
        }
    }
  if (m->empty_message)
    gtk_grid_attach (GTK_GRID (grid), gtk_label_new (m->empty_message), 0, rows->len, 4, 1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->table_scroller), grid);
}

static void
table_toggled (UsgaChartView *self)
{
  gboolean table = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle));

  if (table)
    fill_table (self);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), table ? self->table_scroller : self->canvas);
}

void
usga_chart_view_set_show_table (UsgaChartView *self, gboolean show)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->table_toggle), show);
}

GtkWidget *
usga_chart_view_get_canvas (UsgaChartView *self)
{
  return self->canvas;
}

void
usga_chart_view_set_model (UsgaChartView *self, UsgaChartModel *model)
{
  UsgaChartCanvas *canvas = USGA_CHART_CANVAS (self->canvas);
  g_autofree char *summary = NULL;

  g_clear_pointer (&canvas->model, usga_chart_model_free);
  canvas->model = model;
  usga_method_button_set_text (self->method_button, model ? model->method : NULL);
  if (model)
    {
      summary = usga_chart_summary (model);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
    }
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_toggle)))
    fill_table (self);
  gtk_widget_queue_draw (self->canvas);
}

UsgaChartModel *
usga_chart_view_get_model (UsgaChartView *self)
{
  return USGA_CHART_CANVAS (self->canvas)->model;
}

/* ---- export and print ---- */

typedef struct {
  GPtrArray       *models;
  UsgaExportFormat format;
  GtkWidget       *parent;
} ExportJob;

static void
toast (GtkWidget *widget, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
export_response (GtkNativeDialog *dialog, int response, gpointer data)
{
  ExportJob *job = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path && usga_chart_export (job->models, job->format, path, EXPORT_WIDTH, EXPORT_HEIGHT, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);
          toast (job->parent, message);
        }
      else
        toast (job->parent, error ? error->message : _("Only local files can be written"));
    }
  g_ptr_array_unref (job->models);
  g_object_unref (job->parent);
  g_free (job);
  g_object_unref (dialog);
}

void
usga_chart_export_dialog (GtkWidget *parent, GPtrArray *models, UsgaExportFormat format, const char *basename)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Export Chart"),
                                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strdup_printf ("%s.%s", basename, usga_export_format_extension (format));
  ExportJob *job = g_new0 (ExportJob, 1);

  job->models = g_ptr_array_ref (models);
  job->format = format;
  job->parent = g_object_ref (parent);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_page (GtkPrintOperation *operation, GtkPrintContext *context, int page, gpointer data)
{
  GPtrArray *models = data;
  UsgaChartModel *m = g_ptr_array_index (models, page);
  gboolean dark = m->dark;

  m->dark = FALSE;   /* paper is white */
  usga_chart_draw (gtk_print_context_get_cairo_context (context),
                   gtk_print_context_get_width (context), MIN (gtk_print_context_get_height (context),
                                                                 gtk_print_context_get_width (context) * 0.6), m);
  m->dark = dark;
}

void
usga_chart_print (GtkWidget *parent, GPtrArray *models)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);

  gtk_print_operation_set_n_pages (operation, models->len);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (print_page), g_ptr_array_ref (models),
                         (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (parent, error->message);
}

static GPtrArray *
own_models (UsgaChartView *self)
{
  /* A reference of its own: a refresh may replace the canvas's model while the dialog is open. */
  GPtrArray *models = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_chart_model_free);
  g_ptr_array_add (models, usga_chart_model_ref (usga_chart_view_get_model (self)));
  return models;
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  UsgaChartView *self = USGA_CHART_VIEW (widget);
  UsgaChartModel *m = usga_chart_view_get_model (self);
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(GPtrArray) models = NULL;
  UsgaExportFormat format;

  if (m == NULL)
    return;
  models = own_models (self);
  if (g_str_equal (name, "print"))
    usga_chart_print (widget, models);
  else if (usga_export_format_from_string (name, &format))
    usga_chart_export_dialog (widget, models, format, m->title);
}

static void
usga_chart_view_dispose (GObject *object)
{
  UsgaChartView *self = USGA_CHART_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (usga_chart_view_parent_class)->dispose (object);
}

static void
usga_chart_canvas_finalize (GObject *object)
{
  g_clear_pointer (&USGA_CHART_CANVAS (object)->model, usga_chart_model_free);
  G_OBJECT_CLASS (usga_chart_canvas_parent_class)->finalize (object);
}

static void
usga_chart_view_class_init (UsgaChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_chart_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
}

static void
usga_chart_view_init (UsgaChartView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_set_overflow (self->box, GTK_OVERFLOW_HIDDEN);

  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  self->table_toggle = gtk_toggle_button_new_with_mnemonic (_("Show as _Table"));
  gtk_widget_set_tooltip_text (self->table_toggle, _("Show the exact numbers behind the chart"));
  gtk_widget_add_css_class (self->table_toggle, "flat");
  g_signal_connect_swapped (self->table_toggle, "toggled", G_CALLBACK (table_toggled), self);
  gtk_box_append (GTK_BOX (bar), self->table_toggle);
  self->method_button = usga_method_button_new (NULL);
  gtk_widget_set_valign (self->method_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), self->method_button);

  g_menu_append (menu, _("Export as PNG…"), "chart.export::png");
  g_menu_append (menu, _("Export as SVG…"), "chart.export::svg");
  g_menu_append (menu, _("Export as PDF…"), "chart.export::pdf");
  g_menu_append (menu, _("Export Numbers as CSV…"), "chart.export::csv");
  g_menu_append (menu, _("Print…"), "chart.export::print");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "document-save-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Export or print this chart"));
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_box_append (GTK_BOX (bar), menu_button);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), TRUE);
  self->canvas = g_object_new (USGA_TYPE_CHART_CANVAS, NULL);
  gtk_widget_set_vexpand (self->canvas, TRUE);
  gtk_stack_add_child (GTK_STACK (self->stack), self->canvas);
  self->table_scroller = gtk_scrolled_window_new ();
  gtk_stack_add_child (GTK_STACK (self->stack), self->table_scroller);
  gtk_box_append (GTK_BOX (self->box), self->stack);
}

GtkWidget *
usga_chart_view_new (int height)
{
  UsgaChartView *self = g_object_new (USGA_TYPE_CHART_VIEW, NULL);

  gtk_widget_set_size_request (self->stack, -1, height);
  return GTK_WIDGET (self);
}

/* ---- building off the main thread ---- */

typedef struct {
  UsgaChartSubject subject;
  UsgaChartOptions options;
} BuildRequest;

static gpointer
build_chart (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  BuildRequest *r = data;

  return usga_chart_build (db, filter, r->subject, &r->options, error);
}

void
usga_chart_build_async (UsgaStore *store, UsgaFilter *filter, UsgaChartSubject subject,
                        const UsgaChartOptions *options, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  BuildRequest *r = g_new0 (BuildRequest, 1);

  r->subject = subject;
  r->options = *options;
  usga_store_query_async (store, filter, build_chart, r, g_free, (GDestroyNotify) usga_chart_model_free,
                          cancellable, callback, user_data);
}

UsgaChartModel *
usga_chart_build_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
