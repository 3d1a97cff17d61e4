#!/usr/bin/env bash
# The nightly's last step with the data: pull --rebase and push the night's commit, a few times, because
# someone may push code between the checkout and now. Only this job writes data/, so a rebase cannot
# conflict there; a push can still lose a race, or GitHub can hiccup. After the last attempt it fails
# with one line saying so, and appends that line to the file the failed-night issue quotes.
#
# Usage: scripts/push-data.sh [REASON_FILE]   env: GH_TOKEN (optional; sent as a header to this git call
# only, so the checkout never stores it), PUSH_ATTEMPTS (default 3), PUSH_WAIT (seconds, default 10).
set -uo pipefail
reason_file="${1:-}"
attempts="${PUSH_ATTEMPTS:-3}"
wait_s="${PUSH_WAIT:-10}"
if ! [[ "$attempts" =~ ^[1-9][0-9]?$ ]] || ! [[ "$wait_s" =~ ^[0-9]{1,3}$ ]]; then
  echo "push-data: PUSH_ATTEMPTS must be 1-99 and PUSH_WAIT 0-999 seconds" >&2
  exit 2
fi
auth=()
if [ -n "${GH_TOKEN:-}" ]; then
  # The header lives in this process's arguments only; Actions masks the token in logs.
  basic=$(printf 'x-access-token:%s' "$GH_TOKEN" | base64 | tr -d '\n')
  auth=(-c "http.extraheader=AUTHORIZATION: basic $basic")
fi
branch=$(git rev-parse --abbrev-ref HEAD)
last=""
for attempt in $(seq 1 "$attempts"); do
  if out=$(git "${auth[@]}" pull --rebase --quiet origin "$branch" 2>&1) && out=$(git "${auth[@]}" push --quiet origin "HEAD:$branch" 2>&1); then
    echo "push-data: pushed $(git rev-parse --short HEAD) to $branch (attempt $attempt of $attempts)"
    exit 0
  fi
  last=$(printf '%s' "$out" | tr '\n' ' ' | cut -c1-300)
  git rebase --abort >/dev/null 2>&1 || true
  echo "push-data: attempt $attempt of $attempts failed: $last" >&2
  if [ "$attempt" -lt "$attempts" ]; then sleep "$wait_s"; fi
done
line="push-data: the night's data was committed but could not be pushed after $attempts attempts: $last"
echo "$line" >&2
if [ -n "$reason_file" ]; then echo "$line" >> "$reason_file"; fi
exit 1
