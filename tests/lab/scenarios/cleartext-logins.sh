#!/usr/bin/env bash
# cleartext-logins: ordinary staff log in successfully over protocols that carry the password in
# clear: FTP (as "admin", a privileged account), POP3 USER/PASS (bob, via hydra with one
# credential), HTTP Basic to the web admin page (admin, curl) and telnet (alice, expect + telnet).
# requires: curl:curl vsftpd:vsftpd dovecot:dovecot-pop3d hydra:hydra telnetd:inetutils-telnetd telnet:inetutils-telnet expect:expect python3:python3
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ftp pop3 telnet
lab_web --basic "admin:${LAB_PASS[admin]}"
lab_host client "$CLIENT"

lab_capture_start
lab_exec client curl -s --max-time 10 -u "admin:${LAB_PASS[admin]}" "ftp://$SERVER/readme.txt" > /dev/null
lab_exec client hydra -I -t 1 -l bob -p "${LAB_PASS[bob]}" "pop3://$SERVER/CLEAR" > "$LAB_DIR/hydra.log" 2>&1
grep -q 'login: bob' "$LAB_DIR/hydra.log" || lab_die "pop3 login failed"
lab_exec client curl -s --max-time 10 -o /dev/null -u "admin:${LAB_PASS[admin]}" "http://$WEB/admin/"
LAB_TELNET_PASS=${LAB_PASS[alice]} lab_exec client "$LAB_HOME/telnet-login.exp" "$SERVER" alice
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "cleartext-logins",
  "description": "successful clear-text logins: FTP as admin, POP3 USER/PASS as bob, HTTP Basic as admin, telnet as alice",
  "hosts": { "client": "$CLIENT", "server": "$SERVER", "web": "$WEB" },
  "attacker": "$CLIENT",
  "victim": "$SERVER",
  "protocol": "ftp,pop3,http,telnet",
  "facts": {
    "logins": [
      { "protocol": "ftp", "user": "admin", "success": true, "dst": "$SERVER", "dstPort": 21 },
      { "protocol": "pop3", "user": "bob", "success": true, "dst": "$SERVER", "dstPort": 110 },
      { "protocol": "http", "user": "admin", "success": true, "dst": "$WEB", "dstPort": 80 },
      { "protocol": "telnet", "user": "alice", "success": true, "dst": "$SERVER", "dstPort": 23 }
    ]
  },
  "alerts": [
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 21 },
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 110 },
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$WEB", "dstPort": 80 },
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 23 },
    { "type": "privileged_account", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 21 },
    { "type": "privileged_account", "src": "$CLIENT", "dst": "$WEB", "dstPort": 80 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "FTP USER admin", "filter": "ftp.request.command == \"USER\" && ftp.request.arg == \"admin\"", "count": 1 },
    { "name": "FTP 230", "filter": "ftp.response.code == 230", "count": 1 },
    { "name": "POP3 PASS", "filter": "pop.request.command == \"PASS\"", "count": 1 },
    { "name": "HTTP Basic", "filter": "http.authorization contains \"Basic\"", "count": 1 },
    { "name": "HTTP 200 for admin page", "filter": "http.response.code == 200 && http.response_for.uri contains \"/admin/\"", "count": 1 },
    { "name": "telnet session", "filter": "tcp.dstport == 23 && tcp.flags.syn == 1 && tcp.flags.ack == 0", "count": 1 }
  ]
}
JSON
