#!/usr/bin/env bash
# intel-hits: a PC visits hosts that the threat-intelligence feeds written beside the capture list:
# a phishing page (OpenPhish-style URL list), a malware download (URLhaus-style CSV) and a C2 server
# over TLS (its domain in a ThreatFox-style JSON export, its address in a Feodo-style IP list).
# All names resolve through the lab DNS to addresses of the lab's "inet" host.
# requires: curl:curl dnsmasq:dnsmasq-base python3:python3 openssl:openssl
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns "${LAB_INET_DNS[@]}"
lab_inet
lab_host client "$CLIENT"
lab_resolver client "$DNS"
UA="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
PHISH_URL="http://$PHISH_NAME/signin/verify.php"
MALWARE_URL="http://$MALWARE_NAME/files/invoice_2026-11.pdf.exe"

base="$LAB_OUT/$LAB_SCENARIO"
printf '%s\n' "$PHISH_URL" > "$base.openphish.txt"
{
  echo '# URLhaus-style CSV written by the Mamori lab'
  echo '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter'
  echo "\"900001\",\"2026-11-01 00:00:00\",\"$MALWARE_URL\",\"online\",\"2026-11-01 00:00:00\",\"malware_download\",\"exe\",\"https://urlhaus.abuse.ch/url/900001/\",\"mamori-lab\""
} > "$base.urlhaus.csv"
printf '%s\n' '# Feodo Tracker-style IP blocklist written by the Mamori lab' "$C2WEB" > "$base.feodo.txt"
cat > "$base.threatfox.json" <<FEED
{ "900002": [ { "ioc_value": "$C2_NAME", "ioc_type": "domain", "threat_type": "botnet_cc",
  "malware": "win.cobalt_strike", "malware_printable": "Cobalt Strike", "first_seen_utc": "2026-11-01 00:00:00",
  "confidence_level": 100, "tags": "mamori-lab", "reporter": "mamori-lab" } ] }
FEED

lab_capture_start
lab_exec client curl -s -4 -o /dev/null --max-time 5 -A "$UA" "$PHISH_URL"
lab_exec client curl -s -4 -o /dev/null --max-time 5 -A "$UA" -d 'user=taro&pass=x' "$PHISH_URL"
lab_exec client curl -s -4 -o /dev/null --max-time 5 -A "$UA" "$MALWARE_URL"
lab_exec client curl -s -4 -o /dev/null --max-time 5 --cacert "$LAB_DIR/ca.crt" -A "$UA" "https://$C2_NAME/"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "intel-hits",
  "description": "visits to a phishing URL (GET and POST), a malware download URL and a C2 domain over TLS, all listed in feeds written beside the capture",
  "hosts": { "client": "$CLIENT", "dns": "$DNS", "phishing": "$PHISH", "malware": "$MALWARE", "c2": "$C2WEB" },
  "attacker": "$CLIENT",
  "victim": "$CLIENT",
  "protocol": "dns,http,tls",
  "files": {
    "openphish": "$LAB_SCENARIO.openphish.txt",
    "urlhaus": "$LAB_SCENARIO.urlhaus.csv",
    "feodo": "$LAB_SCENARIO.feodo.txt",
    "threatfox": "$LAB_SCENARIO.threatfox.json"
  },
  "facts": {
    "phishingUrl": "$PHISH_URL", "phishingHost": "$PHISH_NAME",
    "malwareUrl": "$MALWARE_URL", "malwareHost": "$MALWARE_NAME",
    "c2Domain": "$C2_NAME", "c2Address": "$C2WEB"
  },
  "alerts": [
    { "type": "phishing_site", "src": "$CLIENT", "dst": "$PHISH", "dstPort": 80 },
    { "type": "malware_site", "src": "$CLIENT", "dst": "$MALWARE", "dstPort": 80 },
    { "type": "known_c2", "src": "$CLIENT", "dst": "$C2WEB", "dstPort": 443 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "phishing host lookups", "filter": "dns.flags.response == 1 && dns.qry.name == \"$PHISH_NAME\" && dns.a == $PHISH", "atLeast": 1 },
    { "name": "phishing requests", "filter": "http.host == \"$PHISH_NAME\" && http.request.uri == \"/signin/verify.php\"", "count": 2 },
    { "name": "malware download", "filter": "http.request.full_uri == \"$MALWARE_URL\"", "count": 1 },
    { "name": "malware download answered", "filter": "ip.src == $MALWARE && http.response.code == 200", "count": 1 },
    { "name": "C2 SNI", "filter": "tls.handshake.extensions_server_name == \"$C2_NAME\"", "count": 1 },
    { "name": "TCP to the Feodo-listed address", "filter": "ip.dst == $C2WEB && tcp.flags.syn == 1 && tcp.flags.ack == 0", "count": 1 }
  ]
}
JSON
