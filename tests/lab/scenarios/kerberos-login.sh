#!/usr/bin/env bash
# kerberos-login: kinit (MIT) asks the lab KDC for tickets: alice succeeds (AS-REQ, PREAUTH_REQUIRED,
# AS-REQ with encrypted timestamp, AS-REP), bob types a wrong password (KRB-ERROR 24
# PREAUTH_FAILED) and "tanaka" does not exist (KRB-ERROR 6 C_PRINCIPAL_UNKNOWN).
# requires: krb5kdc:krb5-kdc kdb5_util:krb5-kdc kadmin.local:krb5-admin-server kinit:krb5-user
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server kerberos
lab_host client "$CLIENT"
kinit_as() {
  # shellcheck disable=SC2086
  printf '%s\n' "$2" | lab_exec client env $LAB_KRB5_ENV kinit "$1" > /dev/null 2>&1
}

lab_capture_start
kinit_as alice "${LAB_PASS[alice]}" || lab_die "alice's kinit failed: $(grep -v -i pass "$LAB_DIR/krb5/kdc.log" | tail -5)"
kinit_as bob 'Autumn2025' && lab_die "a wrong password was accepted"
kinit_as tanaka 'Password1' && lab_die "an unknown principal was accepted"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "kerberos-login",
  "description": "Kerberos AS exchanges with an MIT KDC: alice gets a ticket, bob fails pre-authentication, tanaka is unknown",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "kerberos",
  "facts": {
    "realm": "LAB.EXAMPLE",
    "logins": [
      { "user": "alice", "success": true },
      { "user": "bob", "success": false, "errorCode": 24 },
      { "user": "tanaka", "success": false, "errorCode": 6 }
    ]
  },
  "alerts": [],
  "maxSeverity": null,
  "checks": [
    { "name": "AS-REQ", "filter": "kerberos.msg_type == 10", "count": 5 },
    { "name": "AS-REP", "filter": "kerberos.msg_type == 11", "count": 1 },
    { "name": "PREAUTH_REQUIRED", "filter": "kerberos.error_code == 25", "count": 2 },
    { "name": "PREAUTH_FAILED", "filter": "kerberos.error_code == 24", "count": 1 },
    { "name": "C_PRINCIPAL_UNKNOWN", "filter": "kerberos.error_code == 6", "count": 1 },
    { "name": "client name alice", "filter": "kerberos.msg_type == 10 && kerberos.CNameString == \"alice\"", "count": 2 }
  ]
}
JSON
