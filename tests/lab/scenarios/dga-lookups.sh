#!/usr/bin/env bash
# dga-lookups: an infected PC looks up 40 algorithmically generated domain names (a fixed-seed
# generator, so every run asks the same names) with dig in batch mode; 39 get NXDOMAIN and one
# resolves (the bot's live C2). A few ordinary look-ups surround them.
# requires: dig:bind9-dnsutils dnsmasq:dnsmasq-base
source "$(dirname "$0")/../lab.sh"
lab_start "$@"

# A linear congruential generator over consonant-heavy letters: names such as "qxvbtrkzpmwd.com".
seed=20261122
tlds=(com net info ru biz top)
letters=abcdefghijklmnopqrstuvwxyz
names=()
for ((n = 0; n < 40; n++)); do
  seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
  len=$(( 12 + seed % 6 ))
  name=""
  for ((c = 0; c < len; c++)); do
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    name+=${letters:$(( (seed >> 16) % 26 )):1}
  done
  names+=("$name.${tlds[$((n % 6))]}")
done
live=${names[37]}

lab_dns --host-record="$live,$C2"
lab_host client "$CLIENT"
{
  echo "www.lab.example A"
  for name in "${names[@]}"; do echo "$name A"; done
  echo "mail.lab.example A"
} > "$LAB_DIR/queries.txt"

lab_capture_start
lab_exec client dig @"$DNS" -f "$LAB_DIR/queries.txt" +tries=1 +time=2 > /dev/null
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "dga-lookups",
  "description": "an infected PC resolves 40 DGA-looking names: 39 NXDOMAIN, one resolves to the C2 address",
  "hosts": { "client": "$CLIENT", "dns": "$DNS", "c2": "$C2" },
  "attacker": "$CLIENT",
  "victim": "$CLIENT",
  "protocol": "dns",
  "facts": {
    "dgaNames": $(printf '%s\n' "${names[@]}" | jq -R . | jq -sc .),
    "nxdomain": 39,
    "resolvedDgaName": "$live",
    "resolvedAddress": "$C2",
    "benignNames": ["www.lab.example", "mail.lab.example"]
  },
  "alerts": [ { "type": "dga_c2", "src": "$CLIENT", "dst": "$DNS", "dstPort": 53 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "queries", "filter": "dns.flags.response == 0", "count": 42 },
    { "name": "NXDOMAIN", "filter": "dns.flags.response == 1 && dns.flags.rcode == 3", "count": 39 },
    { "name": "live DGA name resolves", "filter": "dns.flags.response == 1 && dns.qry.name == \"$live\" && dns.a == $C2", "count": 1 }
  ]
}
JSON
