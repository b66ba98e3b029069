#!/bin/sh
# Compares two compiles of the same session: PDFs byte for byte apart from their dates (D:…) and
# /ID, DOCX packages part by part apart from the dates in docProps/core.xml. Used to show that a
# refactor leaves the sample's output unchanged (issue 12):
#   scripts/compare-outputs.sh before.pdf after.pdf before.docx after.docx
set -e
[ $# -eq 4 ] || { echo "usage: $0 a.pdf b.pdf a.docx b.docx" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
norm() { LC_ALL=C sed -E "s/\(D:[0-9Z+'-]+\)/(D:X)/g; s/\/ID \[<[0-9a-fA-F]+> <[0-9a-fA-F]+>\]/\/ID [X]/g" "$1"; }
norm "$1" > "$tmp/a.pdf"; norm "$2" > "$tmp/b.pdf"
rc=0
if cmp -s "$tmp/a.pdf" "$tmp/b.pdf"; then echo "PDF identical apart from dates and ID"; else echo "PDF DIFFERS"; rc=1; fi
mkdir "$tmp/a" "$tmp/b"
unzip -q "$(realpath "$3")" -d "$tmp/a"
unzip -q "$(realpath "$4")" -d "$tmp/b"
for f in "$tmp/a/docProps/core.xml" "$tmp/b/docProps/core.xml"; do LC_ALL=C sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/T/g' "$f"; done
if diff -r "$tmp/a" "$tmp/b" > /dev/null; then echo "DOCX parts identical apart from dates"; else echo "DOCX DIFFERS"; diff -rq "$tmp/a" "$tmp/b" | head; rc=1; fi
exit $rc
