/* pw-schedule-words.c — how schedule lines are named and worded: line ids,
 * dates, the tax phrase and the explanation templates
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Line ids are name-based (version 5 style) UUIDs of (contract, charge, kind,
 * period start), hashed with a SHA-1 of our own that does not allocate, so
 * computing a schedule again, anywhere, gives the same ids. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-schedule-private.h"

/* Appends @fmt to @out with each conversion (%s, %d, %u, or positional %2$s)
 * replaced by the next (or the numbered) of @args, which are already text,
 * and %% by a percent sign: the translated formats without printf's cost. */
void
pw_schedule_append_format (GString *out, const char *fmt, const char *const *args, guint n_args)
{
  guint next = 0;
  const char *p = fmt, *pct;

  while ((pct = strchr (p, '%')) != NULL)
    {
      guint index;
      const char *q = pct + 1;

      g_string_append_len (out, p, pct - p);
      if (*q == '%')
        {
          g_string_append_c (out, '%');
          p = q + 1;
          continue;
        }
      q = pw_schedule_format_directive (q, &next, &index);
      if (index < n_args && args[index] != NULL)
        g_string_append (out, args[index]);
      p = q;
    }
  g_string_append (out, p);
}

/* ---- SHA-1 for the name-based line ids (RFC 3174), without allocating --------------- */

typedef struct
{
  guint32 h[5];
  guint8  block[64];
  gsize   used;
  guint64 length;
} Sha1;

static inline guint32
rol32 (guint32 x, int n)
{
  return (x << n) | (x >> (32 - n));
}

static void
sha1_block (Sha1 *s, const guint8 *p)
{
  guint32 w[16], a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];

  for (int i = 0; i < 16; i++)
    w[i] = (guint32) p[4 * i] << 24 | (guint32) p[4 * i + 1] << 16 | (guint32) p[4 * i + 2] << 8
           | p[4 * i + 3];
  /* the message schedule kept in 16 words, rounds unrolled five at a time so
   * that a–e stay in registers */
#define W(i) ((i) < 16 ? w[(i) & 15] \
                     : (w[(i) & 15] = rol32 (w[((i) + 13) & 15] ^ w[((i) + 8) & 15] \
                                             ^ w[((i) + 2) & 15] ^ w[(i) & 15], 1)))
#define R(v, x, y, z, u, i, f, k) \
  u += rol32 (v, 5) + (f) + (k) + W (i); \
  x = rol32 (x, 30);
#define F1(x, y, z) (z ^ (x & (y ^ z)))
#define F2(x, y, z) (x ^ y ^ z)
#define F3(x, y, z) ((x & y) | (z & (x | y)))
#define FIVE(i, F, k) \
  R (a, b, c, d, e, i, F (b, c, d), k) \
  R (e, a, b, c, d, i + 1, F (a, b, c), k) \
  R (d, e, a, b, c, i + 2, F (e, a, b), k) \
  R (c, d, e, a, b, i + 3, F (d, e, a), k) \
  R (b, c, d, e, a, i + 4, F (c, d, e), k)
  FIVE (0, F1, 0x5a827999) FIVE (5, F1, 0x5a827999)
  FIVE (10, F1, 0x5a827999) FIVE (15, F1, 0x5a827999)
  FIVE (20, F2, 0x6ed9eba1) FIVE (25, F2, 0x6ed9eba1)
  FIVE (30, F2, 0x6ed9eba1) FIVE (35, F2, 0x6ed9eba1)
  FIVE (40, F3, 0x8f1bbcdc) FIVE (45, F3, 0x8f1bbcdc)
  FIVE (50, F3, 0x8f1bbcdc) FIVE (55, F3, 0x8f1bbcdc)
  FIVE (60, F2, 0xca62c1d6) FIVE (65, F2, 0xca62c1d6)
  FIVE (70, F2, 0xca62c1d6) FIVE (75, F2, 0xca62c1d6)
#undef FIVE
#undef F3
#undef F2
#undef F1
#undef R
#undef W
  s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void
sha1_init (Sha1 *s)
{
  static const guint32 h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };

  memcpy (s->h, h, sizeof h);
  s->used = 0;
  s->length = 0;
}

static void
sha1_update (Sha1 *s, const void *data, gsize n)
{
  const guint8 *p = data;

  s->length += n;
  while (n > 0)
    {
      gsize take = MIN (n, 64 - s->used);

      memcpy (s->block + s->used, p, take);
      s->used += take;
      p += take;
      n -= take;
      if (s->used == 64)
        {
          sha1_block (s, s->block);
          s->used = 0;
        }
    }
}

static void
sha1_finish (Sha1 *s, guint8 digest[20])
{
  guint64 bits = s->length * 8;

  s->block[s->used++] = 0x80;
  if (s->used > 56)
    {
      memset (s->block + s->used, 0, 64 - s->used);
      sha1_block (s, s->block);
      s->used = 0;
    }
  memset (s->block + s->used, 0, 56 - s->used);
  for (int i = 0; i < 8; i++)
    s->block[56 + i] = (guint8) (bits >> (56 - 8 * i));
  sha1_block (s, s->block);
  for (int i = 0; i < 5; i++)
    {
      digest[4 * i] = (guint8) (s->h[i] >> 24);
      digest[4 * i + 1] = (guint8) (s->h[i] >> 16);
      digest[4 * i + 2] = (guint8) (s->h[i] >> 8);
      digest[4 * i + 3] = (guint8) s->h[i];
    }
}

const char *
pw_line_kind_to_string (PwLineKind kind)
{
  static const char *const names[] = { "charge", "credit", "deposit", "penalty" };

  g_return_val_if_fail (kind <= PW_LINE_PENALTY, NULL);
  return names[kind];
}

/* the line id into @out (37 bytes with the NUL) */
void
pw_schedule_line_id_into (const char *contract_id, const char *charge, PwLineKind kind,
                          const GDate *start, char out[37], guint8 bytes[16])
{
  /* the namespace of Parkwise bill lines */
  static const guint8 ns[16] = { 0x3b, 0x6c, 0x1f, 0x52, 0x9e, 0x0d, 0x4a, 0x71,
                                 0x8c, 0x2e, 0x5d, 0x90, 0x47, 0xa3, 0xb8, 0x16 };
  static const char hex[] = "0123456789abcdef";
  const char *kind_name = pw_line_kind_to_string (kind);
  char date[11];
  guint8 digest[20];
  Sha1 sha;
  int j = 0;

  /* the name is "contract␟charge␟kind␟YYYY-MM-DD" */
  pw_date_format_iso (start, date);
  sha1_init (&sha);
  sha1_update (&sha, ns, sizeof ns);
  sha1_update (&sha, contract_id, strlen (contract_id));
  sha1_update (&sha, "\x1f", 1);
  sha1_update (&sha, charge, strlen (charge));
  sha1_update (&sha, "\x1f", 1);
  sha1_update (&sha, kind_name, strlen (kind_name));
  sha1_update (&sha, "\x1f", 1);
  sha1_update (&sha, date, 10);
  sha1_finish (&sha, digest);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  if (bytes != NULL)
    memcpy (bytes, digest, 16);
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[digest[i] >> 4];
      out[j++] = hex[digest[i] & 0xf];
    }
  out[j] = '\0';
}

char *
pw_schedule_line_id (const char *contract_id, const char *charge, PwLineKind kind,
                     const GDate *start)
{
  char id[37];

  pw_schedule_line_id_into (contract_id, charge, kind, start, id, NULL);
  return g_strdup (id);
}

/* The tax phrase of @form (PW_EXPLAIN_TAX_*) at @rate percent */
char *
pw_schedule_tax_phrase (guint form, const char *rate)
{
  switch (form & PW_EXPLAIN_TAX_MASK)
    {
    case PW_EXPLAIN_TAX_INCLUDED:
      /* Translators: a tax rate in percent, as in “9% tax included” */
      return g_strdup_printf (_("%s%% tax included"), rate ? rate : "");
    case PW_EXPLAIN_TAX_ADDED:
      return g_strdup_printf (_("%s%% tax added"), rate ? rate : "");
    default:
      return g_strdup (_("no tax"));
    }
}

/* The note PW_EXPLAIN_NOTE_* of @form puts after the tax phrase, or NULL */
const char *
pw_schedule_note_text (guint form)
{
  switch (form & PW_EXPLAIN_NOTE_MASK)
    {
    case PW_EXPLAIN_NOTE_ESCALATED:
      return _(", escalated price");
    case PW_EXPLAIN_NOTE_ENDED:
      return _(", ended by the termination");
    default:
      return NULL;
    }
}

/* The template of a deposit line's explanation (PW_EXPLAIN_DEPOSIT or _TOP_UP) */
const char *
pw_schedule_deposit_format (guint form)
{
  if ((form & PW_EXPLAIN_TEMPLATE_MASK) == PW_EXPLAIN_DEPOSIT_TOP_UP)
    /* Translators: a deposit top-up when the rent escalates */
    return _("deposit top-up %s–%s: %s, rounded by the contract; a receipt, no tax");
  /* Translators: the deposit is a liability: a receipt, no VAT invoice */
  return _("deposit %s–%s: %s, rounded by the contract; a receipt, no tax");
}

char *
pw_schedule_explain (const char *charge, const GDate *start, const GDate *end, const char *basis,
                     guint form, const char *arg)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char a[11], b[11];

  g_return_val_if_fail (start != NULL && end != NULL, NULL);
  if (form == PW_EXPLAIN_TEXT)
    return g_strdup (arg ? arg : "");
  pw_date_format_iso (start, a);
  pw_date_format_iso (end, b);
  switch (form & PW_EXPLAIN_TEMPLATE_MASK)
    {
    case PW_EXPLAIN_DEPOSIT:
    case PW_EXPLAIN_DEPOSIT_TOP_UP:
      {
        const char *args[3] = { a, b, basis ? basis : "" };

        pw_schedule_append_format (out, pw_schedule_deposit_format (form), args, 3);
        break;
      }
    case PW_EXPLAIN_RENEWAL_TOP_UP:
    case PW_EXPLAIN_RENEWAL_REFUND:
      {
        g_auto(GStrv) amounts = g_strsplit (arg ? arg : "", "\t", 2);
        const char *full = amounts[0] ? amounts[0] : "";
        const char *held = amounts[0] && amounts[1] ? amounts[1] : "";

        if ((form & PW_EXPLAIN_TEMPLATE_MASK) == PW_EXPLAIN_RENEWAL_TOP_UP)
          /* Translators: dates of the term, the new deposit, the deposit carried over */
          g_string_printf (out, _("deposit top-up %s–%s: the new deposit %s less the %s "
                                  "carried over from the contract renewed; a receipt, no tax"),
                           a, b, full, held);
        else
          /* Translators: dates of the term, the deposit carried over, the new deposit */
          g_string_printf (out, _("deposit refund %s–%s: the %s carried over from the "
                                  "contract renewed is more than the new deposit %s"),
                           a, b, held, full);
        break;
      }
    default:
      {
        g_autofree char *phrase = pw_schedule_tax_phrase (form, arg);
        const char *extra = pw_schedule_note_text (form);
        const char *args[6] = { charge ? charge : "", a, b, basis ? basis : "", phrase,
                                extra ? extra : "" };

        pw_schedule_append_format (out, _("%s %s–%s: %s, %s%s"), args, 6);
        break;
      }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

