#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: a month of billing on the Billing page, from the meter round to a late fee.

Usage: test_billing.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR [--lang=LANG] [--width=PX]

On the demo park, whose bill runs are posted up to the month before this one (docs/
receivables.md, "The demo park"), a person on the Billing page (Alt+6):

1. Meters: reads the round of the building of the master meter in route order, dated the
   last day of the month after the last posted one (M), typing each value and pressing
   Enter (Enter goes to the next empty field and saves from the last one); a time-of-use
   meter takes its total and each register. parkwise-cli then holds each reading.
2. Bill Runs: previews M and sees the run's total and the metered totals (electricity,
   its loss share, water) that parkwise-cli's preview gives, then posts it; parkwise-cli
   lists the bills written, the metered lines among them.
   (Preview and Post are pressed by their names: after the round the keyboard focus is
   in the Meters section, which the switch of section hides.)
3. Receivables: records (Alt+Y) a partial payment of one customer's bill of M, naming the
   bill; parkwise-cli shows the payment allocated to it and the rest open.
4. Moves the ageing's date to M's last day, past the bill's due date and grace: the
   customer's row shows the rest in the bucket its days overdue give, as parkwise-cli's
   ageing does. The bill then goes out: parkwise-cli marks it sent (only a sent or
   released bill is late; the app writes nothing after this, so the two never write at
   once).
5. Bill Runs again: previews M + 1 for that customer and finds in its totals the late fees
   of the bill's lines, of the amount this test computes from the contracts' late-fee terms
   (docs/receivables.md, "Late fees"; the terms are read from the scratch ledger):
   parkwise-cli's preview has a late-fee line for each, with the source
   late:<bill line>:<M's last day>, of exactly that amount.

With --lang=zh_CN the app runs in Chinese and every widget is found by the name the build
tree's catalogue gives it; with --width=360 the window starts 360 px wide. parkwise-cli
always speaks English. Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Searches start from the Billing page's sections, never from the whole window once the
page is found: a walk of the whole window is slow on a loaded machine.
"""

import datetime
import decimal
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time

from e2e_common import (Failure, apply_variant, check_setup, check_window_width, close_parkwise,
                        die_with_parent, find_pruned, import_dogtail, kill_parkwise, log,
                        parkwise_app, print_app_log, run, scratch_env, seed_demo, split_variant,
                        variant_name, wait_for)

# The story's own CPU time is about 15 s (the test, the app and parkwise-cli); on a
# machine this loaded the waits for a core make it 80-110 s of wall time, so it is
# given what the other stories are given.
OVERALL_TIMEOUT = 150
BUCKETS = ('Current', '1–30', '31–60', '61–90', 'Over 90')


def money(minor):
    """@minor (CNY fen) as the app shows it with the currency symbol: ¥1,234.56."""
    sign = '-' if minor < 0 else ''
    minor = abs(minor)
    return '%s¥%s.%02d' % (sign, '{:,}'.format(minor // 100), minor % 100)


def month_after(period):
    year, month = (int(p) for p in period.split('-'))
    return '%04d-%02d' % (year + month // 12, month % 12 + 1)


def last_day(period):
    first_of_next = datetime.date.fromisoformat(month_after(period) + '-01')
    return first_of_next - datetime.timedelta(days=1)


def round_half_up(value):
    return int(value.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def expected_late_fee(terms, gross, open_after, paid_on, count_to, due):
    """A line's late fee counted to @count_to, by docs/receivables.md "Late fees": a line
    is late from due + grace + 1; each amount accrues one day's fee on every late day up
    to and including the day it was paid; fee = rate × Σ principal-days, rounded half
    up; capped by the principal or a percent of it. @gross was owed until @paid_on, then
    @open_after."""
    late = terms['late_fee']
    rate = decimal.Decimal(late['daily_rate'])
    first = due + datetime.timedelta(days=int(late['grace_days']) + 1)
    principal_days = 0
    day = first
    while day <= count_to:
        principal_days += gross if day <= paid_on else open_after
        day += datetime.timedelta(days=1)
    fee = round_half_up(rate * principal_days)
    cap = late.get('cap', 'none')
    if cap == 'principal':
        fee = min(fee, gross)
    elif cap != 'none':
        fee = min(fee, round_half_up(decimal.Decimal(gross) * decimal.Decimal(cap) / 100))
    return fee, first


def main(argv):
    argv, variant = split_variant(argv)
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-billing-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        cli_env = dict(env, LANGUAGE='C', LC_ALL='C.UTF-8')
        _ = apply_variant(variant, env, parkwise)
        log('the story in %s' % variant_name(variant))
        db = os.path.join(scratch, 'park.db')
        seed_demo(parkwise_cli, db, cli_env)

        def cli(*args):
            done = subprocess.run([parkwise_cli] + list(args) + ['--db', db], env=cli_env,
                                  capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                raise Failure('parkwise-cli %s failed (%d): %s%s' % (
                    ' '.join(args[:2]), done.returncode, done.stdout, done.stderr))
            return json.loads(done.stdout) if '--json' in args else done.stdout

        # ---- what the story will do, from the ledger ----
        posted = cli('bill', 'list', '--json')
        period = month_after(max(b['period'] for b in posted))
        next_period = month_after(period)
        read_on = last_day(period)
        today = datetime.date.today()
        meters = cli('meter', 'list', '--json')['meters']
        master = next(m for m in meters if m['master'] is None
                      and any(s['master'] == m['code'] for s in meters))
        building = master['location'].split('-')[0]
        round_ = [m for m in meters if m['active'] and m['location'].split('-')[0] == building]
        round_.sort(key=lambda m: (m['route_order'], m['code']))
        if [m['code'] for m in round_] != [m['code'] for m in meters if m in round_]:
            raise Failure('the meters are not listed in route order')
        readings = {}
        fed = decimal.Decimal(0)
        for m in round_:
            if m is master:
                continue
            last = m['last_reading']['values']
            values = {}
            if m['registers']:
                steps = [40, 35, 25][:len(m['registers'])]
                for reg, step in zip(m['registers'], steps):
                    values[reg] = str(int(decimal.Decimal(last[reg])) + step)
                values['total'] = str(int(decimal.Decimal(last['total'])) + sum(steps))
                used = sum(steps)
            else:
                used = 12 if m['kind'] == 'water' else (50 if m['common'] else 100)
                values['total'] = str(decimal.Decimal(last['total']) + used)
            if m['master'] == master['code']:
                fed += used * decimal.Decimal(m['multiplier'])
            readings[m['code']] = values
        # the master counts 4 % more than what it feeds, so that the loss is shared
        step = (fed * decimal.Decimal('1.04') / decimal.Decimal(master['multiplier'])).quantize(
            decimal.Decimal(1).scaleb(-master['decimals']), rounding=decimal.ROUND_UP)
        readings[master['code']] = {
            'total': str(decimal.Decimal(master['last_reading']['values']['total']) + step)}
        log('the round of %s for %s: %d meters read on %s' % (building, period, len(round_), read_on))

        # the customer who pays part of a bill: nothing of theirs open before (so that the
        # ageing row is the bill's rest alone), a bill of the period due early enough to be
        # late by its last day
        before = cli('receivables', 'ageing', '--as-of', read_on.isoformat(), '--json')
        open_customers = {r['key'] for r in before['rows']}

        # ---- the app ----
        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)
        tree, rawinput = import_dogtail()
        import pyatspi

        # what ends a preview's summary and not a post's, in the app's language
        plural = 'Preview of %2$s: %1$u bills, %3$s (net %4$s, tax %5$s). Nothing is written yet.'
        singular = 'Preview of %2$s: %1$u bill, %3$s (net %4$s, tax %5$s). Nothing is written yet.'
        preview_tail = (_.catalog.get((singular, 1)) or _.catalog.get((singular, 0)) or plural) \
            if _.catalog else plural
        preview_tail = preview_tail.split('%5$s')[-1].lstrip(').）。 ')

        def find(node, pred, crowd=40):
            return find_pruned(node, pred, crowd)

        def wait(what, func, timeout=20):
            return wait_for(what, func, timeout=timeout, app_proc=app_proc)

        def text_named(node, name):
            return wait('the field "%s"' % name,
                        lambda: find(node, lambda n: n.roleName == 'text' and n.name == name))

        def label_in(node, pred, crowd=40):
            return find(node, lambda n: n.roleName == 'label' and pred(n.name or ''), crowd)

        def keys(*combos):
            for combo in combos:
                rawinput.keyCombo(combo)
                time.sleep(0.05)

        def set_text(field, text):
            if not field.queryEditableText().setTextContents(text):
                raise Failure('the field "%s" refused %r' % (field.name, text))

        def press(node, label):
            """Clicks the sensitive button @label (its mnemonic label, translated) under @node."""
            label = _(label)
            button = wait('a sensitive "%s" button' % label,
                          lambda: find(node, lambda n: n.roleName == 'push button' and n.sensitive
                                       and n.name.replace('_', '').startswith(label), crowd=1000))
            button.doActionNamed('click')

        app = wait('the parkwise application on the accessibility bus', lambda: parkwise_app(tree),
                   timeout=30)
        window = wait('the main window',
                      lambda: app.findChild(lambda n: n.roleName == 'frame', retry=False,
                                            requireResult=False))
        check_window_width(window, variant)
        log('the window is shown')
        wait('the view switcher', lambda: find(window, lambda n: n.roleName == 'page tab'
                                               and n.name == _('_Billing')))
        log('the view switcher is shown')
        time.sleep(0.5)
        keys('<Alt>6')
        switcher = wait('the Billing page (Alt+6)',
                        lambda: find(window, lambda n: n.name == _('Billing sections')))
        page = switcher.parent.parent.parent
        log('the Billing page is shown')

        def section(title):
            tab = wait('the section "%s"' % title,
                       lambda: find(switcher, lambda n: n.name == _(title)
                                    and n.roleName in ('toggle button', 'radio button',
                                                       'page tab', 'push button')))

            def shown():
                state = tab.getState()
                return state.contains(pyatspi.STATE_SELECTED) or state.contains(pyatspi.STATE_CHECKED)
            if not shown():
                tab.doActionNamed('click')
            wait('the section "%s" to be shown' % title, shown)

        # ---- 1. the meter round ----
        section('Meters')
        wait('the meters in route order',
             lambda: find(page, lambda n: n.name == _('Meters in route order')))
        form = wait('the reading form', lambda: find(page, lambda n: n.name == _('The meter’s reading')))
        pane = form.parent

        def form_shows(code):
            return label_in(pane, lambda t: t.startswith(code + ' · '), crowd=1000)

        first = round_[0]['code']
        wait('the form of %s, first of the round' % first, lambda: form_shows(first))
        # Ctrl+F goes to the round, at its date; Enter from the date goes to the total
        keys('<Control>f')
        time.sleep(0.3)
        keys('<Control>a')
        rawinput.typeText(read_on.isoformat())
        keys('Return')
        for m in round_:
            code = m['code']
            wait('the form of %s' % code, lambda: form_shows(code))
            # the form of the next meter has its total focused (the focus of a row
            # of the form is not told over AT-SPI: the ledger says where the values went)
            time.sleep(0.3)
            values = readings[code]
            for field in ['total'] + list(m['registers']):
                rawinput.typeText(values[field])
                keys('Return')

        # the round's end: the last reading saved
        wait('the reading of %s in the ledger' % round_[-1]['code'],
             lambda: next(x for x in cli('meter', 'list', '--json')['meters']
                          if x['code'] == round_[-1]['code'])['last_reading']['date']
             == read_on.isoformat())
        ledger = {x['code']: x['last_reading'] for x in cli('meter', 'list', '--json')['meters']}
        for code, values in readings.items():
            last = ledger[code]
            if last['date'] != read_on.isoformat():
                raise Failure('%s was last read on %s, not %s' % (code, last['date'], read_on))
            for field, value in values.items():
                if decimal.Decimal(last['values'][field]) != decimal.Decimal(value):
                    raise Failure('%s %s is %s in the ledger, %s was typed'
                                  % (code, field, last['values'][field], value))
        log('read %d meters: %s' % (len(round_), ', '.join(
            '%s %s' % (c, v['total']) for c, v in readings.items())))

        # ---- 2. preview and post the month ----
        section('Bill Runs')
        period_field = text_named(page, _('Period (YYYY-MM)'))
        set_text(period_field, period)
        preview = cli('bill-run', 'preview', '--period', period, '--json')
        metered = {t['charge']: t for t in preview['totals']
                   if t['charge'] in ('electricity', 'electricity_loss', 'water')}
        if set(metered) != {'electricity', 'electricity_loss', 'water'}:
            raise Failure('the preview of %s bills %s of the meters' % (period, sorted(metered)))
        if any(p['source'].startswith('meter:') for p in preview['problems']):
            raise Failure('the round left problems: %s' % [p['message'] for p in preview['problems']])
        content = period_field
        while content is not None and content.roleName not in ('scroll pane', 'viewport'):
            content = content.parent
        press(content, '_Preview')
        gross = money(preview['gross'])
        wait('the preview of %s (%s)' % (period, gross),
             lambda: label_in(content, lambda t: period in t and gross in t and preview_tail in t))
        log('preview of %s: %d bills, %s' % (period, len(preview['bills']), gross))
        totals = wait('the totals of the preview',
                      lambda: find(content, lambda n: n.name == _('Totals by Charge and Tax Rate')
                                   and n.roleName != 'label'))
        for charge, t in metered.items():
            wait('the %s total %s' % (charge, money(t['gross'])),
                 lambda: label_in(totals, lambda s: s == money(t['gross']), crowd=1000))
        log('metered totals shown: %s' % ', '.join('%s %s' % (c, money(t['gross']))
                                                   for c, t in sorted(metered.items())))
        press(content, 'P_ost')
        wait('the post of %s' % period,
             lambda: label_in(content, lambda t: period in t and gross in t and preview_tail not in t))
        bills = cli('bill', 'list', '--period', period, '--json')
        if len(bills) != len(preview['bills']) or sum(b['gross'] for b in bills) != preview['gross']:
            raise Failure('%d bills of %s in the ledger, %d previewed' % (len(bills), period,
                                                                          len(preview['bills'])))
        log('posted %d bills of %s: %s' % (len(bills), period, gross))

        # the metered lines are in the bills written
        metered_bills = [b for b in preview['bills']
                         if any(l['source'].startswith('meter:') for l in b['lines'])]
        for b in metered_bills:
            written = next(x for x in bills if x['customer_id'] == b['customer_id']
                           and x['due_date'] == b['due_date'] and x['gross'] == b['gross'])
            shown = cli('bill', 'show', written['number'], '--json')
            sources = {l['source'] for l in shown['lines']}
            for line in b['lines']:
                if line['source'] not in sources:
                    raise Failure('%s lacks %s' % (written['number'], line['source']))
        log('the metered lines are on %s' % ', '.join(
            next(x['number'] for x in bills if x['customer_id'] == b['customer_id']
                 and x['due_date'] == b['due_date'] and x['gross'] == b['gross'])
            for b in metered_bills))

        # ---- 3. a partial payment of one bill ----
        bill = next(b for b in sorted(bills, key=lambda b: b['customer_name'])
                    if b['customer_id'] not in open_customers
                    and datetime.date.fromisoformat(b['due_date']) + datetime.timedelta(days=6)
                    < read_on)
        bill = cli('bill', 'show', bill['number'], '--json')
        customer = bill['customer_name']
        due = datetime.date.fromisoformat(bill['due_date'])
        paid = bill['gross'] // 200 * 100
        paid_on = today
        keys('<Alt>y')
        dialog = wait('the Record Payment window',
                      lambda: next((w for w in app.children if w is not None
                                    and w.name == _('Record Payment')), None))
        for name, value in ((_('Customer'), customer), (_('Amount'), '%d.%02d' % divmod(paid, 100)),
                            (_('Reference'), 'E2E-%s' % period),
                            (_('Bills Named by the Payer (optional)'), bill['number'])):
            field = text_named(dialog, name)
            if not field.queryEditableText().setTextContents(value):
                raise Failure('the field "%s" refused %r' % (name, value))
        text_named(dialog, _('Date Paid'))   # today, as the window fills it
        press(dialog, '_Record')
        wait('the Record Payment window to close', lambda: dialog.name != _('Record Payment')
             or all(w is None or w.name != _('Record Payment') for w in app.children))

        def open_lines(as_of):
            rows = cli('receivables', 'ageing', '--as-of', as_of.isoformat(), '--key',
                       bill['customer_id'], '--json')
            return [r for r in rows if r['number'] == bill['number']]
        payments = [p for p in cli('payment', 'list', '--customer', bill['customer_id'], '--json')
                    if p['paid_on'] == paid_on.isoformat() and p['amount'] == paid]
        if len(payments) != 1 or payments[0]['allocated'] != paid:
            raise Failure('the ledger has no payment of %s allocated in full: %s' % (money(paid), payments))
        now_open = open_lines(today)
        if len(now_open) != 1 or now_open[0]['open'] != bill['gross'] - paid:
            raise Failure('%s is open for %s after a payment of %s on %s'
                          % (bill['number'], now_open, money(paid), money(bill['gross'])))
        rest = bill['gross'] - paid
        log('paid %s of %s (%s) for %s: %s open' % (money(paid), bill['number'], money(bill['gross']),
                                                   customer, money(rest)))

        # ---- 4. the ageing past the due date and grace ----
        # the ageing's date (Alt+G goes there from the keyboard); it follows a whole date
        as_of = wait('the ageing date',
                     lambda: find(page, lambda n: n.name == _('Ageing as of (YYYY-MM-DD)')
                                  and n.roleName != 'label'))
        set_text(as_of, read_on.isoformat())
        days = (read_on - due).days
        bucket = 0 if days <= 0 else 1 if days <= 30 else 2 if days <= 60 else 3 if days <= 90 else 4
        ageing = cli('receivables', 'ageing', '--as-of', read_on.isoformat(), '--json')
        row = next(r for r in ageing['rows'] if r['key'] == bill['customer_id'])
        if row['buckets'][bucket] != rest:
            raise Failure('the ledger ages %s of %s in %s, not %s' % (
                money(row['buckets'][bucket]), customer, BUCKETS[bucket], money(rest)))
        ageing_list = wait('the ageing list', lambda: find(page, lambda n: n.name == _('Ageing')
                                                          and n.roleName != 'label'))
        cell = _('%s %s') % (_(BUCKETS[bucket]), money(rest))

        seen = []

        def customer_row():
            row = find(ageing_list, lambda n: n.roleName == 'list item' and n.name == customer)
            if row is None:
                return False
            found = label_in(row, lambda t: seen.append(t) or cell in t.split(' · '), crowd=1000)
            return found
        try:
            wait('%s in the ageing, %s' % (customer, cell), customer_row)
        except Failure as e:
            raise Failure('%s; the row shows %s' % (e, seen[-4:]))
        log('the ageing as of %s shows %s: %s (%d days past due)' % (read_on, customer, cell, days))

        # A posted bill is a draft, and only a sent or released bill is late. It goes out
        # now (by post or e-mail, marked with parkwise-cli: the app writes nothing more
        # in this story, only previews)
        cli('bill', 'send', bill['number'])
        if cli('bill', 'show', bill['number'], '--json')['status'] != 'sent':
            raise Failure('%s is not sent' % bill['number'])
        log('%s sent' % bill['number'])

        # ---- 5. the late fee in the next run ----
        section('Bill Runs')
        set_text(period_field, next_period)
        customers_field = text_named(page, _('Customers (names, separated by commas)'))
        # the filter splits at commas, and English company names have them ("Co., Ltd."):
        # the customer's id names it without one
        set_text(customers_field, bill['customer_id'] if ',' in customer else customer)
        con = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
        expected = {}
        lines_open = {l['line_id']: l['open'] for l in open_lines(read_on)[0]['lines']}
        for line in bill['lines']:
            # the contract's terms in force (read from the ledger, not from the app's figures)
            terms = json.loads(con.execute(
                'SELECT terms FROM contract_version WHERE contract_id = ? AND effective_date <= ? '
                'ORDER BY number DESC LIMIT 1', (line['contract_id'], bill['due_date'])).fetchone()[0])
            fee, first_late = expected_late_fee(terms, line['gross'], lines_open.get(line['id'], 0),
                                                paid_on, read_on, due)
            if fee > 0:
                expected['late:%s:%s' % (line['id'], read_on)] = (fee, line, first_late)
        con.close()
        if not expected:
            raise Failure('no line of %s is late by %s' % (bill['number'], read_on))
        press(content, '_Preview')
        next_preview = cli('bill-run', 'preview', '--period', next_period, '--customer',
                           bill['customer_id'], '--json')
        late = {l['source']: l for b in next_preview['bills'] for l in b['lines']
                if l['source'].startswith('late:')}
        for source, (fee, line, first_late) in expected.items():
            if source not in late or late[source]['gross'] != fee:
                raise Failure('the ledger bills %s for %s, the terms give %s' % (
                    late.get(source, {}).get('gross'), source, money(fee)))
        if set(late) != set(expected):
            raise Failure('late fees not expected: %s' % sorted(set(late) - set(expected)))
        fees = sum(f for f, _l, _d in expected.values())
        wait('the preview of %s for %s' % (next_period, customer),
             lambda: label_in(content, lambda t: next_period in t and preview_tail in t))
        # the run's totals by charge and tax rate: the late fees of the bill's lines at
        # each rate (a late fee is taxed at its line's rate)
        by_rate = {}
        for fee, line, _first in expected.values():
            by_rate[line['tax_rate']] = by_rate.get(line['tax_rate'], 0) + fee
        for rate, amount in by_rate.items():
            late_totals = [t for t in next_preview['totals'] if t['charge'] == 'late_fee'
                           and t['tax_rate'] == rate]
            if len(late_totals) != 1 or late_totals[0]['gross'] != amount:
                raise Failure('the ledger totals %s of late fees at %s, the terms give %s'
                              % (late_totals, rate, money(amount)))
            wait('the late fees at %s: %s' % (rate, money(amount)),
                 lambda: label_in(totals, lambda t: t == money(amount), crowd=1000))
        log('the preview of %s bills %s of late fees on %s: %s' % (
            next_period, money(fees), bill['number'],
            ', '.join('%s %s' % (l['contract_code'], money(f)) for f, l, _d in expected.values())))

        close_parkwise(window, app_proc)
        return 0
    except BaseException:
        if app_proc is not None and app_proc.poll() is not None:
            log('parkwise exited with %s' % app_proc.returncode)
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-billing', main, OVERALL_TIMEOUT)
