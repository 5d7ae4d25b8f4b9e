/* usga-shared-banner.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-shared-banner.h"

struct _UsgaSharedBanner {
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *label;
  GtkWidget      *send_button;
  GtkWidget      *reapply_button;
  GtkWidget      *discard_button;
  UsgaSharedLink *link;
};

G_DEFINE_FINAL_TYPE (UsgaSharedBanner, usga_shared_banner, GTK_TYPE_WIDGET)

static void
update (UsgaSharedBanner *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint queued = self->link ? usga_shared_link_get_n_queued (self->link) : 0;
  guint refused = self->link ? usga_shared_link_get_n_refused (self->link) : 0;
  gboolean online = self->link && usga_shared_link_get_online (self->link);

  if (self->link && !online)
    {
      const char *fetched = usga_shared_link_get_fetched_at (self->link);
      const char *problem = usga_shared_link_get_problem (self->link);

      if (fetched)
        {
          g_autofree char *when = usga_page_local_time (fetched);
          g_string_append_printf (text, _("The shared tracker %s cannot be reached. Showing the state fetched %s, "
                                          "which may be out of date; edits are queued on this computer."),
                                  usga_shared_link_get_server (self->link), when);
        }
      else
        g_string_append_printf (text, _("The shared tracker %s cannot be reached, and nothing has been fetched from it yet; "
                                        "edits are queued on this computer."),
                                usga_shared_link_get_server (self->link));
      if (problem)
        g_string_append_printf (text, "\n%s", problem);
    }
  if (queued > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("%u edit is waiting to be sent.",
                                                         "%u edits are waiting to be sent.", queued), queued);
      g_string_append_printf (text, "%s%s", text->len ? " " : "", line);
    }
  if (refused > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("%u queued edit was refused because the recommendation changed meanwhile.",
                                                         "%u queued edits were refused because the recommendations changed meanwhile.",
                                                         refused), refused);
      g_string_append_printf (text, "%s%s", text->len ? " " : "", line);
    }
  gtk_label_set_text (GTK_LABEL (self->label), text->str);
  gtk_widget_set_visible (self->send_button, online && queued > 0);
  gtk_widget_set_visible (self->reapply_button, online && refused > 0);
  gtk_widget_set_visible (self->discard_button, queued + refused > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), text->len > 0);
}

static void
on_send_clicked (UsgaSharedBanner *self)
{
  if (self->link)
    usga_shared_link_send_queue (self->link);
}

static void
on_reapply_clicked (UsgaSharedBanner *self)
{
  if (self->link)
    usga_shared_link_reapply_refused (self->link);
}

static void
on_discard_clicked (UsgaSharedBanner *self)
{
  if (self->link)
    usga_shared_link_discard_queue (self->link);
}

void
usga_shared_banner_set_link (UsgaSharedBanner *self, UsgaSharedLink *link)
{
  g_return_if_fail (USGA_IS_SHARED_BANNER (self));
  if (self->link)
    g_signal_handlers_disconnect_by_data (self->link, self);
  g_set_object (&self->link, link);
  if (link)
    {
      g_signal_connect_object (link, "notify::online", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (link, "notify::n-queued", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (link, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

const char *
usga_shared_banner_get_text (UsgaSharedBanner *self)
{
  g_return_val_if_fail (USGA_IS_SHARED_BANNER (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}

GtkWidget *
usga_shared_banner_new (void)
{
  return g_object_new (USGA_TYPE_SHARED_BANNER, NULL);
}

static void
usga_shared_banner_dispose (GObject *object)
{
  UsgaSharedBanner *self = USGA_SHARED_BANNER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->link);
  G_OBJECT_CLASS (usga_shared_banner_parent_class)->dispose (object);
}

static void
usga_shared_banner_class_init (UsgaSharedBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_shared_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-shared-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaSharedBanner, box);
  gtk_widget_class_bind_template_child (widget_class, UsgaSharedBanner, label);
  gtk_widget_class_bind_template_child (widget_class, UsgaSharedBanner, send_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaSharedBanner, reapply_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaSharedBanner, discard_button);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reapply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
}

static void
usga_shared_banner_init (UsgaSharedBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
