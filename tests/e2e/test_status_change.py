#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: change a space's status in the parkwise window, check it with parkwise-cli.

Usage: test_status_change.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

Needs an X display and a session bus (the AT-SPI bus is started from it):
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Debian's python3-dogtail is only in /usr/bin/python3.

The window is driven through its accessibility tree (AT-SPI actions and the
Selection interface), plus the keyboard for typing, never by coordinates:
GTK 4 reports positions relative to the window.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, check_setup, close_parkwise, die_with_parent, import_dogtail,
                        kill_parkwise, log, parkwise_app, print_app_log, run, scratch_env, select_child,
                        seed_demo, wait_for)

# The whole test must finish within this, whatever hangs.
OVERALL_TIMEOUT = 150

BUILDING_PREFIX = 'Building T1,'
FLOOR_NAME = 'Floor F03 of T1'
SPACE_PREFIX = 'T1-F03-'
# The ledger's statuses in the order of the PwSpaceStatus enum: the dialog offers
# all of them but the current one, in this order.
STATUSES = ['available', 'reserved', 'leased', 'under_repair',
            'under_renovation', 'frozen', 'disposed']
STATUS_LABELS = {'available': 'available', 'reserved': 'reserved', 'leased': 'leased',
                 'under_repair': 'under repair', 'under_renovation': 'under renovation',
                 'frozen': 'frozen', 'disposed': 'disposed'}
TARGET_STATUS = 'under_repair'
REASON = 'Burst pipe on F03, e2e test'


def main(argv):
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        db = os.path.join(scratch, 'park.db')

        seed_demo(parkwise_cli, db, env)

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        # dogtail talks to the AT-SPI bus as soon as it is imported.
        tree, rawinput = import_dogtail()

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        def named(name, role=None):
            return lambda n: n.name == name and (role is None or n.roleName == role)

        app = wait_for('the parkwise application on the accessibility bus', lambda: parkwise_app(tree),
                       timeout=30, app_proc=app_proc)
        window = wait_for('the main window',
                          lambda: find(app, lambda n: n.roleName == 'frame'
                                       and n.name.startswith('Parkwise')),
                          app_proc=app_proc)
        log('found the window "%s"' % window.name)

        # The tree of parks, buildings and floors: expand T1, select its floor F03.
        tree_list = wait_for('the list "Parks, buildings and floors"',
                             lambda: find(window, named('Parks, buildings and floors', 'list')),
                             app_proc=app_proc)
        building = wait_for('the tree row of building T1',
                            lambda: find(tree_list, lambda n: n.name.startswith(BUILDING_PREFIX)),
                            app_proc=app_proc)
        building.doActionNamed('listitem.expand')

        def floor_index():
            for i, item in enumerate(tree_list.children):
                if any(c.name == FLOOR_NAME for c in item.children):
                    return i + 1  # so that row 0 is true
            return None

        index = wait_for('the tree row "%s"' % FLOOR_NAME, floor_index, app_proc=app_proc) - 1
        select_child(tree_list, index, 'the tree row "%s"' % FLOOR_NAME)
        log('selected "%s"' % FLOOR_NAME)

        # The spaces of that floor; each row's code cell is named like
        # "T1-F03-015, office, 86.40 m², leased".
        table = wait_for('the "Spaces" table',
                         lambda: find(window, named('Spaces', 'tree table')), app_proc=app_proc)

        def space_rows():
            space_list = find(table, lambda n: n.roleName == 'list')
            if space_list is None:
                return None
            rows = []
            for i, row in enumerate(space_list.children):
                cell = find(row, lambda n: n.name.startswith(SPACE_PREFIX))
                if cell is not None:
                    rows.append((i, cell.name))
            return (space_list, rows) if rows else None

        space_list, rows = wait_for('rows of spaces %s…' % SPACE_PREFIX, space_rows,
                                    app_proc=app_proc)
        choice = None
        for i, name in rows:
            parts = [p.strip() for p in name.split(',')]
            if len(parts) >= 4 and parts[1] == 'office' and parts[-1] != STATUS_LABELS[TARGET_STATUS]:
                choice = (i, parts[0], parts[-1], name)
                break
        if choice is None:
            raise Failure('no office on %s to change; rows: %s' % (FLOOR_NAME, [n for _, n in rows]))
        row_index, code, current_label, row_name = choice
        current = [s for s, label in STATUS_LABELS.items() if label == current_label]
        if len(current) != 1:
            raise Failure('cannot read the status of "%s"' % row_name)
        current = current[0]
        select_child(space_list, row_index, 'the space row "%s"' % row_name)
        log('selected the space "%s"' % row_name)

        # The detail shows the selected space.
        # GTK 4.8 names a label by its text.
        def detail_shows_code():
            detail = find(window, named('PwSpaceDetail'))
            return detail is not None and find(detail, named(code, 'label')) is not None

        wait_for('the detail of %s' % code, detail_shows_code, app_proc=app_proc)

        button = wait_for('the "Change status" button',
                          lambda: find(window, lambda n: n.name == 'Change status'
                                       and n.roleName == 'push button' and n.sensitive),
                          app_proc=app_proc)
        button.doActionNamed('click')

        dialog = wait_for('the "Change Status" dialog',
                          lambda: find(app, lambda n: n.name == 'Change Status'
                                       and n.parent is not None and n.parent.roleName == 'application'),
                          app_proc=app_proc)
        dropdown = wait_for('the "New status" dropdown',
                            lambda: find(dialog, named('New status', 'combo box')), app_proc=app_proc)
        wait_for('the "Reason" field', lambda: find(dialog, named('Reason', 'text')),
                 app_proc=app_proc)
        apply_button = wait_for('the "Change Status" button of the dialog',
                                lambda: find(dialog, named('Change Status', 'push button')),
                                app_proc=app_proc)
        if apply_button.sensitive:
            raise Failure('"Change Status" is sensitive before a reason was given')

        # The reason field has the keyboard focus when the dialog opens.
        time.sleep(0.5)
        rawinput.typeText(REASON)

        # Choose the status: open the dropdown's list, move to it, activate it.
        choices = [s for s in STATUSES if s != current]
        steps = choices.index(TARGET_STATUS)
        toggle = wait_for('the dropdown button',
                          lambda: find(dropdown, lambda n: n.roleName in ('push button', 'toggle button')),
                          app_proc=app_proc)
        toggle.doActionNamed('click')
        wait_for('the list of statuses',
                 lambda: find(dropdown, lambda n: n.roleName == 'list'
                              and len(n.children) == len(choices)),
                 app_proc=app_proc)
        time.sleep(0.3)
        for _ in range(steps):
            rawinput.pressKey('Down')
        rawinput.pressKey('Return')
        # GTK 4.8 names neither the list's items nor the chosen value, so the
        # choice is checked in the database at the end.
        time.sleep(0.5)

        wait_for('"Change Status" to become sensitive', lambda: apply_button.sensitive,
                 app_proc=app_proc)
        apply_button.doActionNamed('click')
        log('applied %s → %s with the reason "%s"' % (current, TARGET_STATUS, REASON))

        def dialog_gone():
            return find(app, lambda n: n.name == 'Change Status' and n.parent is not None
                        and n.parent.roleName == 'application') is None

        wait_for('the dialog to close', dialog_gone, app_proc=app_proc)

        def history_has_reason():
            history = find(window, named('History', 'list'))
            return history is not None and any(REASON in c.name for c in history.children)

        wait_for('the history row with the reason', history_has_reason, app_proc=app_proc)
        log('the detail lists the change in its history')

        # Quit, then read the database back with the CLI.
        close_parkwise(window, app_proc)

        show = subprocess.run([parkwise_cli, 'space', 'show', '--db', db, code, '--json'],
                              env=env, capture_output=True, text=True, timeout=30)
        if show.returncode != 0:
            raise Failure('parkwise-cli space show failed (%d): %s%s'
                          % (show.returncode, show.stdout, show.stderr))
        space = json.loads(show.stdout)
        if space.get('status') != TARGET_STATUS:
            raise Failure('%s has the status %r, expected %r' % (code, space.get('status'), TARGET_STATUS))
        today = datetime.date.today().isoformat()
        if space.get('status_since') != today:
            raise Failure('%s has status_since %r, expected %r' % (code, space.get('status_since'), today))
        entries = [h for h in space.get('history', []) if h.get('reason') == REASON]
        if len(entries) != 1:
            raise Failure('expected one history row with the reason %r, found: %s'
                          % (REASON, json.dumps(space.get('history'), ensure_ascii=False)))
        if entries[0].get('date') != today:
            raise Failure('the history row is dated %r, expected %r' % (entries[0].get('date'), today))
        log('parkwise-cli confirms %s is %s since %s, with the history row "%s"'
            % (code, TARGET_STATUS, today, entries[0].get('what')))
        return 0
    except BaseException:
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-status-change', main, OVERALL_TIMEOUT)
