#!/usr/bin/env bash
# tls-basic: openssl s_server (certificate from a lab CA) and clients with SNI and ALPN over
# TLS 1.2 and TLS 1.3: openssl s_client and curl.
# requires: openssl:openssl curl:curl
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_host web "$WEB"
lab_host client "$CLIENT"
lab_cert web www.lab.example secure.lab.example

lab_bg web s_server openssl s_server -accept 443 -cert "$LAB_DIR/web.crt" -key "$LAB_DIR/web.key" \
  -cert_chain "$LAB_DIR/ca.crt" -alpn h2,http/1.1 -www
lab_wait_tcp client "$WEB" 443

s_client() { lab_exec client openssl s_client -connect "$WEB:443" "$@" < /dev/null > /dev/null 2>&1; }

lab_capture_start
s_client -servername www.lab.example -tls1_3 -alpn h2
s_client -servername secure.lab.example -tls1_2 -alpn http/1.1
s_client -servername www.lab.example -tls1_2 -alpn h2,http/1.1
lab_exec client curl -s -o /dev/null --max-time 5 --cacert "$LAB_DIR/ca.crt" --http1.1 \
  --resolve "www.lab.example:443:$WEB" https://www.lab.example/
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "tls-basic",
  "description": "TLS 1.3 and 1.2 handshakes with SNI and ALPN (h2, http/1.1) from openssl s_client and curl",
  "hosts": { "client": "$CLIENT", "web": "$WEB" },
  "protocol": "tls",
  "facts": {
    "clientHellos": 4,
    "tls13Handshakes": 2,
    "tls12Handshakes": 2,
    "sni": ["www.lab.example", "secure.lab.example", "www.lab.example", "www.lab.example"],
    "serverAlpn": ["h2", "http/1.1", "h2", "http/1.1"],
    "certificateSubject": "CN=www.lab.example,O=Mamori Lab",
    "certificateIssuer": "CN=Mamori Lab Root CA,O=Mamori Lab"
  },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "ClientHello", "filter": "tls.handshake.type == 1", "count": 4 },
    { "name": "SNI www", "filter": "tls.handshake.extensions_server_name == \"www.lab.example\"", "count": 3 },
    { "name": "SNI secure", "filter": "tls.handshake.extensions_server_name == \"secure.lab.example\"", "count": 1 },
    { "name": "TLS 1.3 ServerHello", "filter": "tls.handshake.type == 2 && tls.handshake.extensions.supported_version == 0x0304", "count": 2 },
    { "name": "TLS 1.2 ServerHello", "filter": "tls.handshake.type == 2 && !tls.handshake.extensions.supported_version", "count": 2 },
    { "name": "Certificates in clear (TLS 1.2)", "filter": "tls.handshake.type == 11", "count": 2 },
    { "name": "TLS 1.2 ServerHello ALPN h2 (TLS 1.3 hides it)", "filter": "tls.handshake.type == 2 && tls.handshake.extensions_alpn_str == \"h2\"", "count": 1 }
  ]
}
JSON
