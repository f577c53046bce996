#!/usr/bin/env bash
# smb-ntlm: smbclient connects to Samba over SMB2/3 with NTLMv2 (NTLMSSP in SESSION_SETUP): alice
# lists the share and downloads a file; bob and a non-existent user fail (STATUS_LOGON_FAILURE).
# requires: smbd:samba smbclient:smbclient smbpasswd:samba
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server smb
lab_host client "$CLIENT"
printf '[global]\n  client min protocol = SMB2\n  workgroup = LAB\n' > "$LAB_DIR/client.conf"
smb() {
  local user=$1 pass=$2
  shift 2
  printf '%s' "$pass" > "$LAB_DIR/smbpass"
  PASSWD_FILE=$LAB_DIR/smbpass lab_exec client smbclient -s "$LAB_DIR/client.conf" -n SME-PC-01 -W LAB \
    -U "$user" "//$SERVER/shared" "$@"
}

lab_capture_start
smb alice "${LAB_PASS[alice]}" -c 'ls; get report-2026Q3.txt /dev/null' > /dev/null
smb bob 'Winter2025' -c 'ls' > /dev/null 2>&1 && lab_die "accepted a wrong password"
smb tanaka 'Password1' -c 'ls' > /dev/null 2>&1 && lab_die "accepted an unknown user"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "smb-ntlm",
  "description": "SMB2/3 NTLMv2 logons to Samba: alice succeeds and reads a file; bob (wrong password) and tanaka (unknown) fail",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "smb2",
  "facts": {
    "domain": "LAB",
    "workstation": "SME-PC-01",
    "logins": [
      { "user": "alice", "success": true },
      { "user": "bob", "success": false, "status": "STATUS_LOGON_FAILURE" },
      { "user": "tanaka", "success": false, "status": "STATUS_LOGON_FAILURE" }
    ]
  },
  "alerts": [],
  "maxSeverity": null,
  "checks": [
    { "name": "NTLMSSP AUTH messages", "filter": "ntlmssp.messagetype == 0x00000003", "count": 3 },
    { "name": "user alice", "filter": "ntlmssp.auth.username == \"alice\"", "count": 1 },
    { "name": "workstation", "filter": "ntlmssp.auth.hostname == \"SME-PC-01\"", "count": 3 },
    { "name": "logon failures", "filter": "smb2.nt_status == 0xc000006d", "count": 2 },
    { "name": "file read", "filter": "smb2.cmd == 8 && smb2.flags.response == 0", "atLeast": 1 }
  ]
}
JSON
