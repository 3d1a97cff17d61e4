#!/usr/bin/env bash
# Attach a dataset written by `npm run dataset -- --out DIR` to its month's GitHub release, `dataset-YYYY-MM`
# (the month of the manifest's `through`): created, as the latest release, on the month's first night, its
# assets replaced on every later night of that month, and left alone once the month is over, so a month's
# URLs are stable and citable. Run by the nightly workflow's dataset job with GH_TOKEN (contents: write).
#   bash publish/dataset/release.sh DIR
set -euo pipefail
dir=${1:?usage: bash publish/dataset/release.sh DIR}
manifest="$dir/manifest.json"
[ -f "$manifest" ] || { echo "release: $manifest: no manifest; write the dataset first (npm run dataset)" >&2; exit 1; }
through=$(node -e 'process.stdout.write(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).through)' "$manifest")
[[ $through =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "release: $manifest: bad through date \"$through\"" >&2; exit 1; }
month=${through:0:7}
tag="dataset-$month"
commit=$(git rev-parse HEAD)
files=()
while read -r _ name; do files+=("$dir/$name"); done < "$dir/SHA256SUMS"
files+=("$manifest" "$dir/SHA256SUMS")
notes="The whole history of ModelScope's API-Inference list through $through, written from data/ at $commit by \`npm run dataset\` (the same data gives the same bytes). Schema and example queries: docs/dataset.md. Checksums: manifest.json and SHA256SUMS (\`sha256sum -c SHA256SUMS\`). The assets are replaced on every night of $month and left as they are after it."
if gh release view "$tag" > /dev/null 2>&1; then
  gh release upload "$tag" "${files[@]}" --clobber
  gh release edit "$tag" --notes "$notes"
else
  gh release create "$tag" "${files[@]}" --target "$commit" --title "Dataset $month" --notes "$notes" --latest
fi
echo "dataset through $through attached to release $tag"
