#!/usr/bin/env bash
# Makes the Dockerfile's base image (its `FROM`, e.g. node:20-bookworm-slim) on a machine that
# cannot pull from a registry: a Debian bookworm root made by debootstrap from Debian's mirror,
# with this machine's Node.js and npm (which must be of the tag's major) and the `node` user
# (uid 1000) the official image has, imported under the exact name the Dockerfile asks for.
# It also trusts what this machine trusts (its extra CAs in /usr/local/share/ca-certificates):
# where egress goes through an inspecting proxy, `npm install` in the build needs that too.
# The root is made once and kept as a tarball in STAND_IN_CACHE; nothing happens when Docker
# already has the image (pulled, or imported before).
#   bash scripts/container/stand-in-base.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

image=$(awk '/^FROM /{print $2; exit}' Dockerfile)
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "stand-in: $image is already there"
  exit 0
fi
major=$(sed -E 's/^node:([0-9]+).*/\1/' <<<"$image")
node_version=$(node --version)
if [ "${node_version#v}" = "${node_version#v$major.}" ]; then
  echo "stand-in: $image wants Node.js $major, this machine has $node_version" >&2
  exit 1
fi

cache=${STAND_IN_CACHE:-/var/cache/webhooks-stand-in}
# The recipe's version is in the name: a changed recipe makes a new root.
tarball="$cache/$(tr ':/' '__' <<<"$image")-$node_version-r2.tar"
if [ ! -f "$tarball" ]; then
  echo "stand-in: making $image with debootstrap (once; kept in $cache)"
  mkdir -p "$cache"
  rm -f "$cache/$(tr ':/' '__' <<<"$image")"-*.tar # older recipes'
  root=$(mktemp -d /tmp/stand-in-root.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase --include=ca-certificates bookworm "$root" \
    http://deb.debian.org/debian >/dev/null
  install -m 0755 "$(readlink -f "$(command -v node)")" "$root/usr/local/bin/node"
  mkdir -p "$root/usr/local/lib/node_modules"
  cp -a "$(npm root -g)/npm" "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
  fi
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
    "$root"/usr/share/man "$root"/usr/share/locale
  tar -C "$root" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
fi
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_VERSION='"${node_version#v}" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  "$tarball" "$image" >/dev/null
echo "stand-in: imported $image ($(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=si)B)"
