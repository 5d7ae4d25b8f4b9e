/* usga-ckan-page.h — one page of a CKAN DataStore answer, read in a single pass.
 *
 * A page holds up to 32 000 records; building a json-glib tree of it and walking that tree
 * took most of a sync's time. This reader checks the whole text is valid JSON, keeps only what
 * a sync uses (success, result.records, result.fields, result.total, result._links.next) and
 * stores every record value as the text a CSV file would hold.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _UsgaCkanPage UsgaCkanPage;

/* NULL with @error (G_IO_ERROR_INVALID_DATA, naming the byte) when @data is not valid JSON. */
UsgaCkanPage *usga_ckan_page_parse       (const char *data, gsize size, GError **error);
void          usga_ckan_page_free        (UsgaCkanPage *page);

/* TRUE when the answer is {"success": true, "result": {"records": [...], ...}}; anything else
 * (an error answer, another shape) is for the caller to look at more closely. */
gboolean      usga_ckan_page_is_records  (UsgaCkanPage *page);
guint         usga_ckan_page_n_records   (UsgaCkanPage *page);
gboolean      usga_ckan_page_get_total   (UsgaCkanPage *page, gint64 *total);
const char   *usga_ckan_page_next_link   (UsgaCkanPage *page);

/* Record @i's values for the columns @names (NULL entries are skipped and left NULL): a string
 * as is, a number as written, true/false, and "" for null, absent or nested values. Records
 * that are lists are read through result.fields. FALSE when the record is neither an object
 * nor a list. @names must stay the same for every call on one page. */
gboolean      usga_ckan_page_record      (UsgaCkanPage *page, guint i, const char *const *names,
                                          guint n_names, const char **values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCkanPage, usga_ckan_page_free)

G_END_DECLS
