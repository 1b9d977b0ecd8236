#!/bin/bash
# Usage: check-icons.sh XMLLINT ICONS_DIR
# Checks that the application icons are well-formed SVG of the right size,
# and that the symbolic icon uses the single symbolic colour #2e3436.
set -eu

xmllint=$1
icons=$2
app_id=io.github.parkwise.Parkwise
status=0

check () {
  local file=$1 size=$2 w h vb
  if [ ! -f "$file" ]; then
    echo "missing: $file" >&2
    status=1
    return
  fi
  if ! "$xmllint" --noout "$file"; then
    echo "not well-formed: $file" >&2
    status=1
    return
  fi
  w=$("$xmllint" --xpath 'string(/*[local-name()="svg"]/@width)' "$file")
  h=$("$xmllint" --xpath 'string(/*[local-name()="svg"]/@height)' "$file")
  vb=$("$xmllint" --xpath 'string(/*[local-name()="svg"]/@viewBox)' "$file")
  if [ "$w" != "$size" ] || [ "$h" != "$size" ] || [ "$vb" != "0 0 $size $size" ]; then
    echo "$file: expected ${size}x${size} (viewBox 0 0 $size $size), got ${w}x${h} (viewBox $vb)" >&2
    status=1
  fi
}

check "$icons/hicolor/scalable/apps/$app_id.svg" 128
symbolic="$icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check "$symbolic" 16

if [ -f "$symbolic" ]; then
  other=$(grep -oiE '#[0-9a-f]{3,6}\b' "$symbolic" | tr 'A-F' 'a-f' | sort -u | grep -vx '#2e3436' || true)
  if [ -n "$other" ]; then
    echo "$symbolic: uses colours other than #2e3436: $other" >&2
    status=1
  fi
fi

exit $status
