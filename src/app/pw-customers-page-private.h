/* pw-customers-page-private.h — what the Customers page's sections share:
 * the page's state and template children, and the shell's helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is a shell (pw-customers-page.c: the section switcher, store and
 * park, find, loading) and one file per section: customers with their
 * contacts (pw-customer-section.c), prospects with their viewings, quotes and
 * approvals (pw-prospect-section.c), and the price policy
 * (pw-price-policy.c). Each section installs its commands as "customer."
 * actions and sets whether they are enabled from core's rules. */
#pragma once

#include <adwaita.h>

#include "pw-change.h"

#include "pw-customer.h"
#include "pw-customer-leases.h"
#include "pw-customer-record.h"
#include "pw-customers-page.h"
#include "pw-prospect.h"
#include "pw-quote.h"
#include "pw-record-form.h"
#include "pw-ui.h"

G_BEGIN_DECLS

struct _PwCustomersPage
{
  GtkWidget            parent_instance;

  PwUiStoreWatch       watch;
  char                *park_id;        /* as set; NULL: the first park */
  char                *current_park;   /* the park loaded */
  gboolean             loaded;
  gboolean             stale;
  gboolean             reloading;
  gboolean             filling_quotes;
  char                *last_message;
  char                *customer_needle;
  char                *prospect_needle;
  char                *list_price;     /* the park's, or NULL */
  char                *floor_price;
  GListStore          *quotes;         /* PwQuote: the selected prospect's */
  char                *quote_id;       /* the selected quote */
  GPtrArray           *rules;          /* JsonObject: the park's approval rules */
  GPtrArray           *dynamic_rows;   /* rows added to the groups below, to remove */
  PwRecordForm        *form;

  GListStore          *customer_store;
  GtkCustomFilter     *customer_filter;
  GtkFilterListModel  *customer_model;
  GtkSingleSelection  *customer_selection;
  GListStore          *prospect_store;
  GtkCustomFilter     *prospect_filter;
  GtkFilterListModel  *prospect_model;
  GtkSingleSelection  *prospect_selection;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *section_stack;
  AdwLeaflet          *customer_leaflet;
  GtkWidget           *customer_list_pane;
  GtkSearchEntry      *customer_search_entry;
  GtkStack            *customer_list_stack;
  GtkColumnView       *customer_view;
  GtkLabel            *customer_count_label;
  GtkStack            *customer_detail_stack;
  GtkButton           *customer_back_button;
  PwCustomerLeases    *customer_leases;
  GtkLabel            *customer_name_label;
  AdwActionRow        *kind_info_row;
  AdwActionRow        *uscc_info_row;
  AdwActionRow        *industry_info_row;
  AdwActionRow        *risk_info_row;
  AdwActionRow        *tags_info_row;
  AdwActionRow        *notes_info_row;
  AdwPreferencesGroup *contacts_group;
  AdwLeaflet          *prospect_leaflet;
  GtkWidget           *prospect_list_pane;
  GtkSearchEntry      *prospect_search_entry;
  GtkStack            *prospect_list_stack;
  GtkColumnView       *prospect_view;
  GtkLabel            *prospect_count_label;
  GtkStack            *prospect_detail_stack;
  GtkButton           *prospect_back_button;
  GtkLabel            *prospect_name_label;
  GtkLabel            *prospect_stage_label;
  AdwActionRow        *prospect_customer_row;
  AdwActionRow        *prospect_agent_row;
  AdwActionRow        *prospect_source_row;
  AdwActionRow        *prospect_notes_row;
  AdwPreferencesGroup *viewings_group;
  AdwPreferencesGroup *quotes_group;
  GtkListBox          *quote_list;
  GtkWidget           *quote_detail_box;
  AdwActionRow        *quote_status_row;
  AdwActionRow        *quote_terms_row;
  AdwActionRow        *quote_discount_row;
  AdwActionRow        *quote_lease_row;
  GtkButton           *show_lease_button;
  AdwPreferencesGroup *approvals_group;
  GtkListBox          *comment_list;
  AdwEntryRow         *approval_comment_row;
  AdwActionRow        *approval_comment_error_row;
  GtkButton           *submit_quote_button;
  GtkButton           *edit_quote_button;
  GtkButton           *approve_button;
  GtkButton           *reject_button;
  GtkButton           *create_lease_button;
  GtkLabel            *quote_message_label;
  AdwEntryRow         *list_price_row;
  AdwActionRow        *list_price_error_row;
  AdwEntryRow         *floor_price_row;
  AdwActionRow        *floor_price_error_row;
  AdwPreferencesGroup *rules_group;
};

/* The shell (pw-customers-page.c) */
const char   *pw_customers_page_park         (PwCustomersPage *self);
void          pw_customers_page_cell_setup   (GtkSignalListItemFactory *factory,
                                              GtkListItem              *list_item,
                                              gpointer                  user_data);
void          pw_customers_page_cell_show    (GtkListItem     *list_item,
                                              const char      *text,
                                              const char      *accessible);
void          pw_customers_page_toast        (PwCustomersPage *self,
                                              const char      *message);
void          pw_customers_page_undo_toast   (PwCustomersPage *self,
                                              PwChange        *change,
                                              const char      *message);
void          pw_customers_page_load         (PwCustomersPage *self);
/* A form for the page, replacing any form it had open. */
PwRecordForm *pw_customers_page_open_form    (PwCustomersPage      *self,
                                              const char           *name,
                                              const char           *title,
                                              const char           *save_label,
                                              PwRecordFormSaveFunc  save);
/* Rows the sections add to their groups and lists, removed before each refill. */
GtkWidget    *pw_customers_page_add_row      (PwCustomersPage *self,
                                              GtkWidget       *container,
                                              const char      *title,
                                              const char      *subtitle);
void          pw_customers_page_remove_rows  (PwCustomersPage *self,
                                              GtkWidget       *container);
/* A flat icon button at the end of @row that activates @action with @id. */
GtkWidget    *pw_customers_page_add_row_action (GtkWidget  *row,
                                                const char *icon,
                                                const char *tooltip,
                                                const char *action,
                                                const char *id);
void          pw_customers_page_set_pill     (GtkWidget  *label,
                                              const char *word);
void          pw_customers_page_set_info     (AdwActionRow *row,
                                              const char   *text);
const char   *pw_customers_page_or_dash      (const char *text);
/* Shows the detail of a leaflet (folded: instead of the list) or the list. */
void          pw_customers_page_show_detail  (AdwLeaflet *leaflet,
                                              gboolean    detail);

/* Customers and contacts (pw-customer-section.c) */
void          pw_customer_section_class_init (GtkWidgetClass  *widget_class);
void          pw_customer_section_init       (PwCustomersPage *self);
void          pw_customer_section_fill       (PwCustomersPage *self,
                                              GListStore      *customers);
void          pw_customer_section_update     (PwCustomersPage *self);
void          pw_customer_section_update_counts (PwCustomersPage *self);
PwCustomer   *pw_customer_section_selected   (PwCustomersPage *self);

/* Prospects, viewings, quotes and approvals (pw-prospect-section.c) */
void          pw_prospect_section_class_init (GtkWidgetClass  *widget_class);
void          pw_prospect_section_init       (PwCustomersPage *self);
void          pw_prospect_section_fill       (PwCustomersPage *self,
                                              GListStore      *prospects);
void          pw_prospect_section_update     (PwCustomersPage *self);
void          pw_prospect_section_update_counts (PwCustomersPage *self);
void          pw_prospect_section_update_quote (PwCustomersPage *self);

/* The park's prices and approval rules (pw-price-policy.c) */
void          pw_price_policy_class_init     (GtkWidgetClass  *widget_class);
void          pw_price_policy_load           (PwCustomersPage *self);

G_END_DECLS
