#!/bin/bash
# Usage: check-translations.sh SOURCE_ROOT
#
# Regenerates the translation template from po/POTFILES.in with the same
# xgettext options as meson's i18n.gettext(preset: 'glib'), merges every
# language in po/LINGUAS against it and fails when any message is untranslated
# or fuzzy, or when msgfmt --check rejects a catalogue.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

srcroot=$(cd "$1" && pwd)
podir=$srcroot/po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in xgettext msgmerge msgattrib msgfmt; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

# Same as meson's 'glib' preset (mesonbuild/modules/i18n.py) plus the -k_
# meson always adds.  xgettext picks the language of each file from its name:
# C for .c/.h, Desktop for .desktop.in, and the ITS rules installed by GLib,
# GTK and AppStream for .gschema.xml, .ui and .metainfo.xml.in.
xgettext_args=(
  --package-name=parkwise
  --from-code=UTF-8
  --add-comments
  -k_
  --keyword=_
  --keyword=N_
  --keyword=C_:1c,2
  --keyword=NC_:1c,2
  --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3
  --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

pot=$tmp/parkwise.pot
xgettext "${xgettext_args[@]}" -D "$srcroot" -f "$podir/POTFILES.in" -o "$pot"

if [ ! -s "$pot" ] || ! grep -q '^msgid "..*"' "$pot"; then
  echo "xgettext extracted no messages from po/POTFILES.in" >&2
  exit 1
fi

status=0

# Data files must each contribute messages; otherwise xgettext did not
# recognise their format and the check below would pass vacuously.
while IFS= read -r file; do
  file=${file%%#*}
  file=$(echo "$file" | tr -d '[:space:]')
  [ -n "$file" ] || continue
  [ -f "$srcroot/$file" ] || { echo "POTFILES.in lists a missing file: $file" >&2; status=1; continue; }
  case "$file" in
    *.desktop.in|*.metainfo.xml.in|*.gschema.xml)
      if ! grep -q "^#: .*$file:" "$pot"; then
        echo "no messages extracted from $file" >&2
        status=1
      fi
      ;;
  esac
done < "$podir/POTFILES.in"

# Prints the msgids (with their contexts) of a catalogue, without the header.
list_msgids () {
  awk '
    /^msgctxt / { ctxt = $0; next }
    /^msgid / { inid = 1; id = $0; next }
    inid && /^"/ { id = id "\n    " $0; next }
    /^msgstr/ {
      if (inid && id != "msgid \"\"") print "  " (ctxt != "" ? ctxt " " : "") id
      else if (inid && ctxt != "") print "  " ctxt " " id
      inid = 0; ctxt = ""; next
    }
  ' "$1"
}

langs=$(sed -e 's/#.*//' "$podir/LINGUAS" | tr -s '[:space:]' '\n' | sed '/^$/d')
if [ -z "$langs" ]; then
  echo "po/LINGUAS lists no languages" >&2
  exit 1
fi

for lang in $langs; do
  po=$podir/$lang.po
  lang_status=0
  if [ ! -f "$po" ]; then
    echo "$lang: po/$lang.po is missing" >&2
    status=1
    continue
  fi

  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$po"; then
    echo "$lang: msgfmt --check failed" >&2
    lang_status=1
  fi

  merged=$tmp/$lang.po
  msgmerge --quiet --no-wrap "$po" "$pot" -o "$merged"

  if ! msgfmt --check -o /dev/null "$merged"; then
    echo "$lang: msgfmt --check failed on the merged catalogue" >&2
    lang_status=1
  fi

  msgattrib --untranslated --no-obsolete --no-wrap "$merged" -o "$tmp/$lang.untranslated.po"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" -o "$tmp/$lang.fuzzy.po"

  untranslated=$( [ -f "$tmp/$lang.untranslated.po" ] && list_msgids "$tmp/$lang.untranslated.po" || true)
  fuzzy=$( [ -f "$tmp/$lang.fuzzy.po" ] && list_msgids "$tmp/$lang.fuzzy.po" || true)

  if [ -n "$untranslated" ]; then
    echo "$lang: untranslated messages:" >&2
    echo "$untranslated" >&2
    lang_status=1
  fi
  if [ -n "$fuzzy" ]; then
    echo "$lang: fuzzy messages:" >&2
    echo "$fuzzy" >&2
    lang_status=1
  fi

  # One form for the unit of area: the translations write m², as the sources
  # do, never 平方米 (only the setting that explains "m2" may name it).
  metres=$(msgattrib --translated --no-obsolete --no-wrap "$merged" \
             | awk '/^msgstr/ && /平方米/ && !/“m2”/' || true)
  if [ -n "$metres" ]; then
    echo "$lang: messages that write the unit of area as 平方米 instead of m²:" >&2
    echo "$metres" >&2
    lang_status=1
  fi

  if [ $lang_status -eq 0 ]; then
    total=$(grep -c '^msgid ' "$merged" || true)
    echo "$lang: all $((total - 1)) messages translated"
  else
    status=1
  fi
done

exit $status
