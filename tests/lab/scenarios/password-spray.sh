#!/usr/bin/env bash
# password-spray: hydra tries one seasonal password against 30 user names on vsftpd (reverse brute
# force / password spraying). No account has that password.
# requires: hydra:hydra vsftpd:vsftpd
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ftp
lab_host attacker "$ATTACKER"
lab_usernames 30 > "$LAB_DIR/users.txt"

lab_capture_start
lab_exec attacker hydra -I -t 4 -L "$LAB_DIR/users.txt" -p 'Spring2024!' "ftp://$SERVER" > "$LAB_DIR/hydra.log" 2>&1
lab_capture_stop
grep -q '0 valid password' "$LAB_DIR/hydra.log" || lab_die "unexpected hydra result: $(grep -v "password:" "$LAB_DIR/hydra.log")"

lab_truth <<JSON
{
  "scenario": "password-spray",
  "description": "hydra sprays one password over 30 FTP user names: 30 failures, no success",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "ftp",
  "facts": { "attempts": 30, "failedLogins": 30, "successfulLogins": 0, "distinctUsers": 30, "passwordsPerUser": 1,
             "users": $(jq -R . "$LAB_DIR/users.txt" | jq -sc .) },
  "alerts": [
    { "type": "reverse_brute_force", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 21 },
    { "type": "plaintext_password", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 21 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "USER", "filter": "ftp.request.command == \"USER\"", "count": 30 },
    { "name": "PASS", "filter": "ftp.request.command == \"PASS\"", "count": 30 },
    { "name": "530", "filter": "ftp.response.code == 530", "count": 30 },
    { "name": "user tanaka tried", "filter": "ftp.request.command == \"USER\" && ftp.request.arg == \"tanaka\"", "count": 1 }
  ]
}
JSON
