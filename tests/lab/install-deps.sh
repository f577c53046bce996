#!/usr/bin/env bash
# Installs every Debian package the attack lab (tests/lab) needs.
# Idempotent and non-interactive. When not root it prints the exact command and exits 1.
set -euo pipefail

packages=(
  iproute2 procps coreutils util-linux psmisc python3 jq   # namespaces, process control, truth files
  tcpdump tshark                                            # recording and checking captures
  bind9-dnsutils curl openssl                               # dig, HTTP/TLS/FTP/POP3/IMAP/SMTP clients
  dnsmasq-base iodine                                       # lab DNS + DHCP server, DNS tunnel
  openssh-server openssh-client sshpass                     # ssh-login
  vsftpd                                                    # ftp-login
  dovecot-core dovecot-pop3d dovecot-imapd dovecot-submissiond  # mail-login
  busybox                                                   # udhcpc for the dhcp scenario
  inetutils-telnetd openbsd-inetd inetutils-telnet expect  # telnet-login
  samba samba-common-bin smbclient                          # smb-ntlm, netbios-ns
  krb5-kdc krb5-admin-server krb5-user                      # kerberos-login
  nmap hping3 hydra                                         # attacks
)

cmd=(apt-get install -y --no-install-recommends "${packages[@]}")

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh must run as root. Run:" >&2
  echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get update && sudo DEBIAN_FRONTEND=noninteractive ${cmd[*]}" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "lab: all ${#packages[@]} packages already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Answer the packages that ask questions, so nothing prompts.
debconf-set-selections <<'SEL'
wireshark-common wireshark-common/install-setuid boolean false
samba-common samba-common/dhcp boolean false
iodine iodine/start_daemon boolean false
krb5-config krb5-config/default_realm string LAB.EXAMPLE
krb5-config krb5-config/kerberos_servers string
krb5-config krb5-config/admin_server string
krb5-config krb5-config/add_servers boolean false
krb5-config krb5-config/read_conf boolean true
krb5-kdc krb5-kdc/debconf boolean false
SEL

# Services must not start in the host namespace during installation; the lab starts its own copies.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap '[[ $created_policy -eq 1 ]] && rm -f "$policy"' EXIT

echo "lab: installing ${missing[*]}"
timeout 900 apt-get update -q
timeout 1800 "${cmd[@]}" -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
