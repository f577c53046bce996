#!/usr/bin/env bash
# http-basic: a PC browses the lab web server with curl: GETs with browser user agents (200 and 404),
# a form POST, a chunked response, two requests on one keep-alive connection, and one GET over IPv6.
# requires: curl:curl python3:python3 dnsmasq:dnsmasq-base
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns
lab_web
lab_host client "$CLIENT"
lab_wait_tcp client "$WEB" 80   # the new host reaches the web server before the capture starts
lab_resolver client "$DNS"

UA_CHROME="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
UA_FIREFOX="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"
curl_get() { lab_exec client curl -s -4 -o /dev/null --max-time 5 "$@" > /dev/null; }

lab_capture_start
curl_get -A "$UA_CHROME" http://www.lab.example/
curl_get -A "$UA_CHROME" http://www.lab.example/missing-page.html
curl_get -A "$UA_FIREFOX" http://intranet.lab.example/chunked
curl_get -A "$UA_FIREFOX" -d "name=taro&message=hello" http://www.lab.example/contact
# One connection, two requests (keep-alive).
curl_get -A "$UA_CHROME" http://www.lab.example/index.html http://www.lab.example/
lab_exec client curl -s -6 -o /dev/null --max-time 5 -A "$UA_FIREFOX" -g "http://[fd77::80]/"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "http-basic",
  "description": "curl GET/POST with browser user agents, 200/404, chunked, keep-alive and IPv6",
  "hosts": { "client": "$CLIENT", "web": "$WEB", "dns": "$DNS" },
  "protocol": "http",
  "facts": {
    "requests": 7,
    "connections": 6,
    "posts": 1,
    "notFound": 1,
    "chunkedResponses": 1,
    "ipv6Requests": 1,
    "hosts": ["www.lab.example", "intranet.lab.example", "[fd77::80]"],
    "userAgents": ["$UA_CHROME", "$UA_FIREFOX"]
  },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "HTTP requests", "filter": "http.request", "count": 7 },
    { "name": "TCP connections to port 80", "filter": "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 80", "count": 6 },
    { "name": "POST", "filter": "http.request.method == \"POST\"", "count": 1 },
    { "name": "404", "filter": "http.response.code == 404", "count": 1 },
    { "name": "200", "filter": "http.response.code == 200", "count": 6 },
    { "name": "chunked", "filter": "http.transfer_encoding == \"chunked\"", "count": 1 },
    { "name": "Chrome UA", "filter": "http.user_agent contains \"Chrome/120\"", "count": 4 },
    { "name": "Host intranet", "filter": "http.host == \"intranet.lab.example\"", "count": 1 },
    { "name": "IPv6 request", "filter": "ipv6 && http.request", "count": 1 },
    { "name": "DNS lookups of www", "filter": "dns.flags.response == 0 && dns.qry.name == \"www.lab.example\"", "atLeast": 1 }
  ]
}
JSON
