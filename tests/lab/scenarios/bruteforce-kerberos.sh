#!/usr/bin/env bash
# bruteforce-kerberos: the attacker guesses the "admin" principal's password with kinit against the
# lab KDC: 20 wrong passwords (KRB-ERROR 24 PREAUTH_FAILED each), then the right one (AS-REP).
# requires: krb5kdc:krb5-kdc kdb5_util:krb5-kdc kadmin.local:krb5-admin-server kinit:krb5-user
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server kerberos
lab_host attacker "$ATTACKER"
kinit_as() {
  # shellcheck disable=SC2086
  printf '%s\n' "$2" | lab_exec attacker env $LAB_KRB5_ENV kinit "$1" > /dev/null 2>&1
}

lab_capture_start
while IFS= read -r guess; do
  kinit_as admin "$guess" && lab_die "a wrong password was accepted"
done < <(lab_wordlist 20)
kinit_as admin "${LAB_PASS[admin]}" || lab_die "the right password was refused"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "bruteforce-kerberos",
  "description": "kinit guesses admin's Kerberos password: 20 PREAUTH_FAILED, then success",
  "hosts": { "attacker": "$ATTACKER", "server": "$SERVER" },
  "attacker": "$ATTACKER",
  "victim": "$SERVER",
  "protocol": "kerberos",
  "facts": { "realm": "LAB.EXAMPLE", "attempts": 21, "failedLogins": 20, "successfulLogins": 1, "users": ["admin"], "compromisedUser": "admin" },
  "alerts": [
    { "type": "brute_force_failure", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 88 },
    { "type": "brute_force_success", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 88 },
    { "type": "privileged_account", "src": "$ATTACKER", "dst": "$SERVER", "dstPort": 88 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "PREAUTH_FAILED", "filter": "kerberos.error_code == 24", "count": 20 },
    { "name": "AS-REP", "filter": "kerberos.msg_type == 11", "count": 1 },
    { "name": "AS-REQ for admin", "filter": "kerberos.msg_type == 10 && kerberos.CNameString == \"admin\"", "count": 42 }
  ]
}
JSON
