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
            # the window's actions are not always listed (in another
            # language); the app's Quit (Ctrl+Q) closes it too
            log('closing the window failed (%s); pressing Ctrl+Q' % e)
            try:
                from dogtail import rawinput
                rawinput.keyCombo('<Control>q')
            except Exception as e2:
                log('pressing Ctrl+Q failed (%s)' % e2)
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


def select_child(selectable, index, what):
    """Selects child @index of @selectable (a list) through AT-SPI's Selection.
    libatspi waits 800 ms for an answer; a selection whose handlers take longer
    (a loaded machine) still happens, so a missing answer is not a failure: the
    caller waits for what the selection shows. A refusal is."""
    try:
        if not selectable.querySelection().selectChild(index):
            raise Failure('could not select %s' % what)
    except Failure:
        raise
    except Exception as e:
        if 'Did not receive a reply' not in str(e):
            raise
        log('selecting %s: no answer within AT-SPI\'s 800 ms; waiting for its effect' % what)


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


def room_name(space, _=lambda text: text):
    """A room's accessible name from `parkwise-cli space show --json`:
    "T1-F03-008, Office, 182.22 m², Leased", in the language of the
    Translator @_ (English without one)."""
    area = int(space['chargeable_area'])
    return _('%s, %s, %s, %s') % (
        space['code'], _(space['kind'].replace('_', ' ').capitalize()),
        _('%s m²') % '{:,}.{:02d}'.format(area // 100, area % 100),
        _(space['status'].replace('_', ' ').capitalize()))


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


# ---- variants: the same story in another language, or in a narrow window ----

def split_variant(argv):
    """argv without the variant options, and the variant: --lang=LANG runs the
    app in that language, --width=PX starts its window PX logical pixels wide."""
    rest, variant = [], {}
    for arg in argv:
        if arg.startswith('--lang='):
            variant['lang'] = arg[len('--lang='):]
        elif arg.startswith('--width='):
            variant['width'] = int(arg[len('--width='):])
        else:
            rest.append(arg)
    return rest, variant


def variant_name(variant):
    parts = []
    if 'lang' in variant:
        parts.append(variant['lang'])
    if 'width' in variant:
        parts.append('%d px' % variant['width'])
    return ', '.join(parts) or 'English, default size'


class Translator:
    """What the app shows for an English message in the language of the
    variant, read from the build tree's compiled catalogue: the same catalogue
    the app reads, so a story finds widgets by the names they have. Mnemonic
    underscores are removed, as GTK does for a label's text."""

    def __init__(self, localedir=None, lang=None):
        self.catalog = {}
        if lang is not None:
            import gettext
            mo = os.path.join(localedir, lang, 'LC_MESSAGES', 'parkwise.mo')
            if not os.path.exists(mo):
                raise Failure('no compiled %s catalogue at %s' % (lang, mo))
            with open(mo, 'rb') as f:
                self.catalog = gettext.GNUTranslations(f)._catalog

    def _lookup(self, msgid):
        """The translation of @msgid and the key it was found under."""
        if msgid in self.catalog:
            return self.catalog[msgid], msgid
        # with a mnemonic ("Start _Amendment…"), or a context
        for key, value in self.catalog.items():
            if not isinstance(key, str):
                continue
            bare = key.split('\x04')[-1]
            if bare == msgid or bare.replace('_', '') == msgid:
                return value, bare
        return None, None

    def __call__(self, msgid):
        """@msgid as shown: a msgid with a mnemonic ("_Contracts") gives the
        label's text, without the underscore, in either language."""
        if not self.catalog:
            return msgid.replace('_', '')
        if '_' in msgid:
            text, key = self._lookup(msgid)
            if not text:
                raise Failure('the catalogue has no translation of %r' % msgid)
            return text.replace('_', '')
        text, key = self._lookup(msgid)
        if not text:
            raise Failure('the catalogue has no translation of %r' % msgid)
        # a label with a mnemonic shows its text without the underscore
        return text.replace('_', '') if '_' in key and '_' not in msgid else text

    def format_regex(self, msgid, *groups):
        """A regular expression for the translated @msgid (a printf format of
        %s only), each %s in turn replaced by the pattern in @groups."""
        import re
        pieces = self(msgid).split('%s')
        if len(pieces) != len(groups) + 1:
            raise Failure('%r does not have %d %%s' % (self(msgid), len(groups)))
        out = re.escape(pieces[0])
        for group, piece in zip(groups, pieces[1:]):
            out += group + re.escape(piece)
        return re.compile(out)


def apply_variant(variant, env, parkwise):
    """Sets @env (the app's) for @variant and returns the Translator of its
    language. The window's size is a GSettings value: a narrow window starts
    from a keyfile settings backend in the scratch XDG_CONFIG_HOME."""
    builddir = os.path.dirname(os.path.dirname(os.path.dirname(parkwise)))
    translator = Translator()
    if 'lang' in variant:
        localedir = os.path.join(builddir, 'po')
        translator = Translator(localedir, variant['lang'])
        env['LANGUAGE'] = variant['lang']
        env['LC_ALL'] = 'C.UTF-8'
        env['PARKWISE_LOCALEDIR'] = localedir
    if 'width' in variant:
        folder = os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'keyfile'), 'w') as f:
            f.write('[io/github/parkwise/Parkwise]\nwindow-width=%d\nwindow-height=720\n'
                    % variant['width'])
        env['GSETTINGS_BACKEND'] = 'keyfile'
    return translator


def check_window_width(window, variant):
    """Fails unless the window is as wide as @variant asks (when it asks)."""
    if 'width' not in variant:
        return
    width = window.size[0]
    if abs(width - variant['width']) > 1:
        raise Failure('the window is %d px wide, not %d' % (width, variant['width']))
    log('the window is %d px wide' % width)


def find_pruned(node, pred, crowd=40):
    """The first node under @node (depth first) for which @pred holds, not
    looking into lists of more than @crowd rows: the other pages' lists make a
    walk of the whole window slow, tens of seconds on a busy machine."""
    stack = [node]
    while stack:
        parent = stack.pop()
        count = parent.childCount
        if parent is not node and count > crowd:
            continue
        children = [c for c in (parent.getChildAtIndex(i) for i in range(count)) if c is not None]
        for child in children:
            if pred(child):
                return child
        stack.extend(reversed(children))
    return None
