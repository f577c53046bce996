#!/usr/bin/env bash
# smb-lateral: the classic way malware and attackers spread between office PCs (PsExec, Impacket's
# psexec/smbexec, worms): a program copied over SMB2 into the hidden administrative share ADMIN$ of
# another PC. The client (10.77.0.10) logs in to pc2 (10.77.0.21, Samba with shares ADMIN$ and
# share) as the administrator and, with smbclient, (1) copies a document into the ordinary share,
# (2) reads a program from ADMIN$, (3) copies update.exe into ADMIN$. Only (3) is lateral movement.
# requires: smbd:samba smbclient:smbclient smbpasswd:samba
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_host pc2 "$TARGET2"
lab_user pc2 admin "${LAB_PASS[admin]}"
lab_host client "$CLIENT"

mkdir -p "$LAB_DIR/admin-share" "$LAB_DIR/office-share" "$LAB_DIR/outbox"
echo "MZ lab tool, not a real program" > "$LAB_DIR/admin-share/tool.exe"
echo "MZ lab update, not a real program" > "$LAB_DIR/outbox/update.exe"
echo "lab minutes of the monthly meeting" > "$LAB_DIR/outbox/minutes-2026-12.docx"
chmod 777 "$LAB_DIR/admin-share" "$LAB_DIR/office-share"
chmod -R a+rX "$LAB_DIR/admin-share" "$LAB_DIR/outbox"
lab_samba pc2 "$TARGET2" PC2 admin <<CONF
[ADMIN\$]
  path = $LAB_DIR/admin-share
  read only = no
  browseable = no
  valid users = admin
[share]
  path = $LAB_DIR/office-share
  read only = no
  valid users = admin
CONF

printf '[global]\n  client min protocol = SMB2\n  workgroup = LAB\n' > "$LAB_DIR/client.conf"
printf '%s' "${LAB_PASS[admin]}" > "$LAB_DIR/smbpass"
smb() {
  local share=$1
  shift
  PASSWD_FILE=$LAB_DIR/smbpass lab_exec client smbclient -s "$LAB_DIR/client.conf" -n SME-PC-01 -W LAB \
    -U admin "//$TARGET2/$share" "$@"
}

lab_capture_start
smb share -c "lcd $LAB_DIR/outbox; put minutes-2026-12.docx" > /dev/null
smb 'ADMIN$' -c 'get tool.exe /dev/null' > /dev/null
smb 'ADMIN$' -c "lcd $LAB_DIR/outbox; put update.exe" > /dev/null
lab_capture_stop
[[ -f $LAB_DIR/admin-share/update.exe && -f $LAB_DIR/office-share/minutes-2026-12.docx ]] || lab_die "a copy did not arrive"

lab_truth <<JSON
{
  "scenario": "smb-lateral",
  "description": "lateral copy over SMB2: a program into ADMIN\$ of another PC (alert); a document into an ordinary share and a program read from ADMIN\$ (no alert)",
  "hosts": { "client": "$CLIENT", "pc2": "$TARGET2" },
  "attacker": "$CLIENT", "victim": "$TARGET2",
  "protocol": "smb2",
  "facts": {
    "writes": [
      { "share": "ADMIN\$", "name": "update.exe", "lateral": true },
      { "share": "share", "name": "minutes-2026-12.docx", "lateral": false }
    ],
    "reads": [ { "share": "ADMIN\$", "name": "tool.exe" } ]
  },
  "alerts": [
    { "type": "abnormal_process", "src": "$CLIENT", "dst": "$TARGET2", "dstPort": 445 },
    { "type": "privileged_account", "src": "$CLIENT", "dst": "$TARGET2", "dstPort": 445 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "tree connects (IPC\$ and the share, per session)", "filter": "smb2.cmd == 3 && smb2.flags.response == 0", "count": 6 },
    { "name": "ADMIN$ tree connects", "filter": "smb2.cmd == 3 && smb2.flags.response == 0 && smb2.tree contains \"ADMIN\$\"", "count": 2 },
    { "name": "create update.exe", "filter": "smb2.cmd == 5 && smb2.flags.response == 0 && smb2.filename == \"update.exe\"", "atLeast": 1 },
    { "name": "create minutes", "filter": "smb2.cmd == 5 && smb2.flags.response == 0 && smb2.filename == \"minutes-2026-12.docx\"", "atLeast": 1 },
    { "name": "create tool.exe", "filter": "smb2.cmd == 5 && smb2.flags.response == 0 && smb2.filename == \"tool.exe\"", "atLeast": 1 },
    { "name": "file writes", "filter": "smb2.cmd == 9 && smb2.flags.response == 0", "atLeast": 2 },
    { "name": "not encrypted", "filter": "smb2.header.transform.nonce", "count": 0 }
  ]
}
JSON
