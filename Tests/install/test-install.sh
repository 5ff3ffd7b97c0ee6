#!/usr/bin/env bash
# The binary `make install` installed, checked as a user on another machine would meet it:
#   - it needs at run time only the C and C++ runtime libraries (ldd), and is under 40 MB;
#   - `dossier --version` names the source commit;
#   - with the Swift toolchain's folder hidden (an empty tmpfs over it, in a private mount namespace), it builds, checks
#     and publishes (to a folder) the example site, byte-identical to the debug build's output, and imports a saved page
#     through its statically linked libxml2 exactly as the debug build does;
#   - `man dossier` finds and renders the manual, which documents every command and option;
#   - bash-completion's loader finds the bash completions and they complete commands and options; zsh and fish
#     scripts parse, where those shells are installed.
# Usage: test-install.sh WORK DEBUG_DOSSIER   (WORK/prefix holds the installation; the rest of WORK is scratch)
set -euo pipefail
work=$1 debug=$2
prefix=$work/prefix
installed=$prefix/bin/dossier
repo=$(cd "$(dirname "$0")/../.." && pwd)
swift_root=${SWIFT_ROOT:-$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")}
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# ---- run-time libraries and size ----
allowed='^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|ld-linux-x86-64\.so\.2|libc\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libm\.so\.6|libz\.so\.1)$'
libraries=$(ldd "$installed" | awk '{ print $1 }')
echo "ldd $installed:"; ldd "$installed" | sed 's/^/    /'
unexpected=$(grep -Ev "$allowed" <<<"$libraries" || true)
[ -z "$unexpected" ] && pass "links only glibc, libstdc++, libgcc_s, libm and libz" || fail "unexpected run-time libraries: $unexpected"
grep -q "$swift_root" < <(ldd "$installed") && fail "loads libraries from the Swift toolchain ($swift_root)"
grep -q mimalloc <<<"$libraries" && fail "links the shared mimalloc"
size=$(stat -c %s "$installed")
[ "$size" -lt $((100 * 1024 * 1024)) ] && pass "size $((size / 1024 / 1024)) MB ($size bytes) < 100 MB" || fail "size $size bytes >= 100 MB"
readelf -S "$installed" | grep -q '\.symtab' && fail "not stripped"

# ---- version ----
version=$("$installed" --version)
commit=$(git -C "$repo" rev-parse -q --verify HEAD 2>/dev/null || true)
if [ -n "$commit" ]; then
  [[ $version == *"(commit $commit"* ]] && pass "--version: $version" || fail "--version '$version' does not name commit $commit"
else
  [[ $version == *"(unknown commit)" ]] && pass "--version: $version" || fail "--version '$version' outside git"
fi

# ---- the example site, with the toolchain hidden ----
# Each binary gets its own copy of the example site (Content/, and Templates/ when present), so neither sees the
# other's build record.
for who in debug installed; do
  rm -rf "$work/$who" && mkdir -p "$work/$who/site"
  cp -r "$repo/Content" "$work/$who/site/"
  [ -d "$repo/Templates" ] && cp -r "$repo/Templates" "$work/$who/site/"
done
page=$work/page.html  # a saved page in ISO-8859-1, which libxml2 decodes
iconv -f utf-8 -t iso-8859-1 > "$page" <<'HTML'
<!doctype html><html><head><meta charset="iso-8859-1"><title>Café talks resume</title>
<meta property="og:site_name" content="The Wire"><meta name="author" content="Renée Dupont">
<meta property="article:published_time" content="2026-03-05T09:00:00Z"></head><body><nav>Home | World</nav>
<article><h1>Café talks resume</h1><p>Negotiators met again on Thursday in the café near the ministry, where both
sides said the draft naïvely left the hardest questions to a later round of talks.</p><p>A second paragraph gives
the article enough text to be taken for one, with a quote from an official who said the « détente » would hold for
now.</p></article><footer>Copyright</footer></body></html>
HTML
export page
run_example() {  # $1: binary, $2: work folder; writes $2/build.out, $2/check.out, $2/publish.out, $2/import.json
  local dossier=$1 dir=$2
  "$dossier" build --site "$dir/site" --output "$dir/site/Output" > "$dir/build.out" 2>&1
  "$dossier" check --site "$dir/site" > "$dir/check.out" 2>&1
  "$dossier" publish --site "$dir/site" --no-build "$dir/published" > "$dir/publish.out" 2>&1
  "$dossier" import --site "$dir/site" --dry-run --format json "$page" > "$dir/import.json" 2>&1
}
export -f run_example
run_example "$debug" "$work/debug" || fail "the debug build's run failed: $(cat "$work"/debug/*.out)"

# A private mount namespace (root: -m; otherwise a user namespace that maps us to root) with an empty tmpfs over the
# toolchain's folder: nothing of Swift is there for the installed binary to load.
ns=(unshare -m); [ "$(id -u)" = 0 ] || ns=(unshare -r -m)
hidden=$("${ns[@]}" bash -euo pipefail -c '
  mount --make-rprivate /
  mount -t tmpfs -o size=1m empty "$1"
  [ -z "$(ls -A "$1")" ] || { echo "toolchain still visible"; exit 3; }
  ! swift --version >/dev/null 2>&1 || { echo "swift still runs"; exit 3; }
  ! "$3" --version >/dev/null 2>&1 || { echo "the debug build still runs, so the toolchain is not hidden"; exit 3; }
  run_example "$2" "$4" && echo "ran without Swift"
' hide "$swift_root" "$installed" "$debug" "$work/installed" 2>&1) || true
[ "${hidden##*$'\n'}" = "ran without Swift" ] && pass "with $swift_root hidden, the installed binary built, checked, published and imported" \
  || fail "with the toolchain hidden: $hidden $(cat "$work"/installed/*.out 2>/dev/null)"

diff -r "$work/debug/site/Output" "$work/installed/site/Output" >/dev/null \
  && pass "Output/ byte-identical to the debug build's ($(find "$work/installed/site/Output" -type f | wc -l) files)" \
  || fail "Output/ differs from the debug build's: $(diff -rq "$work/debug/site/Output" "$work/installed/site/Output" | head -5)"
[ "$(find "$work/installed/site/Output" -type f | wc -l)" -gt 40 ] || fail "the example built too few files"
diff -r "$work/debug/published" "$work/installed/published" >/dev/null && [ -f "$work/installed/published/index.html" ] \
  && pass "published folder byte-identical to the debug build's" || fail "published folders differ"
diff -rq --exclude='.*' "$work/installed/site/Output" "$work/installed/published" >/dev/null \
  && pass "published folder equals Output/ without its dot files" || fail "published folder differs from Output/"
diff "$work/debug/check.out" "$work/installed/check.out" >/dev/null && grep -q "^0 errors" "$work/installed/check.out" \
  && pass "check: $(tail -1 "$work/installed/check.out")" || fail "check output differs or has errors: $(tail -3 "$work/installed/check.out")"
diff "$work/debug/import.json" "$work/installed/import.json" >/dev/null && grep -q 'Café talks resume' "$work/installed/import.json" \
  && pass "import of an ISO-8859-1 page through the static libxml2 matches the debug build's" \
  || fail "import differs: $(diff "$work/debug/import.json" "$work/installed/import.json" | head -10)"

# ---- the manual ----
manual=$prefix/share/man/man1/dossier.1
rendered=$(MANPATH=$prefix/share/man MANWIDTH=100 man --warnings dossier 2>"$work/man.err" | col -b) || fail "man dossier failed"
[ -s "$work/man.err" ] && fail "the manual renders with warnings: $(head -5 "$work/man.err")"
missing=""
# Every command and every displayed option of the command definitions appears in the rendered page.
while read -r word; do
  grep -qF -- "$word" <<<"$rendered" || missing+=" $word"
done < <("$installed" --experimental-dump-help | python3 -c '
import json, sys
def walk(c):
    print(c["commandName"])
    for a in c.get("arguments") or []:
        if a.get("shouldDisplay", True) and a["kind"] != "positional":
            for n in a.get("names") or []:
                print(("--" if n["kind"] == "long" else "-") + n["name"])
    for s in c.get("subcommands") or []:
        if s.get("shouldDisplay", True): walk(s)
walk(json.load(sys.stdin)["command"])' | sort -u)
[ -z "$missing" ] && pass "man dossier renders every command and option ($(wc -l <<<"$rendered") lines)" \
  || fail "the manual lacks:$missing"
grep -q "EXIT STATUS" <<<"$rendered" || fail "the manual has no EXIT STATUS"

# ---- completions ----
completion=$(XDG_DATA_DIRS=$prefix/share bash -c '
  source /usr/share/bash-completion/bash_completion
  __load_completion dossier || { echo "no completion found"; exit 1; }
  complete -p dossier >/dev/null || { echo "nothing registered"; exit 1; }
  func=$(complete -p dossier | sed -E "s/.*-F ([^ ]+).*/\1/")
  COMP_WORDS=(dossier pu); COMP_CWORD=1; COMP_LINE="dossier pu"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); "$func" dossier pu dossier; echo "commands: ${COMPREPLY[*]}"
  COMP_WORDS=(dossier build --ba); COMP_CWORD=2; COMP_LINE="dossier build --ba"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); "$func" dossier --ba build; echo "options: ${COMPREPLY[*]}"
  COMP_WORDS=(dossier check --format ""); COMP_CWORD=3; COMP_LINE="dossier check --format "; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); "$func" dossier "" --format; echo "values: ${COMPREPLY[*]}"' 2>&1) || true
grep -q "^commands: publish$" <<<"$completion" && grep -q "^options: --base-url$" <<<"$completion" \
  && grep -q "^values: text json$" <<<"$completion" && pass "bash completes from $prefix/share/bash-completion" \
  || fail "bash completion: $completion"
if command -v zsh >/dev/null; then zsh -n "$prefix/share/zsh/site-functions/_dossier" && pass "zsh completion parses" || fail "zsh completion"; fi
if command -v fish >/dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/dossier.fish" && pass "fish completion parses" || fail "fish completion"; fi
[ -s "$prefix/share/zsh/site-functions/_dossier" ] && [ -s "$prefix/share/fish/vendor_completions.d/dossier.fish" ] \
  || fail "zsh or fish completions missing"

[ "$failures" = 0 ] && echo "test-install: all passed" || { echo "test-install: $failures failed" >&2; exit 1; }
