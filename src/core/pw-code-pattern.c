/* pw-code-pattern.c — a park's unified-code pattern ("{building}-{floor}-{seq:3}")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pattern is a list of tokens. Invariants:
 *  1. Exactly one token is the sequence number; every other token expands to a fixed
 *     string once the building, floor and level are known.
 *  2. So a code matches when it is prefix + digits + suffix, with the prefix and suffix
 *     fixed: matching never has to guess where one token ends, and pw_code_pattern_format()
 *     output always matches (when the number fits the width).
 *  3. Positions in error messages count characters from 1, as a user would.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-code-pattern.h"
#include "pw-text.h"

/* A pattern longer than this is a paste accident, not a code scheme. */
#define MAX_PATTERN_CHARS 256

typedef enum {
  TOKEN_LITERAL,
  TOKEN_BUILDING,
  TOKEN_FLOOR,
  TOKEN_LEVEL,
  TOKEN_SEQ,
  TOKEN_PARK,
  TOKEN_YEAR,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *literal; /* TOKEN_LITERAL only, braces already unescaped */
  guint      width;   /* TOKEN_LEVEL and TOKEN_SEQ; 0 means "as many digits as needed" */
} Token;

struct _PwCodePattern
{
  char   *text;
  GArray *tokens; /* of Token */
  guint   seq_index;
};

static void
clear_token (gpointer data)
{
  Token *token = data;

  g_clear_pointer (&token->literal, g_free);
}

static void
flush_literal (GArray  *tokens,
               GString *literal)
{
  Token token = { TOKEN_LITERAL, NULL, 0 };

  if (literal->len == 0)
    return;
  token.literal = g_strndup (literal->str, literal->len);
  g_array_append_val (tokens, token);
  g_string_truncate (literal, 0);
}

/* Parses the inside of "{...}" found at character @position into @token. */
static gboolean
parse_token (const char *name,
             guint       position,
             Token      *token,
             GError    **error)
{
  g_autofree char *word = NULL;
  const char *colon = strchr (name, ':');
  const char *width_text = NULL;

  word = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
  if (colon != NULL)
    width_text = colon + 1;

  if (g_str_equal (word, "building"))
    token->kind = TOKEN_BUILDING;
  else if (g_str_equal (word, "floor"))
    token->kind = TOKEN_FLOOR;
  else if (g_str_equal (word, "level"))
    token->kind = TOKEN_LEVEL;
  else if (g_str_equal (word, "seq"))
    token->kind = TOKEN_SEQ;
  else if (g_str_equal (word, "park"))
    token->kind = TOKEN_PARK;
  else if (g_str_equal (word, "year"))
    token->kind = TOKEN_YEAR;
  else
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The code pattern has an unknown token “{%s}” at position %u; "
                     "use {park}, {building}, {floor}, {level:N}, {year}, {seq} or {seq:N}"),
                   name, position);
      return FALSE;
    }

  token->literal = NULL;
  token->width = 0;
  if (width_text == NULL)
    return TRUE;

  if (token->kind == TOKEN_BUILDING || token->kind == TOKEN_FLOOR || token->kind == TOKEN_PARK
      || token->kind == TOKEN_YEAR)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The token “{%s}” at position %u takes no width"), name, position);
      return FALSE;
    }

  /* One digit, 1 to 9: wider sequence numbers would not fit a guint anyway. */
  if (strlen (width_text) != 1 || width_text[0] < '1' || width_text[0] > '9')
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The width in “{%s}” at position %u must be a number from 1 to 9"),
                   name, position);
      return FALSE;
    }
  token->width = (guint) (width_text[0] - '0');
  return TRUE;
}

/**
 * pw_code_pattern_new:
 *
 * Parses a pattern such as "{building}-{floor}-{seq:3}". Returns %NULL with
 * %PW_LEDGER_ERROR_BAD_PATTERN, naming the position of the problem, when the pattern
 * cannot be understood.
 */
PwCodePattern *
pw_code_pattern_new (const char *pattern,
                     GError    **error)
{
  g_autoptr(PwCodePattern) self = NULL;
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p;
  guint position = 1;
  gboolean have_seq = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pattern == NULL || !g_utf8_validate (pattern, -1, NULL))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The code pattern is not valid text"));
      return NULL;
    }
  if (g_utf8_strlen (pattern, -1) > MAX_PATTERN_CHARS)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The code pattern is longer than %u characters"), MAX_PATTERN_CHARS);
      return NULL;
    }

  self = g_new0 (PwCodePattern, 1);
  self->text = g_strdup (pattern);
  self->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (self->tokens, clear_token);

  p = pattern;
  while (*p != '\0')
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (literal, '{');
          p += 2;
          position += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (literal, '}');
          p += 2;
          position += 2;
        }
      else if (p[0] == '}')
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                       _("The code pattern has a “}” at position %u that closes nothing; "
                         "write “}}” for a literal brace"), position);
          return NULL;
        }
      else if (p[0] == '{')
        {
          const char *close = strchr (p, '}');
          g_autofree char *name = NULL;
          Token token = { TOKEN_LITERAL, NULL, 0 };

          if (close == NULL)
            {
              g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                           _("The code pattern has a “{” at position %u that is never "
                             "closed; write “{{” for a literal brace"), position);
              return NULL;
            }

          name = g_strndup (p + 1, close - p - 1);
          if (!parse_token (name, position, &token, error))
            return NULL;

          if (token.kind == TOKEN_SEQ)
            {
              if (have_seq)
                {
                  g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                               _("The code pattern has a second sequence number at "
                                 "position %u; it must have exactly one"), position);
                  return NULL;
                }
              have_seq = TRUE;
            }

          flush_literal (self->tokens, literal);
          if (token.kind == TOKEN_SEQ)
            self->seq_index = self->tokens->len;
          g_array_append_val (self->tokens, token);

          position += (guint) g_utf8_strlen (p, close - p + 1);
          p = close + 1;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (literal, p, next - p);
          p = next;
          position++;
        }
    }
  flush_literal (self->tokens, literal);

  if (!have_seq)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN,
                   _("The code pattern needs a sequence number: {seq} or {seq:N}"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
pw_code_pattern_free (PwCodePattern *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tokens, g_array_unref);
  g_free (self->text);
  g_free (self);
}

const char *
pw_code_pattern_get_text (PwCodePattern *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

static void
append_level (GString *out,
              int      level,
              guint    width)
{
  /* Widen before negating so that G_MININT cannot overflow. */
  gint64 magnitude = level < 0 ? -(gint64) level : (gint64) level;

  /* Basement levels read "B1", "B02": how parks label them on signs and plans. */
  if (level < 0)
    g_string_append_c (out, 'B');
  g_string_append_printf (out, "%0*" G_GINT64_FORMAT, (int) width, magnitude);
}

/* The fixed text of tokens [from, to) for this building, floor and level. */
static char *
expand_tokens (PwCodePattern       *self,
               const PwCodeContext *ctx,
               guint                from,
               guint                to)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      const Token *token = &g_array_index (self->tokens, Token, i);

      switch (token->kind)
        {
        case TOKEN_LITERAL:
          g_string_append (out, token->literal);
          break;
        case TOKEN_BUILDING:
          g_string_append (out, ctx->building != NULL ? ctx->building : "");
          break;
        case TOKEN_FLOOR:
          g_string_append (out, ctx->floor != NULL ? ctx->floor : "");
          break;
        case TOKEN_LEVEL:
          append_level (out, ctx->level, token->width);
          break;
        case TOKEN_PARK:
          g_string_append (out, ctx->park != NULL ? ctx->park : "");
          break;
        case TOKEN_YEAR:
          g_string_append_printf (out, "%04d", ctx->year);
          break;
        case TOKEN_SEQ:
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * pw_code_pattern_describe:
 *
 * Returns the form a code must take in this building and floor, with each sequence
 * digit shown as "N" ("B2-F03-NNN"; "B2-F03-N…" when the number has no fixed width).
 */
char *
pw_code_pattern_describe (PwCodePattern       *self,
                          const PwCodeContext *ctx)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  /* Translators: stands for one digit of a sequence number in a code form like B2-F03-NNN */
  const char *digit = C_("code pattern", "N");
  const Token *seq;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  seq = &g_array_index (self->tokens, Token, self->seq_index);
  prefix = expand_tokens (self, ctx, 0, self->seq_index);
  suffix = expand_tokens (self, ctx, self->seq_index + 1, self->tokens->len);

  out = g_string_new (prefix);
  if (seq->width == 0)
    {
      g_string_append (out, digit);
      g_string_append (out, "…");
    }
  else
    {
      for (guint i = 0; i < seq->width; i++)
        g_string_append (out, digit);
    }
  g_string_append (out, suffix);

  return g_string_free (out, FALSE);
}

/**
 * pw_code_pattern_format:
 *
 * Returns the code for sequence number @seq in this building and floor, or %NULL
 * when @seq has more digits than the pattern's fixed width allows.
 */
char *
pw_code_pattern_format (PwCodePattern       *self,
                        const PwCodeContext *ctx,
                        guint                seq)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *digits = NULL;
  const Token *seq_token;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  seq_token = &g_array_index (self->tokens, Token, self->seq_index);
  digits = g_strdup_printf ("%0*u", (int) seq_token->width, seq);
  if (seq_token->width > 0 && strlen (digits) > seq_token->width)
    return NULL;

  prefix = expand_tokens (self, ctx, 0, self->seq_index);
  suffix = expand_tokens (self, ctx, self->seq_index + 1, self->tokens->len);

  return g_strconcat (prefix, digits, suffix, NULL);
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * pw_code_pattern_match:
 *
 * Checks that @code is a valid code (see pw_code_is_valid()) and follows the pattern
 * for this building and floor. Fails with %PW_LEDGER_ERROR_BAD_CODE and a message that
 * shows the expected form.
 */
gboolean
pw_code_pattern_match (PwCodePattern       *self,
                       const char          *code,
                       const PwCodeContext *ctx,
                       GError             **error)
{
  return pw_code_pattern_match_seq (self, code, ctx, NULL, error);
}

/**
 * pw_code_pattern_match_seq:
 *
 * As pw_code_pattern_match(), and stores the code's sequence number in @seq (may
 * be %NULL; G_MAXUINT when it does not fit).
 */
gboolean
pw_code_pattern_match_seq (PwCodePattern       *self,
                           const char          *code,
                           const PwCodeContext *ctx,
                           guint               *seq_number,
                           GError             **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const Token *seq;
  gsize code_len, prefix_len, suffix_len;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pw_code_is_valid (code, error))
    return FALSE;

  seq = &g_array_index (self->tokens, Token, self->seq_index);
  prefix = expand_tokens (self, ctx, 0, self->seq_index);
  suffix = expand_tokens (self, ctx, self->seq_index + 1, self->tokens->len);
  code_len = strlen (code);
  prefix_len = strlen (prefix);
  suffix_len = strlen (suffix);

  ok = code_len > prefix_len + suffix_len
       && strncmp (code, prefix, prefix_len) == 0
       && strcmp (code + code_len - suffix_len, suffix) == 0
       && all_digits (code + prefix_len, code_len - prefix_len - suffix_len)
       && (seq->width == 0 || code_len - prefix_len - suffix_len == seq->width);

  if (!ok)
    {
      g_autofree char *form = pw_code_pattern_describe (self, ctx);

      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                   _("“%s” does not follow the park's code pattern %s"), code, form);
      return FALSE;
    }
  if (seq_number != NULL)
    {
      g_autofree char *digits = g_strndup (code + prefix_len, code_len - prefix_len - suffix_len);
      guint64 value = g_ascii_strtoull (digits, NULL, 10);

      *seq_number = value >= G_MAXUINT ? G_MAXUINT : (guint) value;
    }

  return TRUE;
}

static gboolean
is_code_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '/';
}

/**
 * pw_code_is_valid:
 *
 * Codes are 1 to 32 ASCII letters, digits, "-", "_", "." or "/": they end up in file
 * names, CSV exports, invoice remarks and QR labels, where anything else breaks.
 * Fails with %PW_LEDGER_ERROR_BAD_CODE.
 */
gboolean
pw_code_is_valid (const char *code,
                  GError    **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (code == NULL || *code == '\0')
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                   _("A code cannot be empty"));
      return FALSE;
    }

  for (const char *p = code; *p != '\0'; p++)
    {
      g_autofree char *quoted = NULL;

      if (is_code_char (*p))
        continue;

      quoted = pw_text_quote (code);
      if (*p == ' ')
        g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                     _("“%s” contains a space; a code can only use letters, digits, "
                       "“-”, “_”, “.” and “/”"), quoted);
      else if (g_utf8_validate (code, -1, NULL))
        {
          char bad[8] = { 0 };

          g_unichar_to_utf8 (g_utf8_get_char (p), bad);
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                       _("“%s” contains “%s”; a code can only use letters, digits, "
                         "“-”, “_”, “.” and “/”"), quoted, bad);
        }
      else
        g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                     _("“%s” is not valid text; a code can only use letters, digits, "
                       "“-”, “_”, “.” and “/”"), quoted);
      return FALSE;
    }

  if (strlen (code) > PW_CODE_MAX_LENGTH)
    {
      g_autofree char *quoted = pw_text_quote (code);

      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                   _("“%s” is longer than %u characters"), quoted, PW_CODE_MAX_LENGTH);
      return FALSE;
    }

  return TRUE;
}
