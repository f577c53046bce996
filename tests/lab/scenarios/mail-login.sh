#!/usr/bin/env bash
# mail-login: clear-text logins to dovecot. curl speaks SASL (POP3 AUTH PLAIN and LOGIN, IMAP
# AUTHENTICATE PLAIN, SMTP submission AUTH PLAIN and LOGIN); hydra with a single credential speaks
# the classic POP3 USER/PASS and IMAP LOGIN commands. Successes and failures for each.
# requires: dovecot:dovecot-core dovecot:dovecot-pop3d curl:curl hydra:hydra
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server pop3 imap smtp
lab_host client "$CLIENT"
mail() { lab_exec client curl -s --max-time 10 "$@" > /dev/null; }
mail_fail() { lab_exec client curl -s --max-time 10 "$@" > /dev/null && lab_die "accepted: $*" || true; }
hydra1() { lab_exec client hydra -t 1 -I -q "$@" > /dev/null 2>&1 || true; }
printf 'From: alice@lab.example\r\nTo: bob@lab.example\r\nSubject: lab\r\n\r\nhello\r\n' > "$LAB_DIR/message.txt"

lab_capture_start
mail -u "alice:${LAB_PASS[alice]}" --login-options 'AUTH=PLAIN' "pop3://$SERVER/"
mail_fail -u "bob:wrong-pass" --login-options 'AUTH=LOGIN' "pop3://$SERVER/"
mail -u "carol:${LAB_PASS[carol]}" "imap://$SERVER/INBOX"
mail_fail -u "alice:letmein" "imap://$SERVER/INBOX"
# Submission authenticates, then cannot relay (there is no MTA in the lab): AUTH is what matters.
lab_try client curl -s --max-time 10 -u "bob:${LAB_PASS[bob]}" --login-options 'AUTH=PLAIN' \
  --mail-from bob@lab.example --mail-rcpt alice@lab.example -T "$LAB_DIR/message.txt" "smtp://$SERVER:587/pc01.lab.example" > /dev/null
lab_try client curl -s --max-time 10 -u "carol:bad-guess" --login-options 'AUTH=LOGIN' \
  --mail-from carol@lab.example --mail-rcpt alice@lab.example -T "$LAB_DIR/message.txt" "smtp://$SERVER:587/pc01.lab.example" > /dev/null
hydra1 -l bob -p "${LAB_PASS[bob]}" "pop3://$SERVER/CLEAR"
hydra1 -l carol -p 'summer2024' "pop3://$SERVER/CLEAR"
hydra1 -l alice -p "${LAB_PASS[alice]}" "imap://$SERVER/CLEAR"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "mail-login",
  "description": "clear-text POP3, IMAP and SMTP-submission logins to dovecot from curl (SASL) and hydra (USER/PASS, LOGIN)",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "pop3,imap,smtp",
  "facts": {
    "successfulLogins": 5,
    "failedLogins": 4,
    "logins": [
      { "protocol": "pop3", "method": "AUTH PLAIN", "user": "alice", "success": true },
      { "protocol": "pop3", "method": "AUTH LOGIN", "user": "bob", "success": false },
      { "protocol": "imap", "method": "AUTHENTICATE PLAIN", "user": "carol", "success": true },
      { "protocol": "imap", "method": "AUTHENTICATE PLAIN", "user": "alice", "success": false },
      { "protocol": "smtp", "method": "AUTH PLAIN", "user": "bob", "success": true },
      { "protocol": "smtp", "method": "AUTH LOGIN", "user": "carol", "success": false },
      { "protocol": "pop3", "method": "USER/PASS", "user": "bob", "success": true },
      { "protocol": "pop3", "method": "USER/PASS", "user": "carol", "success": false },
      { "protocol": "imap", "method": "LOGIN", "user": "alice", "success": true }
    ]
  },
  "alerts": [
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 110 },
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 143 },
    { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 587 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "POP3 USER", "filter": "pop.request.command == \"USER\"", "count": 2 },
    { "name": "POP3 PASS", "filter": "pop.request.command == \"PASS\"", "count": 2 },
    { "name": "POP3 AUTH", "filter": "pop.request.command == \"AUTH\"", "count": 2 },
    { "name": "POP3 -ERR", "filter": "pop.response.indicator == \"-ERR\"", "count": 2 },
    { "name": "IMAP AUTHENTICATE", "filter": "imap.request.command == \"AUTHENTICATE\"", "count": 2 },
    { "name": "IMAP LOGIN", "filter": "imap.request.command == \"LOGIN\"", "count": 1 },
    { "name": "IMAP failure", "filter": "imap.response contains \"AUTHENTICATIONFAILED\"", "count": 1 },
    { "name": "SMTP AUTH", "filter": "smtp.req.command == \"AUTH\"", "count": 2 },
    { "name": "SMTP 235", "filter": "smtp.response.code == 235", "count": 1 },
    { "name": "SMTP 535", "filter": "smtp.response.code == 535", "count": 1 }
  ]
}
JSON
