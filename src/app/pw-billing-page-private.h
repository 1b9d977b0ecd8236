/* pw-billing-page-private.h — what the Billing page's files share: the shell's
 * state, and what a section is
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section is one file and one entry: it fills a PwBillingSection and is listed
 * in sections[] of pw-billing-page.c. The shell gives it a page of its view stack,
 * calls its class_init (its actions) once, create when the page is built, reload
 * when the store or the park changes while the page is shown, and free at the end.
 */
#pragma once

#include <adwaita.h>

#include "pw-billing-page.h"
#include "pw-money.h"
#include "pw-page.h"
#include "pw-ui.h"
#include "pw-wrap-box.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;        /* the page of the view stack */
  const char *title;       /* marked with N_(), translated by the shell */
  const char *icon_name;
  void      (*class_init)  (GtkWidgetClass *widget_class);          /* may be NULL */
  gpointer  (*create)      (PwBillingPage  *page, GtkWidget **child);
  void      (*reload)      (PwBillingPage  *page, gpointer data);   /* may be NULL */
  void      (*update)      (PwBillingPage  *page, gpointer data);   /* actions' state; may be NULL */
  gboolean  (*focus_search) (PwBillingPage *page, gpointer data);  /* may be NULL */
  void      (*free)        (gpointer data);
} PwBillingSection;

struct _PwBillingPage
{
  GtkWidget         parent_instance;

  PwUiStoreWatch    watch;
  PwPageLoader      loader;          /* loading, staleness and the park (pw-page.h) */
  GSettings        *settings;
  PwCurrencyStyle   currency_style;
  char             *last_message;
  GPtrArray        *data;            /* each section's data, in the order of sections[] */

  /* template children */
  AdwToastOverlay  *toast_overlay;
  AdwViewStack     *stack;
};

/* pw-billing-page.c: what the sections share */
gpointer    pw_billing_page_section_data  (PwBillingPage          *self,
                                           const PwBillingSection *section);
PwStore    *pw_billing_page_store         (PwBillingPage          *self);
/* The park shown (the one asked for, else the store's first); NULL without one. */
const char *pw_billing_page_park          (PwBillingPage          *self);
void        pw_billing_page_show_toast    (PwBillingPage          *self,
                                           const char             *message);
char       *pw_billing_page_format_money  (PwBillingPage          *self,
                                           gint64                  minor,
                                           const char             *currency);
/* Sets the enabled state of every section's actions again. */
void        pw_billing_page_update_actions (PwBillingPage         *self);
/* A label for a bill status, as a coloured pill. */
void        pw_billing_page_set_status_pill (GtkWidget            *label,
                                             PwBillStatus          status);
/* Removes every row of @list. */
void        pw_billing_page_clear_list    (GtkListBox             *list);

/* The sections */
extern const PwBillingSection pw_billing_runs_section;   /* pw-billing-page-runs.c */
extern const PwBillingSection pw_billing_bills_section;  /* pw-billing-page-bills.c */
extern const PwBillingSection pw_billing_meters_section; /* pw-billing-page-meters.c */
extern const PwBillingSection pw_billing_receivables_section; /* pw-billing-page-receivables.c */

/* pw-billing-page-credit.c: the credit notes and waivers of the bill the Bills section
 * shows; the section keeps them (pw_billing_page_credits()) and builds them into its
 * detail @box */
typedef struct _PwBillingCredits PwBillingCredits;
PwBillingCredits *pw_billing_credits_new        (PwBillingPage    *page,
                                                 GtkWidget        *box);
/* Shows the notes of @bill (NULL: none) whose pw_bill_find() is @found. */
void              pw_billing_credits_show       (PwBillingCredits *credits,
                                                 PwBillRecord     *bill,
                                                 JsonObject       *found);
void              pw_billing_credits_update     (PwBillingCredits *credits);
void              pw_billing_credits_class_init (GtkWidgetClass   *widget_class);
void              pw_billing_credits_free       (PwBillingCredits *credits);
PwBillingCredits *pw_billing_page_credits       (PwBillingPage    *self);

/* pw-billing-page-meter-edit.c: Add Meter… and Replace Meter… of the Meters section,
 * which keeps them (pw_billing_page_meter_edit()) */
typedef struct _PwBillingMeterEdit PwBillingMeterEdit;
PwBillingMeterEdit *pw_billing_meter_edit_new        (PwBillingPage      *page);
void                pw_billing_meter_edit_update     (PwBillingPage      *page);
void                pw_billing_meter_edit_class_init (GtkWidgetClass     *widget_class);
void                pw_billing_meter_edit_free       (PwBillingMeterEdit *edit);
PwBillingMeterEdit *pw_billing_page_meter_edit       (PwBillingPage      *self);

/* pw-billing-page-notice.c: the selected bill's payment notice */
void        pw_billing_notice_save_pdf    (PwBillingPage          *self,
                                           PwBillRecord           *bill);

G_END_DECLS
