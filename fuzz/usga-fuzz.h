/* usga-fuzz.h — what the fuzz targets share.
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true it is linked with
 * libFuzzer; otherwise usga-fuzz-main.c gives it a main() that feeds it the files it is
 * given, so the saved crashing inputs run as ordinary tests in every build.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
/* Optional; called once before the first input. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* Writes @data to this process's scratch file (the parsers under test read paths) and
 * returns its path, which stays the same for every input. Aborts when it cannot. */
const char *usga_fuzz_scratch_file (const char *suffix, const uint8_t *data, size_t size);

/* Quiet GLib's log handler: the parsers' warnings about bad input are expected. Criticals
 * still abort (a critical is a bug in our code, not in the input). */
void usga_fuzz_quiet_logs (void);

/* With USGA_FUZZ_VERBOSE set, prints what the target made of the input: for checking that
 * seeds get past the first checks. */
void usga_fuzz_outcome (const char *what, const GError *error);

G_END_DECLS
