#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end: edit a floor on the Plans page from the keyboard and check the ledger.

Usage: test_plan_edit.py PARKWISE PARKWISE_CLI GSETTINGS_SCHEMA_DIR [--lang=LANG] [--width=PX]

On the demo park's T1 Floor 3: edit mode (Ctrl+E); a 6 × 4 m room drawn by typing its
lengths; the vacant lift lobby T1-F03-003 split in two (T1-F03-003A and -003B); the vacant T1-F03-005 and -006
merged; undo twice, redo once; then a split of the leased T1-F03-008, which is refused with a
message naming the contract that holds it. Every step is checked with parkwise-cli.

With --lang=zh_CN the app runs in Chinese and every widget is found by the name the
build tree's catalogue gives it; with --width=360 the window starts 360 px wide (its
GSettings size, from a keyfile backend in the scratch folder). meson runs all three.

Needs an X display and a session bus:
    xvfb-run -a dbus-run-session -- meson test -C _build --suite e2e
Debian's python3-dogtail is only in /usr/bin/python3. The canvas is driven with real
key presses (the editor works without a pointer), never by coordinates.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_common import (Failure, apply_variant, check_setup, check_window_width, close_parkwise,
                        die_with_parent, find_pruned, import_dogtail, kill_parkwise, log,
                        parkwise_app, print_app_log, room_name, run, scratch_env, seed_demo,
                        split_variant, variant_name, wait_for)

OVERALL_TIMEOUT = 150

LOBBY = 'T1-F03-003'    # vacant, 20.8–32.8 × 10.8–19.2 m
LEASED = 'T1-F03-008'   # leased, 0–14.4 × 0–9 m
NEW_ROOM = 'T1-F03-018'  # the floor's next free code
KEPT = LOBBY + 'A'       # a split's parts take derived codes (docs/plan-editing.md)
PART = LOBBY + 'B'
MERGE_A = 'T1-F03-005'   # vacant, 38.8–45.2 × 10.8–19.2 m
MERGE_B = 'T1-F03-006'   # vacant, 45.2–49.2 × 10.8–19.2 m


def main(argv):
    argv, variant = split_variant(argv)
    setup = check_setup(argv, __doc__)
    if setup is None:
        return 2
    parkwise, parkwise_cli, schema_dir = setup

    scratch = tempfile.mkdtemp(prefix='parkwise-e2e-plan-edit-')
    app_proc = None
    app_log_path = os.path.join(scratch, 'parkwise.log')
    try:
        env = scratch_env(scratch, schema_dir)
        cli_env = dict(env, LANGUAGE='C', LC_ALL='C.UTF-8')
        _ = apply_variant(variant, env, parkwise)
        log('the story in %s' % variant_name(variant))
        db = os.path.join(scratch, 'park.db')
        seed_demo(parkwise_cli, db, cli_env)

        def space(code):
            """The space as the ledger has it, or None."""
            show = subprocess.run([parkwise_cli, 'space', 'show', '--db', db, code, '--json'],
                                  env=cli_env, capture_output=True, text=True, timeout=30)
            return json.loads(show.stdout) if show.returncode == 0 else None

        def exists(code):
            s = space(code)
            return s is not None and s['status'] != 'disposed'

        lobby = space(LOBBY)
        whole = lobby['gross_area']
        if space(NEW_ROOM) is not None or space(PART) is not None:
            raise Failure('the demo park already has %s or %s' % (NEW_ROOM, PART))

        log('starting %s' % parkwise)
        with open(app_log_path, 'w') as app_log:
            app_proc = subprocess.Popen([parkwise, '--db', db], env=env,
                                        stdout=app_log, stderr=subprocess.STDOUT,
                                        preexec_fn=die_with_parent)
        tree, rawinput = import_dogtail()

        def find(node, pred):
            return node.findChild(pred, retry=False, requireResult=False)

        def wait(what, func, timeout=20):
            return wait_for(what, func, timeout=timeout, app_proc=app_proc)

        app = wait('the parkwise application on the accessibility bus', lambda: parkwise_app(tree),
                   timeout=30)
        window = wait('the main window', lambda: find(app, lambda n: n.roleName == 'frame'))
        check_window_width(window, variant)
        plans = wait('the "Plans" page button',
                     lambda: find_pruned(window, lambda n: n.name in (_('Plans'), _('_Plans'))
                                  and n.roleName in ('toggle button', 'push button',
                                                     'radio button', 'page tab')))
        actions = plans.actions if hasattr(plans, 'actions') else {}
        plans.doActionNamed('click' if 'click' in actions or not actions else list(actions)[0])
        wait('the plan search entry',
             lambda: find_pruned(window, lambda n: n.name == _('Find a space or tenant')
                          and n.roleName in ('text', 'entry')))
        time.sleep(0.5)

        # Searches stay inside the plan (its canvas and what lies over it): the
        # other pages' lists make a walk of the whole window slow.
        canvas = wait('the floor plan',
                      lambda: find_pruned(window, lambda n: n.name == _('Floor plan')
                                             and n.roleName != 'label'))
        plan = canvas.parent
        log('found the plan')

        def focus_room(code):
            """Finds the room with the page's search: it is picked and has the keyboard focus."""
            time.sleep(1)  # the plan loads the floor again after an edit, at idle
            name = room_name(space(code), _)
            rawinput.keyCombo('<Control>f')
            time.sleep(0.3)
            rawinput.keyCombo('<Control>a')
            rawinput.typeText(code)
            rawinput.pressKey('Return')
            room = wait('the room "%s"' % name, lambda: find(canvas, lambda n: n.name == name))
            wait('the room %s to have the keyboard focus' % code, lambda: room.focused)
            time.sleep(0.3)

        def keys(*combos):
            for combo in combos:
                rawinput.keyCombo(combo)
                time.sleep(0.05)

        def typed(text):
            for ch in text:
                rawinput.pressKey(ch)
                time.sleep(0.05)

        # Edit mode, from the keyboard; the pointer off the window, so that the
        # drawing cursor starts from the room picked
        rawinput.absoluteMotion(1, 999)
        focus_room(LOBBY)
        keys('<Control>e')
        wait('the editing tools', lambda: find(plan, lambda n: n.name == _('Draw Rectangle')))
        log('edit mode is on')

        # A 6 × 4 m room east of the floor (which ends at x = 60 m): R, the cursor
        # 8 m east of the middle of T1-F03-013 (x = 55.5 m), a corner, then the lengths
        focus_room('T1-F03-013')
        keys('r')
        keys(*(['<Shift>Right'] * 8))
        keys('Return')
        typed('6')
        keys('Return')
        typed('4')
        keys('Return')
        # the kind is asked in a popover whose Create Room button has the focus
        time.sleep(1)
        keys('Return')
        new = wait('%s in the ledger' % NEW_ROOM, lambda: space(NEW_ROOM))
        if new['gross_area'] != 2400 or new['status'] != 'available':
            raise Failure('the new room is %s, %s m²' % (new['status'], new['gross_area_m2']))
        log('drew %s: %s m²' % (NEW_ROOM, new['gross_area_m2']))

        # Split the lobby down x = 26.8 m: S, the cursor 5 m north of its middle (outside
        # it), a point, then 10 m south, and Enter again to finish
        focus_room(LOBBY)
        keys('s')
        keys(*(['<Shift>Up'] * 5))
        keys('Return', 'Down')
        typed('10')
        keys('Return', 'Return')
        part = wait('the split part %s in the ledger' % PART, lambda: space(PART))
        kept = space(KEPT)
        if kept is None or kept['id'] != lobby['id']:
            raise Failure('the lobby did not keep its id as %s' % KEPT)
        if kept['gross_area'] + part['gross_area'] != whole:
            raise Failure('the parts (%s + %s) do not add up to %s'
                          % (kept['gross_area_m2'], part['gross_area_m2'], lobby['gross_area_m2']))
        if not any('Split' in h['what'] for h in kept['history']):
            raise Failure('%s has no split in its history: %s' % (KEPT, kept['history']))
        log('split %s into %s and %s: %s + %s m²' % (LOBBY, KEPT, PART, kept['gross_area_m2'],
                                                   part['gross_area_m2']))

        # Merge two vacant rooms that share a wall (x = 45.2 m): M with the first
        # picked, then the second found, Enter
        before_merge = space(MERGE_A)['gross_area'] + space(MERGE_B)['gross_area']
        focus_room(MERGE_A)
        keys('m')
        focus_room(MERGE_B)
        keys('Return')
        wait('%s to be merged into %s' % (MERGE_B, MERGE_A), lambda: not exists(MERGE_B))
        merged = space(MERGE_A)
        if merged['gross_area'] != before_merge:
            raise Failure('the merged room has %s m²' % merged['gross_area_m2'])
        if not any('Merged' in h['what'] for h in merged['history']):
            raise Failure('%s has no merge in its history: %s' % (MERGE_A, merged['history']))
        log('merged %s into %s: %s m²' % (MERGE_B, MERGE_A, merged['gross_area_m2']))

        # Undo twice (the merge, the split), redo once (the split)
        focus_room(NEW_ROOM)
        keys('<Control>z')
        wait('the merge to be undone', lambda: exists(MERGE_B))
        if space(MERGE_A)['gross_area'] + space(MERGE_B)['gross_area'] != before_merge:
            raise Failure('the merge undone does not give the areas back')
        focus_room(NEW_ROOM)
        keys('<Control>z')
        wait('the split to be undone', lambda: not exists(PART) and exists(LOBBY))
        if space(LOBBY)['gross_area'] != whole:
            raise Failure('the lobby did not get its area back')
        focus_room(NEW_ROOM)
        keys('<Shift><Control>z')
        wait('the split to be redone', lambda: exists(PART))
        if space(KEPT)['gross_area'] + space(PART)['gross_area'] != whole:
            raise Failure('the redone parts do not add up')
        if not exists(NEW_ROOM) or not exists(MERGE_B):
            raise Failure('the undo went too far')
        log('undid twice and redid once')

        # A leased room cannot be split: the message names its contract
        focus_room(LEASED)
        keys('s')
        keys(*(['<Shift>Up'] * 5))
        keys('Return', 'Down')
        typed('12')
        keys('Return', 'Return')
        pattern = _.format_regex('%s cannot be split: contract %s holds it; amend the contract first',
                                 re.escape(LEASED), r'(\S+?)')
        label = wait('the refusal on the plan',
                     lambda: find(plan, lambda n: n.roleName == 'label'
                                  and pattern.search(n.name or '')))
        contract = pattern.search(label.name).group(1)
        wait('the offer to amend %s' % contract,
             lambda: find(plan, lambda n: n.name == _('Start Amendment…')))
        if exists(LEASED + 'B') or not exists(LEASED):
            raise Failure('the refused split wrote something')
        log('refused: "%s"' % label.name)

        close_parkwise(window, app_proc)
        return 0
    except BaseException:
        print_app_log(app_log_path)
        raise
    finally:
        kill_parkwise(app_proc)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    run('e2e-plan-edit', main, OVERALL_TIMEOUT)
