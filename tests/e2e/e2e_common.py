# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: checking their set-up, a scratch home for the
app, seeding the demo park, waiting for the window, and running a test with an
overall timeout that fails rather than hangs."""

import ctypes
import faulthandler
import os
import signal
import subprocess
import sys
import time
import traceback

# How long one step may wait for the window to reach the state it needs.
STEP_TIMEOUT = 20

T0 = time.monotonic()


class Failure(Exception):
    pass


class Timeout(BaseException):
    # not an Exception: pyatspi's tree walks swallow those
    pass


def log(message):
    print('e2e: %5.1f s: %s' % (time.monotonic() - T0, message), flush=True)


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
        except Failure:
            raise
        except Exception as e:  # the tree changes under us: try again
            last_error = e
        time.sleep(0.25)
    detail = ' (last error: %s)' % last_error if last_error else ''
    raise Failure('timed out after %d s waiting for %s%s' % (timeout, what, detail))


def check_setup(argv, usage):
    """The programs and schemas the test was given, and a display and a session
    bus to run them on; None (after printing @usage) for a wrong command line."""
    if len(argv) != 4:
        print(usage, file=sys.stderr)
        return None
    parkwise, parkwise_cli, schema_dir = (os.path.abspath(a) for a in argv[1:])
    for path in (parkwise, parkwise_cli):
        if not os.access(path, os.X_OK):
            raise Failure('%s is not an executable' % path)
    if not os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
        raise Failure('no compiled GSettings schemas in %s' % schema_dir)
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        # A GUI test that cannot run must fail, never skip.
        raise Failure('no display: run under xvfb-run -a dbus-run-session')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        raise Failure('no session bus: run under dbus-run-session')
    return parkwise, parkwise_cli, schema_dir


def import_dogtail():
    """Imports dogtail with the settings every story uses and returns its tree
    and rawinput modules. dogtail talks to the AT-SPI bus as soon as it is
    imported: call this once parkwise is starting."""
    import dogtail.config
    config = dogtail.config.config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.searchShowingOnly = False
    config.childrenLimit = 2000
    config.searchCutoffCount = 2
    config.searchBackoffDuration = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.02
    from dogtail import tree, rawinput
    return tree, rawinput


def parkwise_app(tree):
    """The parkwise application on the accessibility bus, or None."""
    for candidate in tree.root.applications():
        if candidate.name == 'parkwise':
            return candidate
    return None


def close_parkwise(window, app_proc):
    """Closes the main window as a user would and waits for parkwise to quit;
    terminates it if it does not."""
    try:
        window.doActionNamed('window.close')
    except Exception as e:
        if app_proc.poll() is None:
            log('closing the window failed (%s)' % e)
    try:
        app_proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        log('parkwise did not quit after its window closed; terminating it')
        app_proc.terminate()
        app_proc.wait(timeout=10)


def print_app_log(path):
    """Prints what parkwise wrote, for a failed story."""
    if os.path.exists(path):
        with open(path, errors='replace') as f:
            output = f.read()
        if output.strip():
            print('---- parkwise output ----\n' + output + '---- end ----', file=sys.stderr)


def kill_parkwise(app_proc):
    """Kills parkwise if it still runs, however the story ended."""
    if app_proc is not None and app_proc.poll() is None:
        app_proc.kill()
        app_proc.wait()


def scratch_env(scratch, schema_dir):
    """The environment for parkwise: XDG folders in @scratch, settings in memory,
    the cairo renderer and AT-SPI on."""
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
    # Warnings go to the log, printed on failure; a fatal one would only hide
    # what the test is about behind an abort. The same holds for this process:
    # libatspi warns while an application is still registering on the bus, and
    # GLib reads G_DEBUG once, when dogtail loads it.
    g_debug = [f for f in env.get('G_DEBUG', '').split(',') if f and f != 'fatal-warnings']
    env['G_DEBUG'] = ','.join(g_debug)
    os.environ['G_DEBUG'] = env['G_DEBUG']
    return env


def seed_demo(parkwise_cli, db, env):
    log('seeding the demo park into %s' % db)
    demo = subprocess.run([parkwise_cli, 'demo', '--db', db], env=env,
                          capture_output=True, text=True, timeout=60)
    if demo.returncode != 0:
        raise Failure('parkwise-cli demo failed (%d): %s' % (demo.returncode, demo.stderr))


def room_name(space):
    """A room's accessible name from `parkwise-cli space show --json`:
    "T1-F03-008, Office, 182.22 m², Leased"."""
    area = int(space['chargeable_area'])
    return '%s, %s, %s m², %s' % (
        space['code'], space['kind'].replace('_', ' ').capitalize(),
        '{:,}.{:02d}'.format(area // 100, area % 100),
        space['status'].replace('_', ' ').capitalize())


def run(name, main, overall_timeout):
    """Runs main(sys.argv) with an overall timeout and exits with its verdict."""
    def alarm_cb(signum, frame):
        raise Timeout('the test took longer than %d s' % overall_timeout)

    signal.signal(signal.SIGALRM, alarm_cb)
    signal.alarm(overall_timeout)
    # A call stuck inside C (a D-Bus request) is not interrupted by the alarm:
    # dump every thread and exit a little later instead.
    faulthandler.dump_traceback_later(overall_timeout + 15, exit=True)
    try:
        rc = main(sys.argv)
    except (Failure, Timeout) as e:
        print('%s: FAIL: %s' % (name, e), file=sys.stderr)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        print('%s: FAIL: unexpected error (see above)' % name, file=sys.stderr)
        sys.exit(1)
    if rc == 0:
        log('PASS')
    sys.exit(rc)
