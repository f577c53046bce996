#!/bin/sh
# enter.sh DIR CMD...: run CMD with each file of DIR bind-mounted over the same name in /etc.
# Called only through "ip netns exec", which gives every command its own mount namespace with
# slave propagation, so these mounts never reach the host's /etc.
dir=$1
shift
for f in "$dir"/*; do
  [ -f "$f" ] || continue
  target=/etc/$(basename "$f")
  [ -e "$target" ] || continue
  mount --bind "$f" "$target" || exit 1
done
exec "$@"
