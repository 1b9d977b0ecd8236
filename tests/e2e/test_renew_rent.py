#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: renewal with a new rent.

Usage: test_renew_rent.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

On the demo park, parkwise-cli writes and signs a lease of an available office
ending in 60 days at 100.00 per m² per month. In the app, "Renew…" takes the
renewal's code and a new rent, 112.50; the draft it writes must bill 112.50 per
m² per month (its headline figures, from parkwise-cli contract show), while the
lease it renews keeps 100.00.

Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
"""

import datetime
import json

from contract_story import story_main
from e2e_common import Failure, log, run

OVERALL_TIMEOUT = 150
CODE = 'RN-2025-001'
RENEWAL = 'RN-2025-001-R'
NEW_RENT = '112.50'


def body(story):
    story.press('Renew…')
    dialog = story.dialog('Renew %s?' % CODE)
    story.set_field(dialog, 'Code of the renewal', RENEWAL)
    story.set_field(dialog, 'Rent of the renewal', NEW_RENT)
    story.click_in(dialog, 'Renew')

    def renewal():
        out = story.cli('contract', 'show', '--db', story.db, RENEWAL, '--json', ok=False)
        return json.loads(out) if out.strip() else None

    shown = story.wait('the renewal %s to be drawn up' % RENEWAL, renewal)
    if shown['status'] != 'draft':
        raise Failure('the renewal is %s, not a draft' % shown['status'])
    if shown['rent_m2_month'] != '112.5000':
        raise Failure('the renewal bills %s per m² per month, not %s'
                      % (shown['rent_m2_month'], NEW_RENT))
    if story.contract()['rent_m2_month'] != '100.0000':
        raise Failure('the lease renewed changed its rent')
    log('%s follows %s at %s per m² per month' % (RENEWAL, CODE, NEW_RENT))


def main(argv):
    today = datetime.date.today()
    end = today + datetime.timedelta(days=60)
    start = end - datetime.timedelta(days=364)
    return story_main(argv, __doc__, body, code=CODE, rent='100.00', start=start, end=end,
                      statuses=('submitted', 'approved', 'signed', 'active'))


if __name__ == '__main__':
    run('e2e-renew-rent', main, OVERALL_TIMEOUT)
