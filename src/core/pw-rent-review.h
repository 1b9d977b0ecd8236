/* pw-rent-review.h — a charge's new price from a date within the term (a rent review)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a charge's escalation does after a rent review (docs/amendments.md). */
typedef enum {
  PW_REVIEW_ESCALATION_CONTINUE, /* rises as before, on the same dates, from the new price */
  PW_REVIEW_ESCALATION_RESTART,  /* rises as before, counted from the review's date */
  PW_REVIEW_ESCALATION_STOP,     /* the new price holds to the charge's end */
} PwReviewEscalation;

/* The contract's JSON form @terms with charge @code's unit price @price from
 * @effective on. From the charge's first day (or before) the price is replaced
 * and the escalation kept (@escalation STOP drops it). From a later day the
 * charge's escalation becomes its price table ("steps"): the prices it had before
 * @effective, exactly as its escalation worked them out, @price from @effective,
 * then what @escalation says. So nothing billed before @effective changes. An
 * index-linked (cpi) charge can only stop escalating at a review. Refusals name
 * their field: "charges", "unit_price", "effective_date" or "escalation". */
char *pw_terms_review_price (const char          *terms,
                             const char          *code,
                             const char          *effective,
                             const char          *price,
                             PwReviewEscalation   escalation,
                             GError             **error);

G_END_DECLS
