#!/usr/bin/env bash
# bruteforce-ftp: hydra (4 tasks) guesses alice's FTP password on vsftpd from the attacker host:
# 40 wrong passwords from a common-password list, then the right one (the last in the list).
# requires: hydra:hydra vsftpd:vsftpd
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ftp
lab_host attacker "$ATTACKER"
{ lab_wordlist 40; echo "${LAB_PASS[alice]}"; } > "$LAB_DIR/passwords.txt"

lab_capture_start
lab_exec attacker hydra -I -t 4 -f -l alice -P "$LAB_DIR/passwords.txt" "ftp://$SERVER" > "$LAB_DIR/hydra.log" 2>&1
lab_capture_stop
grep -q 'login: alice' "$LAB_DIR/hydra.log" || lab_die "hydra did not find the password: $(grep -v "password:" "$LAB_DIR/hydra.log")"

lab_truth <<JSON
{
  "scenario": "bruteforce-ftp",
  "description": "hydra brute-forces alice's FTP password: 40 failures then success",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "ftp",
  "facts": { "attempts": 41, "failedLogins": 40, "successfulLogins": 1, "users": ["alice"], "compromisedUser": "alice" },
  "alerts": [
    { "type": "brute_force_failure", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 21 },
    { "type": "brute_force_success", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 21 },
    { "type": "plaintext_password", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 21 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "PASS", "filter": "ftp.request.command == \"PASS\"", "count": 41 },
    { "name": "530", "filter": "ftp.response.code == 530", "count": 40 },
    { "name": "230", "filter": "ftp.response.code == 230", "count": 1 },
    { "name": "only alice", "filter": "ftp.request.command == \"USER\" && ftp.request.arg != \"alice\"", "count": 0 }
  ]
}
JSON
