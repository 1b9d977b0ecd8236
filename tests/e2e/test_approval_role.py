#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: approval by the wrong role refused.

Usage: test_approval_role.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

On the demo park (list price 98.00, floor 82.00; the asset manager approves above
10 % off, the general manager above 20 %), parkwise-cli writes and submits a lease
at 70.00 per m² per month: 28.6 % off and below the floor, beyond the park's policy
(docs/approvals.md). In the app, Approve names the approvals it awaits and asks as
whom: approving as the general manager first is refused (the asset manager decides
first) and the lease stays submitted; as the asset manager, then the general
manager, it is approved.

Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
"""

import datetime
import time

from contract_story import story_main
from e2e_common import Failure, log, run

OVERALL_TIMEOUT = 120
CODE = 'AR-2025-001'


def choose_role(story, dialog, index):
    """Selects the @index-th role in the dialog's "Approving role" list from the keyboard."""
    dropdown = story.wait('the "Approving role" choice',
                          lambda: story.find(dialog, lambda n: n.name == 'Approving role'
                                             and n.roleName != 'label', crowd=None))
    # Tab from the dialog's buttons round to the choice (GTK 4.8 grants no focus over AT-SPI)
    for _ in range(8):
        if dropdown.focused or story.find(dropdown, lambda n: n.focused, crowd=None) is not None:
            break
        story.rawinput.pressKey('Tab')
        time.sleep(0.3)
    else:
        raise Failure('Tab did not reach the "Approving role" choice')
    story.rawinput.pressKey('space')
    time.sleep(0.5)
    story.rawinput.pressKey('Home')
    for _ in range(index):
        time.sleep(0.2)
        story.rawinput.pressKey('Down')
    time.sleep(0.2)
    story.rawinput.pressKey('Return')
    time.sleep(0.5)


def approve_as(story, index, role_name):
    story.press('Approve')
    dialog = story.dialog('Approve %s?' % CODE)
    body = story.label_in(dialog, lambda t: t.startswith('Its terms are beyond'))
    if body is None:
        raise Failure('the Approve dialog does not say the lease is beyond the policy')
    choose_role(story, dialog, index)
    story.wait('the role %s to be chosen' % role_name,
               lambda: story.find(dialog, lambda n: n.name == role_name
                                  and n.roleName == 'label', crowd=None))
    story.click_in(dialog, 'Approve')
    # the dialog closes on its answer; the page takes the step (or refuses it) at once
    time.sleep(1.0)


def body(story):
    def status():
        return story.contract()['status']

    # the general manager first: refused, the lease stays submitted
    def awaited():
        return story.contract().get('approvals_awaited')

    if awaited() != ['asset_manager', 'general_manager']:
        raise Failure('the lease awaits %r, not the asset and general managers' % awaited())
    approve_as(story, 1, 'General manager')
    time.sleep(1.0)
    if status() != 'submitted' or awaited() != ['asset_manager', 'general_manager']:
        raise Failure('approving as the general manager first was not refused: %s, awaiting %r'
                      % (status(), awaited()))
    log('the general manager before the asset manager: refused')
    # the asset manager, then the general manager
    approve_as(story, 0, 'Asset manager')
    story.wait('the asset manager\'s approval', lambda: awaited() == ['general_manager'])
    if status() != 'submitted':
        raise Failure('one approval of two approved the lease: %s' % status())
    approve_as(story, 1, 'General manager')
    story.wait('%s to be approved' % CODE, lambda: status() == 'approved')
    log('%s approved by the asset manager, then the general manager' % CODE)


def main(argv):
    today = datetime.date.today()
    start = today + datetime.timedelta(days=30)
    end = start + datetime.timedelta(days=364)
    return story_main(argv, __doc__, body, code=CODE, rent='70.00', start=start, end=end,
                      statuses=('submitted',))


if __name__ == '__main__':
    run('e2e-approval-role', main, OVERALL_TIMEOUT)
