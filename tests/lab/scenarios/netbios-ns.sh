#!/usr/bin/env bash
# netbios-ns: device-inventory raw material. Samba's nmbd on the file server registers its NetBIOS
# names by broadcast as it starts; a PC then looks the server up by broadcast name query and asks
# it for its node status, with nmblookup.
# requires: nmbd:samba nmblookup:samba-common-bin
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_host server "$SERVER"
lab_host client "$CLIENT"
n="$LAB_DIR/nmb"
mkdir -p "$n"/{private,lock,state,cache,run,log}
cat > "$n/smb.conf" <<CONF
[global]
  workgroup = LAB
  netbios name = FILESERVER
  server string = Lab file server
  interfaces = $SERVER/24
  bind interfaces only = yes
  private dir = $n/private
  lock directory = $n/lock
  state directory = $n/state
  cache directory = $n/cache
  pid directory = $n/run
  log file = $n/log/nmbd.log
  name resolve order = bcast
CONF
printf '[global]\n  workgroup = LAB\n  netbios name = SME-PC-01\n  name resolve order = bcast\n' > "$LAB_DIR/client.conf"

lab_capture_start
lab_bg server nmbd /usr/sbin/nmbd --foreground --no-process-group --debug-stdout -s "$n/smb.conf"
lab_wait_udp server 137
found=""
for ((i = 0; i < 20; i++)); do
  if found=$(lab_exec client nmblookup -s "$LAB_DIR/client.conf" -B 10.77.0.255 FILESERVER 2>/dev/null | grep -o "^$SERVER FILESERVER"); then
    break
  fi
  sleep 0.5
done
[[ -n $found ]] || lab_die "nmbd did not answer the name query"
lab_exec client nmblookup -s "$LAB_DIR/client.conf" -A "$SERVER" > /dev/null
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "netbios-ns",
  "description": "nmbd registers FILESERVER (workgroup LAB) by broadcast; a PC resolves it by broadcast and asks its node status",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "nbns",
  "facts": { "names": [ { "name": "FILESERVER", "address": "$SERVER", "workgroup": "LAB" } ] },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "registrations", "filter": "nbns.flags.opcode == 5 && ip.src == $SERVER", "atLeast": 1 },
    { "name": "name query answered", "filter": "nbns.flags.response == 1 && nbns.addr == $SERVER && ip.src == $SERVER", "atLeast": 1 },
    { "name": "node status request", "filter": "nbns.flags.response == 0 && nbns.type == 33", "count": 1 }
  ]
}
JSON
