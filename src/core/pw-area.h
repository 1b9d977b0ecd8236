/* pw-area.h — recorded areas: apportionment, exact ratios, parsing and display
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recorded areas are gint64 hundredths of a square metre ("centi-m²"); nothing here
 * uses floating point, so the same inputs give the same figures on every machine. */
#pragma once

#include <glib.h>

#include "pw-error.h"

G_BEGIN_DECLS

/* Largest area pw_area_parse() accepts: 10^12 m², in centi-m². */
#define PW_AREA_MAX_CENTI G_GINT64_CONSTANT (100000000000000)

gboolean  pw_apportion              (gint64        pool,
                                     const gint64 *internal,
                                     guint         n,
                                     gint64       *shares,
                                     GError      **error);

char     *pw_ratio_format           (gint64        num,
                                     gint64        den,
                                     guint         decimals);
gint64    pw_ratio_scaled           (gint64        num,
                                     gint64        den,
                                     guint         decimals);

char     *pw_area_format            (gint64        centi_m2,
                                     gboolean      square_feet);
char     *pw_area_format_with_unit  (gint64        centi_m2,
                                     gboolean      square_feet);
gint64    pw_area_centi_m2_to_centi_ft2 (gint64    centi_m2);

gboolean  pw_area_parse             (const char   *text,
                                     gint64       *centi_m2,
                                     GError      **error);

G_END_DECLS
