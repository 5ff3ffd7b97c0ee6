#!/usr/bin/env bash
# Runs exactly the CI steps of docs/continuous-publishing.md (the ```sh block after its `ci-steps` marker), as a CI
# runner would on each push to a content repository: a bare repository stands for the remote, each "job" clones it
# fresh and runs the steps with the installed dossier on PATH, the Swift toolchain hidden, and a folder as the target.
#   push 1 (the example site): the job passes and the target holds the site;
#   push 2 (an edited event):  the job passes and the target shows the edit;
#   push 3 (a quote not in its source): the job fails with exit 1 at the build step, and the target is unchanged.
# Usage: test-ci-doc.sh WORK DOC   (WORK/prefix/bin/dossier is the installed binary, as test-install.sh leaves it)
set -euo pipefail
work=$1 doc=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
swift_root=${SWIFT_ROOT:-$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")}

if [ "${DOSSIER_CI_DOC_INSIDE:-}" != 1 ]; then
  # Re-run in a private mount namespace with an empty tmpfs over the toolchain: a runner without Swift.
  ns=(unshare -m); [ "$(id -u)" = 0 ] || ns=(unshare -r -m)
  exec "${ns[@]}" env DOSSIER_CI_DOC_INSIDE=1 SWIFT_ROOT="$swift_root" bash -c '
    mount --make-rprivate / && mount -t tmpfs -o size=1m empty "$SWIFT_ROOT" && exec "$0" "$@"' "$0" "$@"
fi

[ -z "$(ls -A "$swift_root")" ] || { echo "FAIL: $swift_root is not hidden" >&2; exit 1; }
steps=$(awk '/<!-- ci-steps/ { marked = 1; next } marked && /^```sh/ { inside = 1; next }
             inside && /^```/ { exit } inside { print }' "$repo/$doc")
[ -n "$steps" ] && grep -q "dossier publish" <<<"$steps" || { echo "FAIL: no ci-steps block in $doc" >&2; exit 1; }
echo "the steps of $doc:"; sed 's/^/    /' <<<"$steps"

ci=$work/ci && rm -rf "$ci" && mkdir -p "$ci"
export PATH=$work/prefix/bin:$PATH GIT_AUTHOR_NAME=Newsroom GIT_AUTHOR_EMAIL=desk@example.org \
  GIT_COMMITTER_NAME=Newsroom GIT_COMMITTER_EMAIL=desk@example.org
[ "$(command -v dossier)" = "$work/prefix/bin/dossier" ] || { echo "FAIL: the installed dossier is not first on PATH" >&2; exit 1; }
target=$ci/www
git init -q --bare "$ci/content.git"
git clone -q "$ci/content.git" "$ci/newsroom" 2>/dev/null
cp -r "$repo/Content" "$ci/newsroom/"
printf 'Output/\n.dossier/\n' > "$ci/newsroom/.gitignore"

job=0
run_job() {  # a fresh checkout of the pushed commit, then the documented steps; sets $status to their exit status
  job=$((job + 1))
  local checkout=$ci/job-$job
  git clone -q "$ci/content.git" "$checkout"
  status=0
  (cd "$checkout" && PUBLISH_TARGET=$target bash -c "$steps") > "$ci/job-$job.log" 2>&1 || status=$?
}
push() { git -C "$ci/newsroom" add -A && git -C "$ci/newsroom" commit -qm "$1" && git -C "$ci/newsroom" push -q origin HEAD 2>/dev/null; }
failures=0
fail() { echo "FAIL: $*" >&2; sed 's/^/    /' "$ci/job-$job.log" >&2; failures=$((failures + 1)); }

push "The example briefing"
run_job
[ "$status" = 0 ] && [ -f "$target/index.html" ] && echo "ok: push 1 published $(find "$target" -type f | wc -l) files" \
  || fail "push 1: exit $status"
grep -q "^0 errors" "$ci/job-$job.log" || fail "push 1: no check summary in the log"

event=$(ls "$ci/newsroom/Content/events/" | head -1)
sed -i -E '0,/^title:/s/^title: .*/title: "Edited on the newsroom desk"/' "$ci/newsroom/Content/events/$event"
push "Retitle an event"
run_job
[ "$status" = 0 ] && grep -rq "Edited on the newsroom desk" "$target/timeline/" \
  && echo "ok: push 2 published the edit" || fail "push 2: exit $status, or the edit is not on the target"

before=$(cd "$target" && find . -type f -exec sha256sum {} + | sort)
source=$(ls "$ci/newsroom/Content/sources/" | head -1)
brief=$(ls "$ci/newsroom/Content/briefs/" | head -1)
printf '\nAs the wire put it, [@%s "a sentence the article never contained"].\n' "${source%.*}" \
  >> "$ci/newsroom/Content/briefs/$brief"
push "Cite a quote that is not in its source"
run_job
[ "$status" = 1 ] && grep -q "error: quote not found in source" "$ci/job-$job.log" && ! grep -q "^0 errors" "$ci/job-$job.log" \
  && echo "ok: push 3 failed the job with exit 1 at the build step" || fail "push 3: exit $status (want 1 from dossier build)"
after=$(cd "$target" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && echo "ok: push 3 left the published site as it was" || fail "push 3 changed the target"

[ "$failures" = 0 ] && echo "test-ci-doc: all passed" || { echo "test-ci-doc: $failures failed" >&2; exit 1; }
