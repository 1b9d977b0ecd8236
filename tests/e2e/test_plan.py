#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: find a room on the Plans page by its accessible name and activate it.

Usage: test_plan.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

Needs an X display and a session bus (the AT-SPI bus is started from it):
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Debian's python3-dogtail is only in /usr/bin/python3.

The window is driven through its accessibility tree (AT-SPI actions and the
Selection interface), plus the keyboard for typing, never by coordinates:
GTK 4 reports positions relative to the window.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, check_setup, close_parkwise, die_with_parent, find_pruned,
                        import_dogtail, kill_parkwise, log, parkwise_app, print_app_log,
                        room_name, run, scratch_env, seed_demo, wait_for)

# The whole test must finish within this, whatever hangs.
OVERALL_TIMEOUT = 150

SPACE_CODE = 'T1-F03-008'


def main(argv):
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-plan-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        db = os.path.join(scratch, 'park.db')

        seed_demo(parkwise_cli, db, env)

        # The room's accessible name, from what the ledger says about it:
        # "T1-F03-008, Office, 182.22 m², Leased".
        show = subprocess.run([parkwise_cli, 'space', 'show', '--db', db, SPACE_CODE, '--json'],
                              env=dict(env, LANGUAGE='C', LC_ALL='C.UTF-8'),
                              capture_output=True, text=True, timeout=30)
        if show.returncode != 0:
            raise Failure('parkwise-cli space show failed (%d): %s' % (show.returncode, show.stderr))
        space = json.loads(show.stdout)
        name = room_name(space)
        log('looking for the room "%s"' % name)

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        tree, rawinput = import_dogtail()

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        app = wait_for('the parkwise application on the accessibility bus', lambda: parkwise_app(tree),
                       timeout=30, app_proc=app_proc)
        window = wait_for('the main window',
                          lambda: find(app, lambda n: n.roleName == 'frame'
                                       and n.name.startswith('Parkwise')),
                          app_proc=app_proc)

        # The module switcher's "Plans" button.
        plans = wait_for('the "Plans" page button',
                         lambda: find_pruned(window, lambda n: n.name in ('Plans', '_Plans')
                                      and n.roleName in ('toggle button', 'push button',
                                                         'radio button', 'page tab')),
                         app_proc=app_proc)
        actions = plans.actions if hasattr(plans, 'actions') else {}
        plans.doActionNamed('click' if 'click' in actions or not actions else list(actions)[0])
        log('switched to the Plans page')

        # Find the space: the search moves to its floor and reveals it.
        wait_for('the plan search entry',
                 lambda: find_pruned(window, lambda n: n.name == 'Find a space or tenant'
                              and n.roleName in ('text', 'entry')),
                 app_proc=app_proc)
        # Ctrl+F goes to the search of the page in view; Enter finds the space,
        # switches to its floor and gives its room the keyboard focus.
        time.sleep(0.5)
        rawinput.keyCombo('<Control>f')
        time.sleep(0.3)
        rawinput.typeText(SPACE_CODE)
        rawinput.pressKey('Return')

        canvas = wait_for('the floor plan', lambda: find_pruned(window, lambda n: n.name == 'Floor plan'),
                          app_proc=app_proc)
        room = wait_for('the room "%s"' % name,
                        lambda: find(canvas, lambda n: n.name == name), app_proc=app_proc)
        log('found the room "%s" (%s)' % (room.name, room.roleName))

        wait_for('the room to have the keyboard focus', lambda: room.focused, app_proc=app_proc)

        # Clear the selection, then activate the focused room from the keyboard,
        # as a screen-reader user does.
        rawinput.pressKey('Escape')
        wait_for('the selection to clear',
                 lambda: find_pruned(window, lambda n: n.roleName == 'label'
                              and n.name.startswith('Click a room to select it')),
                 app_proc=app_proc)
        rawinput.pressKey('Return')

        def selection_says_one_room():
            return find_pruned(window, lambda n: n.roleName == 'label'
                        and n.name.startswith('1 room · ')
                        and n.name.endswith(' chargeable')
                        and space['chargeable_area_m2'] in n.name.replace(',', ''))

        label = wait_for('the selection bar to show the room', selection_says_one_room,
                         app_proc=app_proc)
        log('the selection bar says "%s"' % label.name)

        close_parkwise(window, app_proc)
        return 0
    except BaseException:
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-plan', main, OVERALL_TIMEOUT)
