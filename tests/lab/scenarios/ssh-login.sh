#!/usr/bin/env bash
# ssh-login: OpenSSH client logs in to sshd with a password once successfully and fails three times
# (wrong passwords), one attempt per connection.
# requires: sshd:openssh-server ssh:openssh-client sshpass:sshpass
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ssh
lab_host client "$CLIENT"

ssh_login() {
  local user=$1 pass=$2
  shift 2
  SSHPASS=$pass lab_exec client sshpass -e ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PreferredAuthentications=password -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \
    -o ConnectTimeout=5 "$user@$SERVER" "$@"
}

lab_capture_start
ssh_login alice "${LAB_PASS[alice]}" 'echo logged-in; uname -s' > /dev/null
for user in alice bob carol; do
  ssh_login "$user" 'wrong-password' true > /dev/null 2>&1 && lab_die "a wrong password was accepted"
done
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "ssh-login",
  "description": "one successful SSH password login (alice) and three failed ones (alice, bob, carol)",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "ssh",
  "facts": {
    "connections": 4,
    "successfulLogins": 1,
    "failedLogins": 3,
    "logins": [
      { "user": "alice", "success": true },
      { "user": "alice", "success": false },
      { "user": "bob", "success": false },
      { "user": "carol", "success": false }
    ]
  },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "connections", "filter": "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == 22", "count": 4 },
    { "name": "banners (both sides)", "filter": "ssh.protocol", "count": 8 },
    { "name": "server banner", "filter": "tcp.srcport == 22 && ssh.protocol contains \"OpenSSH\"", "count": 4 }
  ]
}
JSON
