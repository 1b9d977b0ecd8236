#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: a new user signs the demo park in to a server that cannot be reached.

Usage: test_sign_in_unreachable.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

The story: open Server… from the main menu, type an address where nothing
listens, a user name and a password, press Sign In. The dialog says what failed
and where (the connection to that address was refused), asks nothing about the
database's records, shows no account, no Sync Now and no Sign Out, and the
header bar shows no sync status and nothing pending: the demo's records wait for
no server. Closed and opened again, the dialog still offers to sign in.

Needs an X display and a session bus (the AT-SPI bus is started from it):
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Debian's python3-dogtail is only in /usr/bin/python3.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, check_setup, die_with_parent, import_dogtail, kill_parkwise,
                        log, parkwise_app, print_app_log, run, scratch_env, seed_demo, wait_for)

# The whole test must finish within this, whatever hangs.
OVERALL_TIMEOUT = 150

USER = 'wang'
PASSWORD = 'wang-password-1'


def closed_address():
    """An https address on loopback where nothing listens."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return 'https://127.0.0.1:%d' % port


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
        address = closed_address()

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        # dogtail talks to the AT-SPI bus as soon as it is imported.
        tree, rawinput = import_dogtail()
        import pyatspi

        def wait(what, func, timeout=None):
            if timeout is None:
                return wait_for(what, func, app_proc=app_proc)
            return wait_for(what, func, timeout=timeout, app_proc=app_proc)

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        def find_all(node, pred):
            return node.findChildren(pred)

        def named(name, role=None):
            return lambda n: n.name == name and (role is None or n.roleName == role)

        def showing(node):
            # GTK 4.8 leaves hidden widgets out of the tree and marks the rest visible
            return node.getState().contains(pyatspi.STATE_VISIBLE)

        app = wait('the parkwise application on the accessibility bus', lambda: parkwise_app(tree), timeout=30)
        window = wait('the main window',
                      lambda: find(app, lambda n: n.roleName == 'frame'
                                   and n.name.startswith('Parkwise')))
        log('found the window "%s"' % window.name)

        # The header bar, where the sync status shows (when the database syncs):
        # the panel that holds the main menu button.
        menu_button = wait('the "Main Menu" button',
                           lambda: find(window, lambda n: n.name == 'Main Menu'
                                        and n.roleName == 'push button'
                                        and 'click' in n.actions))
        header = menu_button.parent.parent.parent.parent

        def sync_status_shown():
            """The names of what the header bar shows about syncing."""
            words = ('pending', 'Offline', 'Signed out', 'Sync error', 'Syncing', 'Synced',
                     'Not synced', 'Untrusted')
            return [n.name for n in find_all(header, lambda n: any(w in n.name for w in words))
                    if showing(n)]

        # The demo works alone: no sync status in the header, nothing pending.
        if sync_status_shown():
            raise Failure('before signing in, the header shows %s' % sync_status_shown())

        def top_level(name):
            return lambda: next((w for w in app.children if w.name == name), None)

        def open_server_dialog():
            # The main menu, then its item "Server…".
            menu_button.doActionNamed('click')
            item = wait('the main menu item "Server…"',
                        lambda: find(app, lambda n: n.name == 'Server…'
                                     and n.roleName == 'menu item' and showing(n)))
            item.doActionNamed('click')
            return wait('the "Server" dialog', top_level('Server'))

        dialog = open_server_dialog()
        log('opened the "Server" dialog')

        def text_of(node):
            text = node.queryText()
            return text.getText(0, text.characterCount)

        def set_field(title, value, secret=False):
            field = wait('the field "%s"' % title,
                         lambda: find(dialog, lambda n: n.name == title
                                      and n.roleName in ('text', 'password text')))
            if not field.queryEditableText().setTextContents(value):
                raise Failure('the field "%s" refused the text' % title)
            if not secret:
                wait('the field "%s" to read %r' % (title, value),
                     lambda: text_of(field) == value)
            return field

        set_field('Server address', address)
        set_field('User name', USER)
        set_field('Password', PASSWORD, secret=True)
        log('typed %s, %s and a password' % (address, USER))

        sign_in = wait('the "Sign In" button',
                       lambda: find(dialog, lambda n: n.roleName == 'push button'
                                    and n.name == 'Sign In'))
        sign_in.doActionNamed('click')
        log('pressed Sign In')

        def error_label():
            return find(dialog, lambda n: n.roleName == 'label' and address in n.name
                        and showing(n))

        error = wait('the error that names %s' % address, error_label)
        log('the dialog says: "%s"' % error.name)
        if 'refused' not in error.name:
            raise Failure('the error does not say the connection was refused: %r' % error.name)

        # Nothing was asked about the database's records: the server never answered.
        for name in ('Upload This Database’s Records?', 'Upload This Database’s Parks?'):
            if top_level(name)() is not None:
                raise Failure('the dialog asked "%s" before the server answered' % name)
        # No half account: still the form, no Sync Now, no Sign Out.
        wait('"Sign In" to be usable again', lambda: sign_in.sensitive)
        for label in ('Sync Now', 'Sign Out'):
            shown = [n for n in find_all(dialog, lambda n: n.roleName == 'push button'
                                         and n.name == label) if showing(n)]
            if shown:
                raise Failure('the dialog shows "%s" after a failed sign-in' % label)
        accounts = [n.name for n in find_all(dialog, lambda n: n.name.startswith('%s on ' % USER)
                                             or n.name == 'Account') if showing(n)]
        if accounts:
            raise Failure('the dialog shows an account after a failed sign-in: %s' % accounts)
        # Nothing pending in the header for a server the database never joined.
        if sync_status_shown():
            raise Failure('after the failed sign-in, the header shows %s' % sync_status_shown())
        log('no account, no Sync Now, nothing pending')

        # Closed and opened again: still signed out, with the form to sign in.
        # (Escape closes it, as it closes every dialog)
        rawinput.pressKey('Escape')
        wait('the "Server" dialog to close', lambda: top_level('Server')() is None)
        dialog = open_server_dialog()
        wait('the "Sign In" button again',
             lambda: find(dialog, lambda n: n.roleName == 'push button' and n.name == 'Sign In'
                          and showing(n)))
        if sync_status_shown():
            raise Failure('after reopening the dialog, the header shows %s' % sync_status_shown())
        log('reopened: still the form to sign in, nothing pending')
        return 0
    except BaseException:
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-sign-in-unreachable', main, OVERALL_TIMEOUT)
