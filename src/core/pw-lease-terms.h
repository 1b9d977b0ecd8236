/* pw-lease-terms.h — a new lease's terms from the few figures a form asks for
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small front to docs/contract-format.md: one rent charge per m² per month, an
 * optional property fee, rent-free months from the start, a fixed yearly
 * escalation and a deposit in months of rent, all sold by one seller named after
 * the park, taxed at the rates below. */
#pragma once

#include "pw-contract.h"
#include "pw-schedule.h"

G_BEGIN_DECLS

/* The tax codes and rates a new lease's charges take (VAT on leasing real estate
 * and on services, docs/contract-format.md). */
#define PW_LEASE_RENT_TAX_CODE    "lease9"
#define PW_LEASE_RENT_TAX_RATE    "0.09"
#define PW_LEASE_SERVICE_TAX_CODE "service6"
#define PW_LEASE_SERVICE_TAX_RATE "0.06"

typedef struct
{
  const char *code;
  gint64      area;             /* chargeable, hundredths of a m² */
} PwLeaseFormSpace;

typedef struct
{
  const char             *code;        /* the contract's code */
  const char             *currency;
  const char             *landlord;    /* the park's name */
  const char             *tenant;      /* the customer's name, NULL: none yet */
  const char             *start;       /* YYYY-MM-DD */
  const char             *end;
  const char             *today;       /* the signing date when the start is later */
  const PwLeaseFormSpace *spaces;
  guint                   n_spaces;
  const char             *rent;        /* per m² per month */
  gboolean                quarterly;   /* billed by quarter, else by month */
  const char             *escalation;  /* percent a year; NULL, "" or zero: none */
  const char             *fee;         /* property fee per m² per month; NULL or "": none */
  guint                   rent_free_months;
  guint                   deposit_months;
} PwLeaseForm;

/* The contract's JSON form the figures make, as the form has them (checked by
 * pw_lease_form_check()). */
char       *pw_lease_form_build_terms (const PwLeaseForm *form);

/* Checks the form and computes the schedule signing would write; on refusal
 * @error is a PW_LEDGER_ERROR whose field (pw_ledger_error_get_field()) is the
 * form's: "code", "start", "end", "rent", "escalation", "fee", "rent_free" or
 * "deposit" (NULL when the engine names no one of them). Sets @terms (when
 * not NULL) to the JSON form. */
PwSchedule *pw_lease_form_check       (const PwLeaseForm *form,
                                       char             **terms,
                                       GError           **error);

/* Whether @text is a decimal a form takes ("12", "3.5"): digits, optionally "."
 * and digits, nothing else (pw_decimal_parse() without a sign). */
gboolean    pw_lease_form_is_decimal  (const char        *text);

/* The last day of @months months from @start ("2025-04-01", 3 → "2025-06-30"), or
 * NULL when @start is not a date: a term's default end. */
char       *pw_lease_form_months_end  (const char        *start,
                                       guint              months);

/* The terms an amendment from @effective writes (pw-lease-amend-terms.c): @terms
 * (the current JSON form) with the spaces coded @removed (NULL-terminated, or
 * NULL) given up and @added held from @effective, charge by charge, and the end
 * moved from @old_end to @end (NULL: unchanged); a charge split mid-term takes a
 * code with @version, the number of the version written. NULL with @error set
 * when a charge cannot be split (it escalates by a percentage or an index). */
char       *pw_lease_amend_terms      (const char              *terms,
                                       const char              *effective,
                                       const char              *old_end,
                                       const char              *end,
                                       const char *const       *removed,
                                       const PwLeaseFormSpace  *added,
                                       guint                    n_added,
                                       gint64                   version,
                                       GError                 **error);

G_END_DECLS
