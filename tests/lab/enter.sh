#!/bin/sh
# enter.sh DIR CMD...: run CMD with each file under DIR bind-mounted over the same path under /etc
# (DIR/resolv.conf over /etc/resolv.conf, DIR/pam.d/login over /etc/pam.d/login).
# Called only through "ip netns exec", which gives every command its own mount namespace with
# slave propagation, so these mounts never reach the host's /etc.
dir=$1
shift
if [ -d "$dir" ]; then
  for f in $(cd "$dir" && find . -type f | sed 's|^\./||'); do
    [ -e "/etc/$f" ] || continue
    mount --bind "$dir/$f" "/etc/$f" || exit 1
  done
fi
exec "$@"
