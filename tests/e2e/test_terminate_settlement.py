#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: termination with its settlement shown before it is confirmed.

Usage: test_terminate_settlement.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR [--lang=LANG] [--width=PX]

On the demo park, parkwise-cli writes and signs a lease of an available office from
100 days ago for two years at 100.00 per m² per month, two months' deposit. In the
app, "Terminate…" asks for the last day and a penalty and shows, before anything is
written, what the termination settles: credits, the penalty, the deposit kept and
what is returned (core's figures). A penalty of 1,000.00 must appear in it, and a
different penalty must change it; confirming terminates the lease, and the toast's
Undo reopens it. meson also runs it in Chinese (--lang=zh_CN, every label found as the
build tree's catalogue words it) and in a window 360 px wide (--width=360).

Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
"""

import datetime
import sys
import time

from contract_story import story_main
from e2e_common import Failure, log, run

OVERALL_TIMEOUT = 150
CODE = 'TS-2025-001'


def body(story):
    _ = story._
    # the settlement's four lines, as the app words them in its language
    lines = _('Credited for what was billed beyond the day: %s\nPenalty: %s\n'
              'Deposit kept against the penalty: %s\n'
              'Returned to the tenant (deposit left and credits): %s').split('\n')
    credited, penalty, returned = lines[0].split('%s')[0], lines[1], lines[3].split('%s')[0]

    story.press('Terminate…')
    dialog = story.dialog(_('Terminate %s?') % CODE)
    last_day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    story.set_field(dialog, 'Last day of the contract', last_day)
    story.set_field(dialog, 'Early termination penalty', '1000.00')
    settlement = story.wait('the settlement with a penalty of ¥1,000.00',
                            lambda: story.label_in(dialog, lambda t: t.startswith(credited)
                                                   and penalty % '¥1,000.00' in t))
    first = settlement.name
    log('settlement shown before confirming: %s' % first.replace('\n', ' | '))
    if returned not in first:
        raise Failure('the settlement does not say what is returned: %r' % first)
    if story.contract()['status'] != 'active':
        raise Failure('something was written before the termination was confirmed')
    story.set_field(dialog, 'Early termination penalty', '2500.00')
    story.wait('the settlement to follow the penalty',
               lambda: story.label_in(dialog, lambda t: penalty % '¥2,500.00' in t))
    story.click_in(dialog, 'Terminate')
    story.wait('%s to be terminated' % CODE, lambda: story.contract()['status'] == 'terminated')
    log('%s terminated on %s' % (CODE, last_day))
    # the toast's Undo reopens it: running again, as it was
    undo = story.wait('the Undo button of the toast',
                      lambda: story.find(story.window, story.button_named(_('Undo'), sensitive=True)))
    undo.doActionNamed('click')
    story.wait('%s to run again' % CODE, lambda: story.contract()['status'] == 'active'
               and story.contract().get('ended_date') is None)
    log('the termination of %s undone from its toast' % CODE)


def main(argv):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=100)
    end = start.replace(year=start.year + 2) - datetime.timedelta(days=1) \
        if not (start.month == 2 and start.day == 29) else start + datetime.timedelta(days=729)
    return story_main(argv, __doc__, body, code=CODE, rent='100.00', start=start, end=end,
                      statuses=('submitted', 'approved', 'signed', 'active'))


if __name__ == '__main__':
    run('e2e-terminate-settlement', main, OVERALL_TIMEOUT)
