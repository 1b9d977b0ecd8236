/* fuzz-push.c — libFuzzer target for the sync push decoder (the guarded JSON reader
 * and the codec that reads untrusted request bodies)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <string.h>

#include "pw-sync.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) push = pw_sync_push_decode ((const char *) data, size, &error);

  /* a body is either a push or a refusal with a code and a message, never both */
  g_assert ((push == NULL) != (error == NULL));
  if (push != NULL)
    {
      /* what was accepted encodes, and reads back as the same push */
      g_autofree char *again = pw_sync_push_encode (push);
      g_autoptr(GError) error2 = NULL;
      g_autoptr(PwSyncPush) back = pw_sync_push_decode (again, strlen (again), &error2);

      g_assert_no_error (error2);
      g_assert (back->mutations->len == push->mutations->len);
      for (guint i = 0; i < push->mutations->len; i++)
        {
          PwSyncMutation *a = push->mutations->pdata[i], *b = back->mutations->pdata[i];

          g_assert (a->mid == b->mid && a->op == b->op && a->base_version == b->base_version);
          g_assert (strcmp (a->entity, b->entity) == 0 && strcmp (a->id, b->id) == 0);
          g_assert (json_object_get_size (a->fields) == json_object_get_size (b->fields));
        }
    }
  else
    {
      g_assert (error->domain == PW_SYNC_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
    }
  return 0;
}
