#!/usr/bin/env bash
# telnet-login: the telnet client (driven by expect) logs in to inetutils telnetd (/bin/login via
# PAM): two failed logins (one connection each), then a successful one that runs a command.
# requires: telnetd:inetutils-telnetd inetd:openbsd-inetd telnet:inetutils-telnet expect:expect
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server telnet
lab_host client "$CLIENT"

telnet_login() {
  local rc=0
  LAB_TELNET_PASS=$2 lab_exec client "$LAB_HOME/telnet-login.exp" "$SERVER" "$1" || rc=$?
  [[ $rc -eq $3 ]] || lab_die "telnet login as $1: expected exit $3, got $rc"
}

lab_capture_start
telnet_login bob 'password1' 1
telnet_login alice 'qwerty' 1
telnet_login alice "${LAB_PASS[alice]}" 0
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "telnet-login",
  "description": "telnet logins to telnetd: bob and alice fail, then alice succeeds and runs a command",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "telnet",
  "facts": {
    "connections": 3,
    "successfulLogins": 1,
    "failedLogins": 2,
    "logins": [
      { "user": "bob", "success": false },
      { "user": "alice", "success": false },
      { "user": "alice", "success": true }
    ]
  },
  "alerts": [ { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 23 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "connections", "filter": "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 23", "count": 3 },
    { "name": "login prompts", "filter": "tcp.srcport == 23 && telnet.data contains \"login: \"", "atLeast": 3 },
    { "name": "Login incorrect", "filter": "telnet.data contains \"Login incorrect\"", "count": 2 }
  ]
}
JSON
