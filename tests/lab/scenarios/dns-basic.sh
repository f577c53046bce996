#!/usr/bin/env bash
# dns-basic: a PC asks the office resolver (dnsmasq) for A, AAAA, MX and TXT records and for a name
# that does not exist, over UDP and over TCP, with dig.
# requires: dig:bind9-dnsutils dnsmasq:dnsmasq-base
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns
lab_host client "$CLIENT"

lab_capture_start
udp=0 tcp=0 nx=0
for q in "www.lab.example A" "www.lab.example AAAA" "lab.example MX" "lab.example TXT" \
         "_dmarc.lab.example TXT" "files.lab.example A" "nosuchhost.lab.example A"; do
  lab_exec client dig @"$DNS" $q +tries=1 +time=2 > /dev/null
  udp=$((udp + 1))
done
nx=$((nx + 1))
for q in "www.lab.example A" "lab.example MX" "missing.lab.example AAAA"; do
  lab_exec client dig @"$DNS" $q +tcp +tries=1 +time=2 > /dev/null
  tcp=$((tcp + 1))
done
nx=$((nx + 1))
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "dns-basic",
  "description": "dig queries A, AAAA, MX, TXT and NXDOMAIN over UDP and TCP to the lab resolver",
  "hosts": { "client": "$CLIENT", "dns": "$DNS" },
  "protocol": "dns",
  "facts": {
    "udpQueries": $udp,
    "tcpQueries": $tcp,
    "nxdomainResponses": $nx,
    "names": ["www.lab.example", "lab.example", "_dmarc.lab.example", "files.lab.example",
              "nosuchhost.lab.example", "missing.lab.example"],
    "answers": { "www.lab.example": ["$WEB", "fd77::80"], "files.lab.example": ["$SERVER"] }
  },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "UDP queries", "filter": "udp && dns.flags.response == 0", "count": $udp },
    { "name": "TCP queries", "filter": "tcp && dns.flags.response == 0", "count": $tcp },
    { "name": "NXDOMAIN answers", "filter": "dns.flags.response == 1 && dns.flags.rcode == 3", "count": $nx },
    { "name": "AAAA answer", "filter": "dns.aaaa == fd77::80", "count": 1 },
    { "name": "MX answers", "filter": "dns.mx.mail_exchange == \"mail.lab.example\"", "count": 2 },
    { "name": "A answers for www", "filter": "dns.a == $WEB && dns.qry.name == \"www.lab.example\"", "count": 2 }
  ]
}
JSON
