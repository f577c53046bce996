#!/usr/bin/env bash
# banned-client: a PC runs BitTorrent clients: curl sends tracker announces with the user agents and
# peer ids of Transmission and uTorrent, after resolving the tracker's name.
# requires: curl:curl dnsmasq:dnsmasq-base python3:python3 openssl:openssl
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns "${LAB_INET_DNS[@]}"
lab_inet
lab_host client "$CLIENT"
lab_resolver client "$DNS"
hash='%8a%1c%f3%9d%22%b4%5e%77%01%aa%c0%de%fa%ce%00%11%22%33%44%55'
announce="http://$TRACKER_NAME/announce?info_hash=$hash&port=51413&uploaded=0&downloaded=0&left=734003200&compact=1&event=started"

lab_capture_start
lab_exec client curl -s -4 -o /dev/null --max-time 5 -A "Transmission/3.00" "$announce&peer_id=-TR3000-k8f2ma9xq1zc"
lab_exec client curl -s -4 -o /dev/null --max-time 5 -A "uTorrent/3550(46090)" "$announce&peer_id=-UT355W-r2d2c3po7bb8"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "banned-client",
  "description": "BitTorrent tracker announces from Transmission and uTorrent user agents",
  "hosts": { "client": "$CLIENT", "dns": "$DNS", "tracker": "$TRACKER" },
  "attacker": "$CLIENT",
  "victim": "$TRACKER",
  "protocol": "http",
  "facts": { "announces": 2, "trackerHost": "$TRACKER_NAME", "userAgents": ["Transmission/3.00", "uTorrent/3550(46090)"] },
  "alerts": [ { "type": "banned_software", "src": "$CLIENT", "dst": "$TRACKER", "dstPort": 80 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "announces", "filter": "http.request.uri contains \"/announce?info_hash=\"", "count": 2 },
    { "name": "Transmission", "filter": "http.user_agent == \"Transmission/3.00\"", "count": 1 },
    { "name": "tracker answers", "filter": "ip.src == $TRACKER && http.response.code == 200", "count": 2 },
    { "name": "tracker lookup", "filter": "dns.flags.response == 0 && dns.qry.name == \"$TRACKER_NAME\"", "atLeast": 1 }
  ]
}
JSON
