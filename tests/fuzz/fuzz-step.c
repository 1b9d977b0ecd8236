/* fuzz-step.c — libFuzzer target for the STEP reader (pw-step)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "pw-step.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStepFile) file = pw_step_file_new_from_bytes (bytes, &error);

  /* a reader either returns a file or says why, never both, never neither */
  g_assert ((file == NULL) != (error == NULL));
  if (file == NULL)
    return 0;
  for (guint i = 0; i < pw_step_file_get_n_entities (file); i++)
    {
      g_autoptr(GError) local = NULL;
      const PwStepValue *args = pw_step_file_get_args (file, i, &local);
      double number;

      g_assert ((args == NULL) != (local == NULL));
      g_assert_cmpuint (pw_step_file_lookup (file, pw_step_file_get_id (file, i)), <=, i);
      (void) pw_step_file_get_type_name (file, i);
      for (guint k = 0; args && k < args->n; k++)
        {
          const PwStepValue *v = pw_step_value_get_item (args, k);

          (void) pw_step_value_get_number (v, &number);
          if (pw_step_value_get_string (v))
            g_assert (g_utf8_validate (pw_step_value_get_string (v), -1, NULL));
        }
    }
  return 0;
}
