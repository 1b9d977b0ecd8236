#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: a mid-term rent review on a running lease that escalates 5 % a year.

Usage: test_rent_review.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

On the demo park, parkwise-cli writes and signs a lease of an available office
from 400 days ago for three years, at 100.00 per m² per month rising 5 % a year,
monthly. In the app, on the Contracts page, the lease is found by its code, its
schedule read, and "Amend…" gives it a new rent of 120.00 from the first of next
month, the escalation going on on the same dates (the default). Amend must write
the amendment (it used to refuse "can only change from its first day"); every
line billed before the review must be as it was, the review's month must bill
120.00 × area, and the next anniversary 126.00 × area (docs/amendments.md).

Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
"""

import csv
import datetime
import decimal
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, STEP_TIMEOUT, check_setup, close_parkwise, die_with_parent,
                        import_dogtail, kill_parkwise, log, parkwise_app, print_app_log, run,
                        scratch_env, seed_demo, wait_for)

OVERALL_TIMEOUT = 150
CROWD = 40
CODE = 'RR-2025-001'
RENT = decimal.Decimal('100.00')
NEW_RENT = '120.00'
FEN = decimal.Decimal('0.01')


def money(amount):
    return '¥{:,.2f}'.format(amount.quantize(FEN, rounding=decimal.ROUND_HALF_UP))


def add_months(date, months):
    month = date.month - 1 + months
    return date.replace(year=date.year + month // 12, month=month % 12 + 1)


def add_years(date, years):
    try:
        return date.replace(year=date.year + years)
    except ValueError:   # 29 February
        return date.replace(year=date.year + years, day=28)


def main(argv):
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-review-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        env['LANGUAGE'] = 'C'
        env['LC_ALL'] = 'C.UTF-8'
        db = os.path.join(scratch, 'park.db')

        def cli(*args):
            done = subprocess.run([parkwise_cli] + list(args), env=env,
                                  capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                raise Failure('parkwise-cli %s failed (%d): %s%s'
                              % (' '.join(args[:2]), done.returncode, done.stdout, done.stderr))
            return done.stdout

        seed_demo(parkwise_cli, db, env)

        # An available office and its chargeable area (the area basis is the space's).
        rows = list(csv.DictReader(io.StringIO(cli('ledger', 'export', '--db', db))))
        office = next(r for r in rows if r['kind'] == 'office' and r['status'] == 'available'
                      and r['leasable'] == 'true')
        space = json.loads(cli('space', 'show', '--db', db, office['code'], '--json'))
        area = decimal.Decimal(space['chargeable_area_m2'])

        today = datetime.date.today()
        start = today - datetime.timedelta(days=400)
        if start.day > 28:
            start = start.replace(day=28)
        end = add_years(start, 3) - datetime.timedelta(days=1)
        # the review from the first period that starts after today (periods run from
        # the lease's start, monthly; a start after the 28th would not stay on its day)
        review = start
        months = 0
        while review <= today:
            months += 1
            review = add_months(start, months)
        customer = cli('customer', 'add', '--db', db, '--name', 'Review Tenant Co.').strip()
        terms = {
            'id': CODE, 'currency': 'CNY', 'signed': start.isoformat(),
            'start': start.isoformat(), 'end': end.isoformat(),
            'parties': {'landlord': 'Park', 'tenant': 'Review Tenant Co.'},
            'sellers': [{'code': 'LL', 'name': 'Park'}],
            'spaces': [{'code': office['code'], 'area': str(area)}],
            'tax_codes': [{'code': 'lease9', 'rate': '0.09'}],
            'charges': [{'code': 'rent', 'kind': 'rent', 'seller': 'LL', 'tax_code': 'lease9',
                         'unit_price': str(RENT), 'unit': 'm2_month', 'spaces': [office['code']],
                         'frequency': 'monthly',
                         'escalation': {'type': 'fixed', 'percent': '5', 'every_years': 1}}],
        }
        terms_path = os.path.join(scratch, 'terms.json')
        with open(terms_path, 'w') as f:
            json.dump(terms, f)
        cli('contract', 'create', '--db', db, '--code', CODE, '--customer', customer,
            '--start', start.isoformat(), '--end', end.isoformat(), '--space', office['code'],
            '--terms', terms_path)
        for status in ('submitted', 'approved', 'signed', 'active'):
            cli('contract', 'set-status', '--db', db, CODE, status, '--date', start.isoformat())
        next_anniversary = add_years(start, 1)
        while next_anniversary <= review:
            next_anniversary = add_years(next_anniversary, 1)
        log('%s: %s m² of %s from %s to %s; review to %s from %s, next rise on %s'
            % (CODE, area, office['code'], start, end, NEW_RENT, review, next_anniversary))

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        tree, rawinput = import_dogtail()
        import pyatspi

        def find(node, pred, crowd=CROWD):
            stack = [node]
            while stack:
                parent = stack.pop()
                count = parent.childCount
                if parent is not node and crowd is not None and count > crowd:
                    continue
                children = [parent.getChildAtIndex(i) for i in range(count)]
                for child in children:
                    if child is not None and pred(child):
                        return child
                stack.extend(reversed([c for c in children if c is not None]))
            return None

        def named(name, role=None):
            return lambda n: n.name == name and (role is None or n.roleName == role)

        def wait(what, func, timeout=STEP_TIMEOUT):
            return wait_for(what, func, timeout=timeout, app_proc=app_proc)

        def button_named(label, sensitive=False):
            return lambda n: (n.roleName == 'push button'
                              and label in (n.name, n.name.replace('_', ''),
                                            n.name.rsplit(' ' + label, 1)[0].replace('_', ''))
                              and (n.sensitive or not sensitive))

        app = wait('the parkwise application on the accessibility bus', lambda: parkwise_app(tree), timeout=30)
        window = wait('the main window',
                      lambda: find(app, lambda n: n.roleName == 'frame'
                                   and n.name.startswith('Parkwise')))

        def page_shown(name):
            return lambda: find(window, lambda n: n.roleName == 'page tab' and n.name == name
                                and n.getState().contains(pyatspi.STATE_SELECTED))

        wait('the view switcher', lambda: find(window, named('Contracts', 'page tab')))
        time.sleep(0.5)
        rawinput.keyCombo('<Alt>4')
        wait('Alt+4 to show the Contracts page', page_shown('Contracts'))
        time.sleep(0.5)
        rawinput.keyCombo('<Control>f')
        time.sleep(0.3)
        rawinput.typeText(CODE)

        def find_detail():
            amend = find(window, button_named('Amend…'))
            node = amend
            while node is not None and node.roleName != 'frame':
                if find(node, named(CODE, 'label')) is not None:
                    return node
                node = node.parent
            return None

        # the list shows the one contract found: Tab into it and select it with Space
        def contract_list():
            return find(window, lambda n: n.roleName in ('list', 'table', 'tree table')
                        and find(n, named(CODE, 'label'), crowd=None) is not None
                        and n.childCount <= 3)

        listing = wait('the list of contracts to show %s alone' % CODE, contract_list)

        def in_list():
            return listing.focused or find(listing, lambda n: n.focused, crowd=None) is not None

        for _ in range(15):
            if in_list():
                break
            rawinput.pressKey('Tab')
            time.sleep(0.2)
        if not in_list():
            raise Failure('Tab did not reach the list of contracts')
        rawinput.pressKey('space')
        detail = wait('the detail of %s' % CODE, find_detail)
        log('the Contracts page shows %s' % CODE)

        def schedule_rows():
            schedule = find(detail, named('Charge schedule', 'tree table'))
            if schedule is None:
                return None
            rows = []
            for row in find(schedule, lambda n: n.roleName == 'list').children:
                if row.roleName != 'table row':
                    continue
                cells = [find(cell, lambda n: n.roleName == 'label', crowd=None)
                         for cell in row.children]
                rows.append(tuple(c.name if c is not None else None for c in cells))
            return rows or None

        try:
            before = wait('the schedule of %s' % CODE, schedule_rows)
        except Failure:
            def dump(node, depth=0):
                if depth > 14:
                    return
                print('  ' * depth + '%s | %s' % (node.roleName, node.name), file=sys.stderr)
                if node.childCount <= CROWD:
                    for c in node.children:
                        dump(c, depth + 1)
            dump(detail)
            raise
        billed_before = [r for r in before if r[0] < review.isoformat()]
        log('%d lines, %d of them billed before the review' % (len(before), len(billed_before)))

        amend = wait('a sensitive "Amend…" button',
                     lambda: find(detail, button_named('Amend…', sensitive=True)))
        amend.doActionNamed('click')
        dialog = wait('the "Amend Contract" dialog',
                      lambda: next((w for w in app.children if w.name == 'Amend Contract'), None))

        def text_of(node):
            text = node.queryText()
            return text.getText(0, text.characterCount)

        def set_field(title, value):
            field = wait('the field "%s"' % title,
                         lambda: find(dialog, lambda n: n.roleName == 'text'
                                      and n.name.startswith(title)))
            if not field.queryEditableText().setTextContents(value):
                raise Failure('the field "%s" refused the text %r' % (title, value))
            wait('the field "%s" to read %r' % (title, value), lambda: text_of(field) == value)

        set_field('Effective', review.isoformat())
        set_field('Unit price', NEW_RENT)
        wait('the preview of the new price',
             lambda: find(dialog, lambda n: n.roleName == 'label' and NEW_RENT in n.name
                          and review.isoformat() in n.name, crowd=None))
        button = wait('a sensitive "Amend" button',
                      lambda: find(dialog, button_named('Amend', sensitive=True)))
        button.doActionNamed('click')
        wait('the dialog to close',
             lambda: next((w for w in app.children if w.name == 'Amend Contract'), None) is None)

        def schedule_changed():
            rows = schedule_rows()
            return rows if rows and rows != before else None

        after = wait('the schedule written again', schedule_changed)
        still = [r for r in after if r[0] < review.isoformat()]
        if still != billed_before:
            raise Failure('lines billed before the review changed:\n  before %s\n  after  %s'
                          % (billed_before, still))

        def line_on(date):
            # the charge shows by its name ("Rent"), its code "rent" is data
            return [r for r in after if r[0] == date.isoformat() and r[1] == 'Rent']

        reviewed = money(decimal.Decimal(NEW_RENT) * area)
        risen = money(decimal.Decimal('126.00') * area)
        if not any(r[3] == reviewed for r in line_on(review)):
            raise Failure('no rent line of %s on %s: %s' % (reviewed, review, line_on(review)))
        if not any(r[3] == risen for r in line_on(next_anniversary)):
            raise Failure('no rent line of %s on %s: %s'
                          % (risen, next_anniversary, line_on(next_anniversary)))
        log('kept %d lines billed before %s; %s from the review, %s from %s'
            % (len(still), review, reviewed, risen, next_anniversary))

        close_parkwise(window, app_proc)
        return 0
    except BaseException:
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-rent-review', main, OVERALL_TIMEOUT)
