/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_APPLICATION (usga_application_get_type ())
G_DECLARE_FINAL_TYPE (UsgaApplication, usga_application, USGA, APPLICATION, AdwApplication)

UsgaApplication *usga_application_new        (void);
UsgaStore       *usga_application_get_store  (UsgaApplication *self);
GSettings       *usga_application_get_settings (UsgaApplication *self);
/* Reads the "language" setting and sets LANGUAGE before gettext starts. */
void             usga_application_apply_language_setting (void);

G_END_DECLS
