#!/usr/bin/env bash
# portscan: nmap from the attacker host: a SYN scan of ports 1-1000 on the server (vertical), a
# connect scan of ports 1-300 on the web server (vertical), and a SYN scan of five common ports
# across four office hosts (horizontal).
# requires: nmap:nmap sshd:openssh-server vsftpd:vsftpd python3:python3
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ssh ftp
lab_web
lab_host client "$CLIENT"
lab_host pc2 "$TARGET2"
lab_host pc3 "$TARGET3"
lab_host pc4 "$TARGET4"
lab_host attacker "$ATTACKER"
nmap_run() { lab_exec attacker nmap -n -Pn --max-retries 1 -T4 --max-rate 4000 "$@" > "$LAB_DIR/nmap.log" 2>&1; }

lab_capture_start
nmap_run -sS -p 1-1000 "$SERVER"
grep -q '22/tcp *open' "$LAB_DIR/nmap.log" || lab_die "SYN scan did not see ssh: $(cat "$LAB_DIR/nmap.log")"
nmap_run -sT -p 1-300 "$WEB"
grep -q '80/tcp *open' "$LAB_DIR/nmap.log" || lab_die "connect scan did not see http"
nmap_run -sS -p 22,80,139,443,445 "$CLIENT" "$TARGET2" "$TARGET3" "$TARGET4"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "portscan",
  "description": "nmap -sS 1-1000 on the server, -sT 1-300 on the web server, -sS 5 ports across 4 hosts",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER", "web": "$WEB", "client": "$CLIENT",
             "pc2": "$TARGET2", "pc3": "$TARGET3", "pc4": "$TARGET4" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "tcp",
  "facts": {
    "scans": [
      { "kind": "vertical", "technique": "syn", "dst": "$SERVER", "ports": 1000, "open": [21, 22] },
      { "kind": "vertical", "technique": "connect", "dst": "$WEB", "ports": 300, "open": [80] },
      { "kind": "horizontal", "technique": "syn", "dsts": ["$CLIENT", "$TARGET2", "$TARGET3", "$TARGET4"], "ports": [22, 80, 139, 443, 445] }
    ]
  },
  "alerts": [
    { "type": "port_scan", "src": "$ATTACKER", "dst": "$SERVER" },
    { "type": "port_scan", "src": "$ATTACKER", "dst": "$WEB" },
    { "type": "port_scan", "src": "$ATTACKER", "dst": null }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "SYNs to the server", "filter": "ip.src == $ATTACKER && ip.dst == $SERVER && tcp.flags.syn == 1 && tcp.flags.ack == 0", "atLeast": 1000 },
    { "name": "SYNs to the web server", "filter": "ip.src == $ATTACKER && ip.dst == $WEB && tcp.flags.syn == 1 && tcp.flags.ack == 0", "atLeast": 300 },
    { "name": "SYN/ACK from ssh", "filter": "ip.src == $SERVER && tcp.srcport == 22 && tcp.flags.syn == 1 && tcp.flags.ack == 1", "atLeast": 1 },
    { "name": "horizontal SYNs to port 445", "filter": "ip.src == $ATTACKER && tcp.dstport == 445 && tcp.flags.syn == 1 && tcp.flags.ack == 0 && !(ip.dst == $SERVER)", "atLeast": 4 },
    { "name": "RSTs from closed ports", "filter": "ip.dst == $ATTACKER && tcp.flags.reset == 1", "atLeast": 1250 }
  ]
}
JSON
