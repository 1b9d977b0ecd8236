/* fuzz-utility.c — libFuzzer target for the utility file reader and the charge engine
 * (docs/utility-format.md, docs/utility-rules.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "pw-utility.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwUtilityInput) in = pw_utility_input_load_data ((const char *) data, size,
                                                             "fuzz.json", &error);
  g_autoptr(PwUtilityResult) res = NULL;
  gint64 gross = 0;

  /* a file is either read or refused with a message, never both */
  g_assert ((in == NULL) != (error == NULL));
  if (in == NULL)
    {
      g_assert (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  res = pw_utility_compute (in, &error);
  g_assert ((res == NULL) != (error == NULL));
  if (res == NULL)
    return 0;
  for (guint i = 0; i < res->usages->len; i++)
    {
      PwUtilityUsage *u = res->usages->pdata[i];

      g_assert (!u->known || pw_decimal_sign (u->quantity) >= 0);
    }
  for (guint i = 0; i < res->charges->len; i++)
    {
      PwUtilityCharge *c = res->charges->pdata[i];

      g_assert (c->gross == c->net + c->tax);
      g_assert (c->explanation != NULL);
      if (!c->held)
        gross += c->gross;
    }
  g_assert (gross == res->gross);
  return 0;
}
