#!/usr/bin/env bash
# benign-mix: an ordinary office morning, which must raise no medium or high alert: two PCs browse
# the intranet over HTTP and HTTPS, resolve names, fetch apt-style updates, read a file from the
# Samba share (alice) and an administrator logs in once over SSH with the right password.
# requires: curl:curl dig:bind9-dnsutils dnsmasq:dnsmasq-base python3:python3 smbclient:smbclient smbd:samba sshd:openssh-server sshpass:sshpass
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns
lab_web
lab_web_tls
lab_server smb ssh
lab_host client "$CLIENT"
lab_host client2 "$CLIENT2"
lab_resolver client "$DNS"
lab_resolver client2 "$DNS"
UA_CHROME="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
UA_EDGE="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
UA_APT="Debian APT-HTTP/1.3 (2.6.1)"
browse() {
  local host=$1 ua=$2
  shift 2
  lab_exec "$host" curl -s -4 --max-time 5 --cacert "$LAB_DIR/ca.crt" -A "$ua" -o /dev/null -o /dev/null -o /dev/null "$@" > /dev/null
}
printf '[global]\n  client min protocol = SMB2\n  workgroup = LAB\n' > "$LAB_DIR/client.conf"
printf '%s' "${LAB_PASS[alice]}" > "$LAB_DIR/smbpass"

lab_capture_start
browse client "$UA_CHROME" http://www.lab.example/ http://www.lab.example/index.html http://intranet.lab.example/chunked
browse client "$UA_CHROME" https://www.lab.example/ https://intranet.lab.example/index.html
browse client2 "$UA_EDGE" http://intranet.lab.example/ https://www.lab.example/
browse client2 "$UA_EDGE" -d 'q=holiday+schedule' http://intranet.lab.example/search
lab_exec client dig @"$DNS" lab.example MX +tries=1 +time=2 > /dev/null
lab_exec client2 dig @"$DNS" files.lab.example A +tries=1 +time=2 > /dev/null
for host in client client2; do
  browse "$host" "$UA_APT" http://updates.lab.example/debian/dists/bookworm/InRelease \
    http://updates.lab.example/debian/dists/bookworm-updates/InRelease \
    http://updates.lab.example/debian/pool/main/c/curl/curl_7.88.1-10+deb12u14_amd64.deb
done
PASSWD_FILE=$LAB_DIR/smbpass lab_exec client smbclient -s "$LAB_DIR/client.conf" -n SME-PC-01 -W LAB \
  -U alice "//$SERVER/shared" -c 'ls; get report-2026Q3.txt /dev/null' > /dev/null 2>&1
SSHPASS=${LAB_PASS[alice]} lab_exec client2 sshpass -e ssh -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null -o PreferredAuthentications=password -o PubkeyAuthentication=no \
  -o ConnectTimeout=5 "alice@$SERVER" 'uptime' > /dev/null 2>&1
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "benign-mix",
  "description": "ordinary office traffic: HTTP/HTTPS browsing, DNS, apt-style updates, an SMB file read and one SSH login",
  "hosts": { "client": "$CLIENT", "client2": "$CLIENT2", "server": "$SERVER", "web": "$WEB", "dns": "$DNS" },
  "protocol": "dns,http,tls,smb2,ssh",
  "facts": { "httpRequests": 11, "httpsRequests": 3, "httpsConnections": 3, "aptRequests": 6, "smbLogins": 1, "sshLogins": 1 },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "HTTP requests", "filter": "http.request", "count": 11 },
    { "name": "apt user agent", "filter": "http.user_agent contains \"APT-HTTP\"", "count": 6 },
    { "name": "TLS ClientHellos", "filter": "tls.handshake.type == 1", "count": 3 },
    { "name": "no HTTP errors", "filter": "http.response.code >= 400", "count": 0 },
    { "name": "SMB logon succeeded", "filter": "ntlmssp.auth.username == \"alice\"", "count": 1 },
    { "name": "no SMB logon failure", "filter": "smb2.nt_status == 0xc000006d", "count": 0 },
    { "name": "one SSH connection", "filter": "tcp.dstport == 22 && tcp.flags.syn == 1 && tcp.flags.ack == 0", "count": 1 }
  ]
}
JSON
