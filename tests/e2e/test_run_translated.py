#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: Parkwise started from the build tree with build-aux/run.sh, as
the README says, speaks the user's language.

Usage: test_run_translated.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR

The story: a user whose language is zh_CN builds Parkwise and starts it with
build-aux/run.sh, without installing it. The window's main menu button and its
pages are named in Chinese ("主菜单", "资产"), not in English: the translations
come from the build tree's compiled catalogues. The Plans page, shown, lays out
without a GTK warning.

Needs an X display and a session bus (the AT-SPI bus is started from it):
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Debian's python3-dogtail is only in /usr/bin/python3.
"""

import os
import shutil
import subprocess
import tempfile
import time

from e2e_common import (Failure, check_setup, die_with_parent, import_dogtail, log,
                        parkwise_app, run, scratch_env, seed_demo, wait_for)

OVERALL_TIMEOUT = 150


def main(argv):
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup
    # parkwise is BUILDDIR/src/app/parkwise; run.sh is in the source tree
    builddir = os.path.dirname(os.path.dirname(os.path.dirname(parkwise)))
    run_sh = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                          'build-aux', 'run.sh')
    if not os.path.exists(os.path.join(builddir, 'po', 'zh_CN', 'LC_MESSAGES', 'parkwise.mo')):
        raise Failure('no compiled zh_CN catalogue in %s/po' % builddir)

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        db = os.path.join(scratch, 'park.db')
        seed_demo(parkwise_cli, db, env)
        # what a Chinese-speaking user has; nothing says where the translations are
        env['LANGUAGE'] = 'zh_CN'
        env['LC_ALL'] = 'C.UTF-8'
        env.pop('PARKWISE_LOCALEDIR', None)

        log('starting %s %s' % (run_sh, builddir))
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen(['bash', run_sh, builddir, '--', '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)

        tree, rawinput = import_dogtail()

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        app = wait_for('the parkwise application on the accessibility bus', lambda: parkwise_app(tree),
                       timeout=30, app_proc=app_proc)
        window = wait_for('the main window',
                          lambda: find(app, lambda n: n.roleName == 'frame'),
                          app_proc=app_proc)
        log('found the window "%s"' % window.name)
        wait_for('the main menu button named in Chinese',
                 lambda: find(window, lambda n: n.name == '主菜单'
                              and n.roleName == 'push button'),
                 app_proc=app_proc)
        wait_for('the Assets page named in Chinese',
                 lambda: find(window, lambda n: n.name is not None and '资产' in n.name),
                 app_proc=app_proc)
        english = find(window, lambda n: n.name == 'Main Menu')
        if english is not None:
            raise Failure('a button is still named in English: "Main Menu"')
        log('the window speaks Chinese')
        # every control has a name of its own, not its type's ("GtkToggleButton")
        typed = window.findChildren(lambda n: n.name is not None and n.name.startswith('Gtk')
                                    and n.roleName in ('push button', 'toggle button',
                                                       'menu button', 'combo box', 'frame',
                                                       'dialog', 'window'))
        if typed:
            raise Failure('controls named by their type: %s'
                          % ', '.join('%s (%s)' % (n.name, n.roleName) for n in typed))

        # The Plans page, shown, lays out without GTK warning about it (once
        # "GtkLabel … reported min width -3").
        plans = wait_for('the Plans page button',
                         lambda: find(window, lambda n: n.name is not None and n.name.startswith('平面图')
                                      and n.roleName in ('toggle button', 'push button',
                                                         'radio button', 'page tab')),
                         app_proc=app_proc)
        actions = plans.actions if hasattr(plans, 'actions') else {}
        plans.doActionNamed('click' if 'click' in actions or not actions else list(actions)[0])
        wait_for('the plan search entry',
                 lambda: find(window, lambda n: n.roleName in ('text', 'entry')
                              and n.name == '查找空间或租户'),
                 app_proc=app_proc)
        time.sleep(2)
        with open(app_log_path) as f:
            warnings = [line for line in f if 'WARNING' in line or 'CRITICAL' in line]
        if warnings:
            raise Failure('showing the Plans page warned:\n%s' % ''.join(warnings))
        log('the Plans page showed without a warning')
        return 0
    finally:
        if app_proc is not None and app_proc.poll() is None:
            app_proc.terminate()
            try:
                app_proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app_proc.kill()
                app_proc.wait()
        if app_proc is not None and app_proc.returncode not in (None, 0, -15):
            with open(app_log_path) as f:
                print(f.read())
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('test_run_translated', main, OVERALL_TIMEOUT)
