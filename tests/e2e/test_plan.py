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

import ctypes
import datetime
import faulthandler
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

# The whole test must finish within this, whatever hangs.
OVERALL_TIMEOUT = 90
# How long one step may wait for the window to reach the state it needs.
STEP_TIMEOUT = 20

SPACE_CODE = 'T1-F03-008'


class Failure(Exception):
    pass


class Timeout(Exception):
    pass


def log(message):
    print('e2e: ' + message, flush=True)


def alarm_cb(signum, frame):
    raise Timeout('the test took longer than %d s' % OVERALL_TIMEOUT)


def die_with_parent():
    # The app must not outlive the test, however the test ends.
    libc = ctypes.CDLL('libc.so.6', use_errno=True)
    PR_SET_PDEATHSIG = 1
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def wait_for(what, func, timeout=STEP_TIMEOUT, app_proc=None):
    """Calls func until it returns something true; fails after timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if app_proc is not None and app_proc.poll() is not None:
            raise Failure('parkwise exited (code %s) while waiting for %s'
                          % (app_proc.returncode, what))
        try:
            result = func()
            if result:
                return result
        except Timeout:
            raise
        except Exception as e:  # the tree changes under us: try again
            last_error = e
        time.sleep(0.25)
    detail = ' (last error: %s)' % last_error if last_error else ''
    raise Failure('timed out after %d s waiting for %s%s' % (timeout, what, detail))


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    parkwise, parkwise_cli, schema_dir = (os.path.abspath(a) for a in argv[1:])
    for path in (parkwise, parkwise_cli):
        if not os.access(path, os.X_OK):
            raise Failure('%s is not an executable' % path)
    if not os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
        raise Failure('no compiled GSettings schemas in %s' % schema_dir)
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        raise Failure('no display: run under xvfb-run -a dbus-run-session')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        raise Failure('no session bus: run under dbus-run-session')

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-plan-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = dict(os.environ)
        for var in ('XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME',
                    'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'):
            path = os.path.join(scratch, var.lower())
            os.makedirs(path, mode=0o700)
            env[var] = path
        env['GSETTINGS_BACKEND'] = 'memory'
        env['GSETTINGS_SCHEMA_DIR'] = schema_dir
        env['GSK_RENDERER'] = 'cairo'
        env['GTK_A11Y'] = 'atspi'
        env.pop('NO_AT_BRIDGE', None)
        g_debug = [f for f in env.get('G_DEBUG', '').split(',') if f and f != 'fatal-warnings']
        env['G_DEBUG'] = ','.join(g_debug)
        os.environ['G_DEBUG'] = env['G_DEBUG']
        db = os.path.join(scratch, 'park.db')

        log('seeding the demo park into %s' % db)
        demo = subprocess.run([parkwise_cli, 'demo', '--db', db], env=env,
                              capture_output=True, text=True, timeout=60)
        if demo.returncode != 0:
            raise Failure('parkwise-cli demo failed (%d): %s' % (demo.returncode, demo.stderr))

        # The room's accessible name, from what the ledger says about it:
        # "T1-F03-008, Office, 182.22 m², Leased".
        show = subprocess.run([parkwise_cli, 'space', 'show', '--db', db, SPACE_CODE, '--json'],
                              env=dict(env, LANGUAGE='C', LC_ALL='C.UTF-8'),
                              capture_output=True, text=True, timeout=30)
        if show.returncode != 0:
            raise Failure('parkwise-cli space show failed (%d): %s' % (show.returncode, show.stderr))
        space = json.loads(show.stdout)
        area = int(space['chargeable_area'])
        room_name = '%s, %s, %s m², %s' % (
            space['code'], space['kind'].replace('_', ' ').capitalize(),
            '{:,}.{:02d}'.format(area // 100, area % 100),
            space['status'].replace('_', ' ').capitalize())
        log('looking for the room "%s"' % room_name)

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        import dogtail.config
        dogtail.config.config.checkForA11y = False
        dogtail.config.config.logDebugToFile = False
        dogtail.config.config.searchShowingOnly = False
        dogtail.config.config.childrenLimit = 2000
        dogtail.config.config.searchCutoffCount = 2
        dogtail.config.config.searchBackoffDuration = 0.2
        dogtail.config.config.actionDelay = 0.2
        dogtail.config.config.typingDelay = 0.02
        from dogtail import tree, rawinput

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        def find_app():
            for candidate in tree.root.applications():
                if candidate.name == 'parkwise':
                    return candidate
            return None

        app = wait_for('the parkwise application on the accessibility bus', find_app,
                       timeout=30, app_proc=app_proc)
        window = wait_for('the main window',
                          lambda: find(app, lambda n: n.roleName == 'frame'
                                       and n.name.startswith('Parkwise')),
                          app_proc=app_proc)

        # The module switcher's "Plans" button.
        plans = wait_for('the "Plans" page button',
                         lambda: find(window, lambda n: n.name in ('Plans', '_Plans')
                                      and n.roleName in ('toggle button', 'push button',
                                                         'radio button', 'page tab')),
                         app_proc=app_proc)
        actions = plans.actions if hasattr(plans, 'actions') else {}
        plans.doActionNamed('click' if 'click' in actions or not actions else list(actions)[0])
        log('switched to the Plans page')

        # Find the space: the search moves to its floor and reveals it.
        wait_for('the plan search entry',
                 lambda: find(window, lambda n: n.name == 'Find a space or tenant'
                              and n.roleName in ('text', 'entry')),
                 app_proc=app_proc)
        # Ctrl+F goes to the search of the page in view; Enter finds the space,
        # switches to its floor and gives its room the keyboard focus.
        time.sleep(0.5)
        rawinput.keyCombo('<Control>f')
        time.sleep(0.3)
        rawinput.typeText(SPACE_CODE)
        rawinput.pressKey('Return')

        canvas = wait_for('the floor plan', lambda: find(window, lambda n: n.name == 'Floor plan'),
                          app_proc=app_proc)
        room = wait_for('the room "%s"' % room_name,
                        lambda: find(canvas, lambda n: n.name == room_name), app_proc=app_proc)
        log('found the room "%s" (%s)' % (room.name, room.roleName))

        wait_for('the room to have the keyboard focus', lambda: room.focused, app_proc=app_proc)

        # Clear the selection, then activate the focused room from the keyboard,
        # as a screen-reader user does.
        rawinput.pressKey('Escape')
        wait_for('the selection to clear',
                 lambda: find(window, lambda n: n.roleName == 'label'
                              and n.name.startswith('Click a room to select it')),
                 app_proc=app_proc)
        rawinput.pressKey('Return')

        def selection_says_one_room():
            return find(window, lambda n: n.roleName == 'label'
                        and n.name.startswith('1 room · ')
                        and n.name.endswith(' chargeable')
                        and space['chargeable_area_m2'] in n.name.replace(',', ''))

        label = wait_for('the selection bar to show the room', selection_says_one_room,
                         app_proc=app_proc)
        log('the selection bar says "%s"' % label.name)

        try:
            window.doActionNamed('window.close')
        except Exception as e:
            log('closing the window failed (%s); terminating' % e)
        try:
            app_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_proc.terminate()
            app_proc.wait(timeout=10)
        return 0
    except BaseException:
        if os.path.exists(app_log_path):
            with open(app_log_path, errors='replace') as f:
                output = f.read()
            if output.strip():
                print('---- parkwise output ----\n' + output + '---- end ----', file=sys.stderr)
        raise
    finally:
        if app_proc is not None and app_proc.poll() is None:
            app_proc.kill()
            app_proc.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    signal.signal(signal.SIGALRM, alarm_cb)
    signal.alarm(OVERALL_TIMEOUT)
    faulthandler.dump_traceback_later(OVERALL_TIMEOUT + 15, exit=True)
    try:
        rc = main(sys.argv)
    except (Failure, Timeout) as e:
        print('e2e-plan: FAIL: %s' % e, file=sys.stderr)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        print('e2e-plan: FAIL: unexpected error (see above)', file=sys.stderr)
        sys.exit(1)
    if rc == 0:
        log('PASS')
    sys.exit(rc)
