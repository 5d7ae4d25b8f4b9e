/* usga-briefing-window.c — the briefing on a projector: large type, one slide at a time,
 * arrow keys and space to move on; the data is gathered on a worker thread.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-briefing.h"
#include "usga-briefing-window.h"
#include "usga-method-button.h"

struct _UsgaBriefingWindow {
  AdwWindow     parent_instance;

  GtkWidget    *stack;
  GtkWidget    *status_page;
  GtkWidget    *slide_area;
  GtkWidget    *position_label;
  GtkWidget    *controls;
  GtkWidget    *method_button;

  UsgaBriefing *briefing;
  guint         slide;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (UsgaBriefingWindow, usga_briefing_window, ADW_TYPE_WINDOW)

guint
usga_briefing_window_get_slide (UsgaBriefingWindow *self)
{
  return self->slide;
}

gboolean
usga_briefing_window_is_ready (UsgaBriefingWindow *self)
{
  return self->briefing != NULL;
}

static void
update_position (UsgaBriefingWindow *self)
{
  g_autofree char *position = g_strdup_printf ("%u / %d", self->slide + 1, USGA_N_SLIDES);
  g_autofree char *label = g_strdup_printf (_("Slide %u of %d: %s"), self->slide + 1, USGA_N_SLIDES,
                                            usga_briefing_slide_title (self->slide));

  gtk_label_set_text (GTK_LABEL (self->position_label), position);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slide_area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.previous", self->slide > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.next", self->slide + 1 < USGA_N_SLIDES);
  if (self->briefing)
    usga_method_button_set_text (self->method_button, usga_briefing_slide_method (self->briefing, self->slide));
  gtk_widget_queue_draw (self->slide_area);
}

static void
move_to (UsgaBriefingWindow *self, int slide)
{
  self->slide = CLAMP (slide, 0, USGA_N_SLIDES - 1);
  update_position (self);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  UsgaBriefingWindow *self = USGA_BRIEFING_WINDOW (widget);
  move_to (self, self->slide + 1);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  UsgaBriefingWindow *self = USGA_BRIEFING_WINDOW (widget);
  move_to (self, (int) self->slide - 1);
}

static void
first_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_to (USGA_BRIEFING_WINDOW (widget), 0);
}

static void
last_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_to (USGA_BRIEFING_WINDOW (widget), USGA_N_SLIDES - 1);
}

static void
method_action (GtkWidget *widget, const char *name, GVariant *param)
{
  UsgaBriefingWindow *self = USGA_BRIEFING_WINDOW (widget);

  if (self->briefing && gtk_widget_get_visible (self->method_button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->method_button));
}

const char *
usga_briefing_window_get_method (UsgaBriefingWindow *self)
{
  return usga_method_button_get_text (self->method_button);
}

static void
draw_slide (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  UsgaBriefingWindow *self = user_data;

  if (self->briefing)
    usga_briefing_draw_slide (self->briefing, self->slide, cr, width, height,
                              adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

typedef struct {
  char *server;          /* the shared tracker's, or NULL for this computer's own */
  char *tracker_path;    /* its local copy, NULL until fetched */
  char *fetched_at;
} Gather;

static void
gather_free (gpointer data)
{
  Gather *g = data;

  g_free (g->server);
  g_free (g->tracker_path);
  g_free (g->fetched_at);
  g_free (g);
}

static gpointer
gather (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  Gather *g = data;
  g_autoptr(UsgaDb) tracker = NULL;

  if (g->tracker_path && (tracker = usga_db_open (g->tracker_path, USGA_DB_OPEN_READONLY, error)) == NULL)
    return NULL;
  return usga_briefing_new_with_tracker (db, tracker, g->server, g->fetched_at, filter, error);
}

void
usga_briefing_gather_async (UsgaStore *store, UsgaSharedLink *link, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  Gather *g = g_new0 (Gather, 1);

  if (link)
    {
      g->server = g_strdup (usga_shared_link_get_server (link));
      g->tracker_path = g_strdup (usga_shared_link_get_cache_path (link));
      g->fetched_at = g_strdup (usga_shared_link_get_fetched_at (link));
    }
  usga_store_query_async (store, usga_store_get_filter (store), gather, g, gather_free,
                          (GDestroyNotify) usga_briefing_free, cancellable, callback, user_data);
}

UsgaBriefing *
usga_briefing_gather_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gathered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaBriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  UsgaBriefing *briefing = usga_briefing_gather_finish (result, &error);

  if (briefing == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("The Briefing Could Not Be Prepared"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), error->message);
      adw_status_page_set_child (ADW_STATUS_PAGE (self->status_page), NULL);
      return;
    }
  self->briefing = briefing;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "slides");
  gtk_widget_set_visible (self->controls, TRUE);
  move_to (self, 0);
  gtk_widget_grab_focus (self->slide_area);
}

static void
usga_briefing_window_dispose (GObject *object)
{
  UsgaBriefingWindow *self = USGA_BRIEFING_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->briefing, usga_briefing_free);
  G_OBJECT_CLASS (usga_briefing_window_parent_class)->dispose (object);
}

static void
usga_briefing_window_class_init (UsgaBriefingWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_briefing_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-briefing-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaBriefingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UsgaBriefingWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, UsgaBriefingWindow, slide_area);
  gtk_widget_class_bind_template_child (widget_class, UsgaBriefingWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaBriefingWindow, controls);

  gtk_widget_class_install_action (widget_class, "briefing.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "briefing.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "briefing.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "briefing.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "briefing.method", NULL, method_action);

  /* Presenter remotes send Page Up/Down; keyboards use arrows and space. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "briefing.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "briefing.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "briefing.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "briefing.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "briefing.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "briefing.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "briefing.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "briefing.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "briefing.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "briefing.method", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "window.close", NULL);
}

static void
usga_briefing_window_init (UsgaBriefingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->slide_area), draw_slide, self, NULL);
  gtk_widget_set_visible (self->controls, FALSE);
  /* Each slide's method, as its printed page's footnote says it; first in the controls. */
  self->method_button = usga_method_button_new (NULL);
  gtk_widget_set_tooltip_text (self->method_button, _("How this slide’s figures were made (M)"));
  gtk_box_prepend (GTK_BOX (self->controls), self->method_button);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->slide_area, G_CONNECT_SWAPPED);
}

GtkWidget *
usga_briefing_window_new (GtkWindow *parent, UsgaStore *store, UsgaSharedLink *link)
{
  UsgaBriefingWindow *self = g_object_new (USGA_TYPE_BRIEFING_WINDOW,
                                           "transient-for", parent,
                                           "application", parent ? gtk_window_get_application (parent) : NULL,
                                           NULL);
  self->cancellable = g_cancellable_new ();
  usga_briefing_gather_async (store, link, self->cancellable, gathered, g_object_ref (self));
  return GTK_WIDGET (self);
}
