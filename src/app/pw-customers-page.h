/* pw-customers-page.h — the Customers page: customers and their contacts, prospects
 * with their viewings and quotes, quote approvals, and the park's price policy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* A PwPage: its commands are "customer." actions (see docs/customers.md); the
 * setters below are the same as setting its "store" and "park-id". */
#define PW_TYPE_CUSTOMERS_PAGE (pw_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (PwCustomersPage, pw_customers_page, PW, CUSTOMERS_PAGE, GtkWidget)

GtkWidget  *pw_customers_page_new                (void);
void        pw_customers_page_set_store          (PwCustomersPage  *self,
                                                  PwStore          *store);
/* The park whose customers are listed; NULL for the first park. */
void        pw_customers_page_set_park_id        (PwCustomersPage  *self,
                                                  const char       *park_id);
/* The page loads when it is first shown; this loads it now, or again. */
void        pw_customers_page_reload             (PwCustomersPage  *self);
void        pw_customers_page_focus_search       (PwCustomersPage  *self);

/* The customers and prospects as the lists show them, searched and sorted
 * (PwCustomer and PwProspect records). */
GListModel *pw_customers_page_get_customers      (PwCustomersPage  *self);
GListModel *pw_customers_page_get_prospects      (PwCustomersPage  *self);
/* Selects the record, clearing the search if it hides it. */
gboolean    pw_customers_page_select_customer    (PwCustomersPage  *self,
                                                  const char       *customer_id);
gboolean    pw_customers_page_select_prospect    (PwCustomersPage  *self,
                                                  const char       *prospect_id);
gboolean    pw_customers_page_select_quote       (PwCustomersPage  *self,
                                                  const char       *quote_id);
const char *pw_customers_page_get_selected_quote (PwCustomersPage  *self);

/* The editor window the page has open (a customer, contact, prospect, viewing,
 * quote or approval rule), or NULL. Its fields are named after the record's. */
GtkWindow  *pw_customers_page_get_form           (PwCustomersPage  *self);
/* The text of the last message (toast) the page showed, for tests; NULL for none. */
const char *pw_customers_page_get_last_message   (PwCustomersPage  *self);

G_END_DECLS
