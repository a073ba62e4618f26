#!/usr/bin/env bash
# Builds the Debian package and checks it: lintian finds no error, and the binary it holds
# runs from a throwaway directory (`--version`, `man`). Needs cargo-deb, dpkg-deb and lintian
# (`cargo install --locked cargo-deb`, `apt-get install lintian`).
#   scripts/package-deb.sh            # target/debian/pilotage_<version>-1_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked
bin=target/release/pilotage

# What the package carries beside the binary is made by the binary, so the man page and the
# completions never disagree with --help, and the unit names the binary where the package puts it.
assets=target/assets
rm -rf "$assets" && mkdir -p "$assets"
"$bin" man | gzip -9n > "$assets/pilotage.1.gz"
"$bin" completions bash > "$assets/pilotage.bash"
"$bin" completions zsh > "$assets/_pilotage"
"$bin" completions fish > "$assets/pilotage.fish"
gzip -9n < CHANGELOG.md > "$assets/changelog.gz"
# The licence text as a field of Debian's machine-readable copyright file.
sed -e 's/^$/./' -e 's/^/ /' LICENSE > "$assets/LICENSE.dep5"
sed 's|/usr/local/bin/pilotage|/usr/bin/pilotage|g' contrib/pilotage.service > "$assets/pilotage.service"

deb=$(cargo deb --no-build --locked | tail -n 1)
echo "package: $deb"

echo "== lintian"
# Errors fail the build; warnings are printed for whoever reads the log.
lintian --fail-on error --tag-display-limit 0 "$deb"

echo "== the package's binary, run from where it was unpacked"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch"
"$scratch/usr/bin/pilotage" --version
"$scratch/usr/bin/pilotage" man | grep -q '^\.TH pilotage 1'
for f in usr/share/man/man1/pilotage.1.gz usr/share/bash-completion/completions/pilotage \
    usr/share/zsh/vendor-completions/_pilotage usr/share/fish/vendor_completions.d/pilotage.fish \
    usr/lib/sysusers.d/pilotage.conf usr/lib/tmpfiles.d/pilotage.conf; do
    test -s "$scratch/$f" || { echo "missing from the package: $f" >&2; exit 1; }
done
unit=$(find "$scratch" -name pilotage.service | head -n 1)
test -n "$unit" || { echo "missing from the package: pilotage.service" >&2; exit 1; }
grep -q '^ExecStart=/usr/bin/pilotage ' "$unit"
echo "package checked: $deb"
