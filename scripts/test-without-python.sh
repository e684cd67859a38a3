#!/usr/bin/env bash
# Proves that `npm test` needs no Python: runs the suites that compare Retort with Flask-Migrate
# and Alembic (or any test files given as arguments) where no Python can run. In a private mount
# namespace (nothing outside it changes) every python* and flask executable on the system is
# covered by a tripwire that records the call and fails, and PATH holds only the system folders
# and node's. The run fails if a test fails or if anything called the tripwire.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1-}" != "--inside" ]; then
  if ! unshare --mount --map-root-user --propagation private true 2>/dev/null; then
    echo "test-without-python: cannot make a private mount namespace here (unshare --mount --map-root-user, util-linux): run it as root or where user namespaces are allowed." >&2
    exit 1
  fi
  exec unshare --mount --map-root-user --propagation private "$0" --inside "$@"
fi
shift

calls=$(mktemp)
tripwire=$(mktemp)
printf '#!/bin/sh\necho "$0 $*" >> %s\nexit 127\n' "$calls" > "$tripwire"
chmod +x "$tripwire"
covered=0
for folder in /usr/bin /usr/local/bin /bin "$HOME/.pyenv/shims"; do
  [ -d "$folder" ] || continue
  while IFS= read -r exe; do
    mount --bind "$tripwire" "$exe"
    covered=$((covered + 1))
  done < <(find "$folder" -maxdepth 1 \( -type f -o -type l \) -regextype posix-extended -regex '.*/(python[0-9.]*|flask)' -exec realpath {} \; | sort -u)
done
echo "test-without-python: $covered python/flask executables replaced by a tripwire."

suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  suites=(tests/differential tests/engine/revisions/differential.test.ts tests/engine/autogenerate/differential.test.ts)
fi
status=0
env PATH="$(dirname "$(command -v node)"):/usr/sbin:/usr/bin:/sbin:/bin" \
  node node_modules/vitest/vitest.mjs run --project sqljs "${suites[@]}" || status=$?

if [ -s "$calls" ]; then
  echo "test-without-python: the tests called Python or Flask:" >&2
  sed 's/^/  /' "$calls" >&2
  exit 1
fi
[ "$status" -eq 0 ] || { echo "test-without-python: the tests failed (exit $status)." >&2; exit "$status"; }
echo "test-without-python: the tests passed, and nothing called Python or Flask."
