/* usga-method-button.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-method-button.h"

GtkWidget *
usga_method_button_new (const char *method)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "method-button");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, _("How this figure is made"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How this figure is made"), -1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (button), "usga-method-label", label);
  usga_method_button_set_text (button, method);
  return button;
}

void
usga_method_button_set_text (GtkWidget *button, const char *method)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "usga-method-label");

  g_return_if_fail (label != NULL);
  gtk_label_set_text (GTK_LABEL (label), method ? method : "");
  gtk_widget_set_visible (button, method != NULL && *method != '\0');
}

const char *
usga_method_button_get_text (GtkWidget *button)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "usga-method-label");

  return label ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}
