# SPDX-License-Identifier: GPL-3.0-or-later
"""What the contract stories share: a lease written with parkwise-cli on the demo
park, the app started on it, the Contracts page shown with the lease selected, and
the message dialog a step opens (Approve, Sign, Terminate, Renew ask first).

Driven over AT-SPI (actions, EditableText) and the keyboard, never by coordinates.
"""

import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, STEP_TIMEOUT, apply_variant, check_setup, check_window_width,
                        close_parkwise, die_with_parent, import_dogtail, kill_parkwise, log,
                        parkwise_app, print_app_log, scratch_env, seed_demo, split_variant,
                        variant_name, wait_for)

CROWD = 40


class Story:
    """The app on a demo park holding one lease @code at @rent per m² per month,
    moved through @statuses with parkwise-cli, from @start to @end. The command
    line may ask for a variant (e2e_common.split_variant): the app then runs in
    that language or window size, and self._ translates what the story looks for;
    parkwise-cli always speaks English."""

    def __init__(self, argv, doc, code, rent, start, end, statuses):
        argv, variant = split_variant(argv)
        self.variant = variant
        setup = check_setup(argv, doc)
        if setup is None:
            raise SystemExit(2)
        self.parkwise, self.parkwise_cli, schema_dir = setup
        self.code = code
        self.scratch = tempfile.mkdtemp(prefix='parkwise-e2e-contract-')
        self.app_proc = None
        self.app_log_path = os.path.join(self.scratch, 'parkwise.log')
        self.env = scratch_env(self.scratch, schema_dir)
        self.env['LANGUAGE'] = 'C'
        self.env['LC_ALL'] = 'C.UTF-8'
        self.app_env = dict(self.env)
        self._ = apply_variant(variant, self.app_env, self.parkwise)
        log('the story in %s' % variant_name(variant))
        self.db = os.path.join(self.scratch, 'park.db')
        seed_demo(self.parkwise_cli, self.db, self.env)
        rows = list(csv.DictReader(io.StringIO(self.cli('ledger', 'export', '--db', self.db))))
        office = next(r for r in rows if r['kind'] == 'office' and r['status'] == 'available'
                      and r['leasable'] == 'true')
        space = json.loads(self.cli('space', 'show', '--db', self.db, office['code'], '--json'))
        self.area = space['chargeable_area_m2']
        customer = self.cli('customer', 'add', '--db', self.db, '--name', 'Story Tenant Co.').strip()
        terms = {
            'id': code, 'currency': 'CNY', 'signed': start.isoformat(),
            'start': start.isoformat(), 'end': end.isoformat(),
            'parties': {'landlord': 'Park', 'tenant': 'Story Tenant Co.'},
            'sellers': [{'code': 'LL', 'name': 'Park'}],
            'spaces': [{'code': office['code'], 'area': str(self.area)}],
            'tax_codes': [{'code': 'lease9', 'rate': '0.09'}],
            'deposit': {'months': '2'},
            'charges': [{'code': 'rent', 'kind': 'rent', 'seller': 'LL', 'tax_code': 'lease9',
                         'unit_price': rent, 'unit': 'm2_month', 'spaces': [office['code']],
                         'frequency': 'monthly'}],
        }
        terms_path = os.path.join(self.scratch, 'terms.json')
        with open(terms_path, 'w') as f:
            json.dump(terms, f)
        self.cli('contract', 'create', '--db', self.db, '--code', code, '--customer', customer,
                 '--start', start.isoformat(), '--end', end.isoformat(), '--space', office['code'],
                 '--terms', terms_path)
        for status in statuses:
            self.cli('contract', 'set-status', '--db', self.db, code, status,
                     '--date', start.isoformat())

    def cli(self, *args, ok=True):
        done = subprocess.run([self.parkwise_cli] + list(args), env=self.env,
                              capture_output=True, text=True, timeout=30)
        if ok and done.returncode != 0:
            raise Failure('parkwise-cli %s failed (%d): %s%s'
                          % (' '.join(args[:2]), done.returncode, done.stdout, done.stderr))
        return done.stdout

    def contract(self):
        return json.loads(self.cli('contract', 'show', '--db', self.db, self.code, '--json'))

    # ---- the app ----
    def start(self):
        log('starting %s' % self.parkwise)
        self.app_log = open(self.app_log_path, 'w')
        self.app_proc = subprocess.Popen([self.parkwise, '--db', self.db], env=self.app_env,
                                         stdout=self.app_log, stderr=subprocess.STDOUT,
                                         preexec_fn=die_with_parent)
        tree, rawinput = import_dogtail()
        import pyatspi
        self.rawinput = rawinput

        self.app = self.wait('the parkwise application on the accessibility bus',
                             lambda: parkwise_app(tree),
                             timeout=30)
        self.window = self.wait('the main window',
                                lambda: self.find(self.app, lambda n: n.roleName == 'frame'))
        check_window_width(self.window, self.variant)

        def page_shown(name):
            return lambda: self.find(self.window, lambda n: n.roleName == 'page tab'
                                     and n.name == self._(name)
                                     and n.getState().contains(pyatspi.STATE_SELECTED))

        self.wait('the view switcher', lambda: self.find(self.window, self.named(self._('_Contracts'),
                                                                                 'page tab')))
        time.sleep(0.5)
        rawinput.keyCombo('<Alt>4')
        self.wait('Alt+4 to show the Contracts page', page_shown('_Contracts'))
        time.sleep(0.5)
        rawinput.keyCombo('<Control>f')
        time.sleep(0.3)
        rawinput.typeText(self.code)

        def contract_list():
            # the row count first: searching every long list for the code was slow
            return self.find(self.window, lambda n: n.roleName in ('list', 'table', 'tree table')
                             and n.childCount <= 3
                             and self.find(n, self.named(self.code, 'label'), crowd=None) is not None)

        listing = self.wait('the list of contracts to show %s alone' % self.code, contract_list)

        def in_list():
            return listing.focused or self.find(listing, lambda n: n.focused, crowd=None) is not None

        for _ in range(15):
            if in_list():
                break
            rawinput.pressKey('Tab')
            time.sleep(0.2)
        if not in_list():
            raise Failure('Tab did not reach the list of contracts')
        rawinput.pressKey('space')

        def find_detail():
            anchor = self.find(self.window, self.button_named(self._('Amend…')))
            node = anchor
            while node is not None and node.roleName != 'frame':
                if self.find(node, self.named(self.code, 'label')) is not None:
                    return node
                node = node.parent
            return None

        self.detail = self.wait('the detail of %s' % self.code, find_detail)
        log('the Contracts page shows %s' % self.code)

    def find(self, node, pred, crowd=CROWD):
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

    @staticmethod
    def named(name, role=None):
        return lambda n: n.name == name and (role is None or n.roleName == role)

    @staticmethod
    def button_named(label, sensitive=False):
        return lambda n: (n.roleName == 'push button'
                          and label in (n.name, n.name.replace('_', ''),
                                        n.name.rsplit(' ' + label, 1)[0].replace('_', ''))
                          and (n.sensitive or not sensitive))

    def wait(self, what, func, timeout=STEP_TIMEOUT):
        return wait_for(what, func, timeout=timeout, app_proc=self.app_proc)

    def press(self, label):
        label = self._(label)
        button = self.wait('a sensitive "%s" button' % label,
                           lambda: self.find(self.detail, self.button_named(label, sensitive=True)))
        button.doActionNamed('click')

    def dialog(self, heading_start):
        """The message dialog whose text starts with @heading_start."""
        def found():
            for w in self.app.children:
                if w is None or w.name == self.window.name:
                    continue
                if self.find(w, lambda n: n.roleName == 'label'
                             and n.name.startswith(heading_start), crowd=None) is not None:
                    return w
            return None
        return self.wait('the "%s" dialog' % heading_start, found)

    def set_field(self, dialog, name, value):
        name = self._(name)
        field = self.wait('the field "%s"' % name,
                          lambda: self.find(dialog, lambda n: n.roleName == 'text'
                                            and n.name == name, crowd=None))
        if not field.queryEditableText().setTextContents(value):
            raise Failure('the field "%s" refused the text %r' % (name, value))

    def click_in(self, dialog, label):
        label = self._(label)
        button = self.wait('a sensitive "%s" button' % label,
                           lambda: self.find(dialog, self.button_named(label, sensitive=True),
                                             crowd=None))
        button.doActionNamed('click')

    def label_in(self, dialog, pred):
        return self.find(dialog, lambda n: n.roleName == 'label' and pred(n.name), crowd=None)

    def finish(self):
        close_parkwise(self.window, self.app_proc)

    def cleanup(self, failed):
        if failed:
            print_app_log(self.app_log_path)
        kill_parkwise(self.app_proc)
        shutil.rmtree(self.scratch, ignore_errors=True)


def story_main(argv, doc, body, **kwargs):
    story = Story(argv, doc, **kwargs)
    failed = True
    try:
        story.start()
        body(story)
        story.finish()
        failed = False
        return 0
    finally:
        story.cleanup(failed)
