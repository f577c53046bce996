#!/usr/bin/env bash
# ftp-login: curl logs in to vsftpd: one success that lists and downloads a file, two failures.
# requires: vsftpd:vsftpd curl:curl
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_server ftp
lab_host client "$CLIENT"

lab_capture_start
lab_exec client curl -s --max-time 10 -u "alice:${LAB_PASS[alice]}" "ftp://$SERVER/readme.txt" > /dev/null
lab_exec client curl -s --max-time 10 -u "bob:not-the-password" "ftp://$SERVER/" > /dev/null && lab_die "accepted"
lab_exec client curl -s --max-time 10 -u "carol:guess123" "ftp://$SERVER/" > /dev/null && lab_die "accepted"
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "ftp-login",
  "description": "curl FTP logins to vsftpd: alice succeeds and downloads readme.txt; bob and carol fail",
  "hosts": { "client": "$CLIENT", "server": "$SERVER" },
  "protocol": "ftp",
  "facts": {
    "successfulLogins": 1,
    "failedLogins": 2,
    "logins": [
      { "user": "alice", "success": true },
      { "user": "bob", "success": false },
      { "user": "carol", "success": false }
    ],
    "cleartextPasswords": 3
  },
  "alerts": [ { "type": "plaintext_password", "src": "$CLIENT", "dst": "$SERVER", "dstPort": 21 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "USER", "filter": "ftp.request.command == \"USER\"", "count": 3 },
    { "name": "PASS", "filter": "ftp.request.command == \"PASS\"", "count": 3 },
    { "name": "230 logged in", "filter": "ftp.response.code == 230", "count": 1 },
    { "name": "530 login incorrect", "filter": "ftp.response.code == 530", "count": 2 },
    { "name": "RETR", "filter": "ftp.request.command == \"RETR\"", "count": 1 }
  ]
}
JSON
