#!/usr/bin/env bash
# Mamori attack lab: a library sourced by tests/lab/scenarios/*.sh, and a small runner.
#
#   lab.sh list                      names of all scenarios
#   lab.sh run NAME OUTDIR           run one scenario; writes OUTDIR/NAME.pcap and OUTDIR/NAME.truth.json
#   lab.sh run-all OUTDIR            run every scenario in sequence
#   lab.sh verify NAME OUTDIR        count each truth check of a recorded scenario with tshark
#   lab.sh check NAME                exit 0 when root and every tool NAME needs is present,
#                                    else print "missing ..." lines and exit 3
#   lab.sh sweep                     remove namespaces and work dirs of labs killed by SIGKILL
#
# Every host is a network namespace named "$LAB_PREFIX<host>" (LAB_PREFIX = mml-<pid>-), wired with
# veth pairs to a bridge that itself lives in the "sw" namespace. Nothing is created in, routed to or
# configured in the root namespace, so two labs can run at once and no packet can leave the lab.
# All addresses are in 10.77.0.0/24 and fd77::/64, inside those namespaces only.

LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Well-known lab hosts (the last octet doubles as the IPv6 interface id in fd77::/64).
LAB_NET=10.77.0
CLIENT=$LAB_NET.10
CLIENT2=$LAB_NET.11
SERVER=$LAB_NET.20
TARGET2=$LAB_NET.21
TARGET3=$LAB_NET.22
TARGET4=$LAB_NET.23
DNS=$LAB_NET.53
ATTACKER=$LAB_NET.66
WEB=$LAB_NET.80
C2=$LAB_NET.99
# "Internet" addresses served by the inet host (lab_inet): a phishing site, a malware download
# site, a command-and-control server and a BitTorrent tracker.
PHISH=$LAB_NET.101
MALWARE=$LAB_NET.102
C2WEB=$LAB_NET.103
TRACKER=$LAB_NET.104

# Upper bound for any single command, and for a background service's whole life.
LAB_CMD_TIMEOUT=${LAB_CMD_TIMEOUT:-60}
LAB_SERVICE_TIMEOUT=${LAB_SERVICE_TIMEOUT:-150}

lab_log() { echo "lab[$LAB_SCENARIO]: $*" >&2; }
lab_die() { lab_log "ERROR: $*"; exit 1; }

# Parses "# requires: cmd:package cmd:package" lines of a scenario file.
lab_requirements() {
  sed -n 's/^# requires:[[:space:]]*//p' "$1" | tr ' ' '\n' | sed '/^$/d'
}

# Prints one "missing ..." line per unmet requirement; returns 3 when any is unmet.
lab_check() {
  local file=$1 missing=0 req cmd pkg
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing root: the lab creates network namespaces (run the tests as root)"
    missing=1
  fi
  for req in ip:iproute2 tcpdump:tcpdump timeout:coreutils jq:jq $(lab_requirements "$file"); do
    cmd=${req%%:*}
    pkg=${req#*:}
    if ! command -v "$cmd" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$cmd ]]; then
      echo "missing tool '$cmd' (Debian package: $pkg); install with tests/lab/install-deps.sh"
      missing=1
    fi
  done
  [[ $missing -eq 0 ]] || return 3
}

# --- topology ---------------------------------------------------------------------------------

# lab_sweep: remove what a lab killed without its trap (SIGKILL) left behind: namespaces named
# mml-<pid>-* and work dirs /tmp/mml-<pid>-* whose lab process <pid> no longer exists.
lab_sweep() {
  local ns pid p
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^mml-[0-9]+-' || true); do
    pid=${ns#mml-}
    pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null && continue
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  for ns in /tmp/mml-[0-9]*-*; do
    [[ -d $ns ]] || continue
    pid=${ns#/tmp/mml-}
    pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null || rm -rf "$ns"
  done
}

# lab_start OUTDIR: must be the first call of a scenario. Sets the cleanup trap and builds the switch.
lab_start() {
  LAB_OUT=${1:?usage: scenario.sh OUTDIR}
  LAB_SCENARIO=$(basename "${BASH_SOURCE[1]}" .sh)
  local file=${BASH_SOURCE[1]}
  if ! lab_check "$file" >&2; then
    exit 3
  fi
  set -euo pipefail
  lab_sweep
  mkdir -p "$LAB_OUT"
  LAB_OUT=$(cd "$LAB_OUT" && pwd)
  LAB_PREFIX="mml-$$-"
  LAB_DIR=$(mktemp -d /tmp/mml-$$-XXXXXX)
  chmod 755 "$LAB_DIR"
  cd "$LAB_DIR"   # tools that drop files in the working directory (hydra.restore) drop them here
  LAB_PIDS=()
  LAB_HOSTS=()
  LAB_PCAP=$LAB_OUT/$LAB_SCENARIO.pcap
  LAB_TRUTH=$LAB_OUT/$LAB_SCENARIO.truth.json
  rm -f "$LAB_PCAP" "$LAB_TRUTH"
  trap lab_cleanup EXIT
  trap 'exit 130' INT TERM HUP PIPE

  ip netns add "${LAB_PREFIX}sw"
  ip -n "${LAB_PREFIX}sw" link set lo up
  ip -n "${LAB_PREFIX}sw" link add br0 type bridge
  # No spanning tree delay, no multicast snooping surprises: a plain learning switch.
  ip -n "${LAB_PREFIX}sw" link set br0 type bridge stp_state 0 forward_delay 0
  ip -n "${LAB_PREFIX}sw" link set br0 up
  lab_log "topology prefix $LAB_PREFIX, work dir $LAB_DIR"
}

# lab_host NAME [IPV4|dhcp]: a namespace with eth0 on the lab bridge. Default address: none for "dhcp".
lab_host() {
  local name=$1 addr=${2:-} ns="${LAB_PREFIX}$1"
  ip netns add "$ns"
  LAB_HOSTS+=("$name")
  ip -n "$ns" link set lo up
  ip -n "$ns" link add eth0 type veth peer name "v-$name" netns "${LAB_PREFIX}sw"
  ip -n "${LAB_PREFIX}sw" link set "v-$name" master br0 up
  # No IPv6 autoconfiguration chatter except on purpose; link-local stays (it is what real hosts do).
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.accept_ra=0 net.ipv6.conf.eth0.dad_transmits=0
  if [[ -n $addr && $addr != dhcp ]]; then
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" -6 addr add "fd77::${addr##*.}/64" dev eth0 nodad
  fi
  ip -n "$ns" link set eth0 up
  mkdir -p "$LAB_DIR/etc/$name"
}

# lab_alias NAME IPV4: a second address on a host (for horizontal scans across several "hosts").
lab_alias() {
  ip -n "${LAB_PREFIX}$1" addr add "$2/24" dev eth0
}

# lab_etc HOST FILE CONTENT...: a file that is bind-mounted over /etc/FILE for commands run on HOST.
lab_etc() {
  local host=$1 file=$2
  shift 2
  printf '%s\n' "$@" > "$LAB_DIR/etc/$host/$file"
}

# lab_resolver HOST IP: point the host's /etc/resolv.conf at the lab DNS server.
lab_resolver() {
  lab_etc "$1" resolv.conf "nameserver $2" "options timeout:1 attempts:1"
  lab_etc "$1" hosts "127.0.0.1 localhost" "::1 localhost"
  lab_etc "$1" nsswitch.conf "hosts: files dns" "passwd: files" "group: files" "shadow: files"
}

# lab_user HOST USER PASSWORD: a local account that exists only for commands run on HOST
# (passwd/shadow/group are bind-mounted copies; the host's own account files are never changed).
lab_user() {
  local host=$1 user=$2 pass=$3 dir="$LAB_DIR/etc/$1"
  [[ -f $dir/passwd ]] || { cp /etc/passwd "$dir/passwd"; cp /etc/shadow "$dir/shadow"; cp /etc/group "$dir/group"; }
  local uid=$((47000 + $(wc -l < "$dir/passwd")))
  local home="$LAB_DIR/home/$user"
  mkdir -p "$home"
  echo "lab file for $user" > "$home/readme.txt"
  echo "$user:x:$uid:$uid:lab user:$home:/bin/sh" >> "$dir/passwd"
  echo "$user:$(openssl passwd -6 -salt mamorilab "$pass"):20000:0:99999:7:::" >> "$dir/shadow"
  echo "$user:x:$uid:" >> "$dir/group"
  chown -R "$uid:$uid" "$home"
  chmod 755 "$home"
}

# --- running programs ---------------------------------------------------------------------------

# lab_exec HOST CMD...: run a command on HOST, bounded by LAB_CMD_TIMEOUT.
lab_exec() {
  local host=$1
  shift
  ip netns exec "${LAB_PREFIX}$host" "$LAB_HOME/enter.sh" "$LAB_DIR/etc/$host" \
    timeout -k 2 "$LAB_CMD_TIMEOUT" "$@"
}

# lab_try HOST CMD...: like lab_exec, but a non-zero exit (an expected failed login) is not fatal.
lab_try() {
  lab_exec "$@" || true
}

# lab_bg HOST LOGNAME CMD...: start a service on HOST in the background, bounded by LAB_SERVICE_TIMEOUT.
lab_bg() {
  local host=$1 log=$2
  shift 2
  ip netns exec "${LAB_PREFIX}$host" "$LAB_HOME/enter.sh" "$LAB_DIR/etc/$host" \
    timeout -k 2 "$LAB_SERVICE_TIMEOUT" "$@" > "$LAB_DIR/$log.log" 2>&1 &
  LAB_PIDS+=($!)
}

# lab_wait_tcp HOST IP PORT: wait (at most 10 s) until HOST can connect to IP:PORT.
lab_wait_tcp() {
  local host=$1 ip=$2 port=$3 i
  for ((i = 0; i < 100; i++)); do
    if ip netns exec "${LAB_PREFIX}$host" timeout 1 bash -c "exec 3<>/dev/tcp/$ip/$port" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  lab_die "nothing listens on $ip:$port (see logs in $LAB_DIR)"
}

# lab_wait_udp HOST PORT: wait (at most 10 s) until something on HOST listens on UDP PORT.
lab_wait_udp() {
  local host=$1 port=$2 i
  for ((i = 0; i < 100; i++)); do
    if ip netns exec "${LAB_PREFIX}$host" ss -Hlun "sport = :$port" | grep -q .; then
      return 0
    fi
    sleep 0.1
  done
  lab_die "nothing listens on udp port $port on $host"
}

# lab_dns [EXTRA-DNSMASQ-OPTIONS...]: the "dns" host (10.77.0.53) running dnsmasq as the office resolver,
# authoritative for lab.example and answering NXDOMAIN for every other name (there is no upstream).
lab_dns() {
  lab_host dns "$DNS"
  cat > "$LAB_DIR/dnsmasq.conf" <<CONF
no-resolv
no-hosts
bind-interfaces
listen-address=$DNS
user=root
pid-file=
log-queries
log-facility=-
domain-needed
host-record=www.lab.example,$WEB,fd77::80
host-record=intranet.lab.example,$WEB
host-record=updates.lab.example,$WEB
host-record=files.lab.example,$SERVER
host-record=mail.lab.example,$SERVER
host-record=server.lab.example,$SERVER
mx-host=lab.example,mail.lab.example,10
txt-record=lab.example,"v=spf1 mx -all"
txt-record=_dmarc.lab.example,"v=DMARC1; p=none"
local=/example/
local=/com/
local=/net/
local=/org/
local=/info/
local=/biz/
local=/ru/
local=/top/
local=/xyz/
CONF
  lab_bg dns dnsmasq dnsmasq --keep-in-foreground --conf-file="$LAB_DIR/dnsmasq.conf" "$@"
  lab_wait_udp dns 53
}

# lab_web [WEBSERVER-OPTIONS...]: the "web" host (10.77.0.80, fd77::80) serving HTTP on port 80 with
# webserver.py over IPv4 and IPv6.
lab_web() {
  lab_host web "$WEB"
  lab_bg web web4 /usr/bin/python3 "$LAB_HOME/webserver.py" --bind "$WEB" --port 80 \
    --lifetime "$LAB_SERVICE_TIMEOUT" "$@"
  lab_bg web web6 /usr/bin/python3 "$LAB_HOME/webserver.py" --bind fd77::80 --port 80 \
    --lifetime "$LAB_SERVICE_TIMEOUT" "$@"
  lab_wait_tcp web "$WEB" 80
}

# lab_web_tls: HTTPS on the web host's port 443 (webserver.py with a lab-CA certificate for
# www.lab.example); call after lab_web.
lab_web_tls() {
  lab_cert web www.lab.example intranet.lab.example updates.lab.example
  lab_bg web web-tls /usr/bin/python3 "$LAB_HOME/webserver.py" --bind "$WEB" --port 443 \
    --cert "$LAB_DIR/web.crt" --key "$LAB_DIR/web.key" --lifetime "$LAB_SERVICE_TIMEOUT"
  lab_wait_tcp web "$WEB" 443
}

# lab_cert NAME CN [SAN...]: a key and a certificate for CN signed by a lab CA, as
# $LAB_DIR/NAME.key and $LAB_DIR/NAME.crt (the CA is $LAB_DIR/ca.crt).
lab_cert() {
  local name=$1 cn=$2 san="DNS:$2"
  shift 2
  for n in "$@"; do san="$san,DNS:$n"; done
  if [[ ! -f $LAB_DIR/ca.crt ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
      -subj "/O=Mamori Lab/CN=Mamori Lab Root CA" -keyout "$LAB_DIR/ca.key" -out "$LAB_DIR/ca.crt" 2>/dev/null
  fi
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=Mamori Lab/CN=$cn" \
    -keyout "$LAB_DIR/$name.key" -out "$LAB_DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$LAB_DIR/$name.csr" -CA "$LAB_DIR/ca.crt" -CAkey "$LAB_DIR/ca.key" \
    -CAcreateserial -days 30 -extfile <(echo "subjectAltName=$san") -out "$LAB_DIR/$name.crt" 2>/dev/null
}

# Lab accounts on the "server" host. The passwords exist only inside the lab's own bind-mounted
# account files and service configs; truth files never carry them.
LAB_USERS=(alice bob carol admin)
declare -A LAB_PASS=([alice]='Sakura#2024' [bob]='Momiji!77' [carol]='Fuji-san_3776' [admin]='Kanri#9001')

# lab_server SERVICE...: the "server" host (10.77.0.20) with the lab accounts and any of the
# services ssh ftp pop3 imap smtp telnet, each a real Debian daemon with a lab-only config.
lab_server() {
  lab_host server "$SERVER"
  local u svc
  for u in "${LAB_USERS[@]}"; do lab_user server "$u" "${LAB_PASS[$u]}"; done
  for svc in "$@"; do
    case $svc in
      ssh) lab_sshd ;;
      ftp) lab_vsftpd ;;
      pop3|imap|smtp) ;;
      telnet) lab_telnetd ;;
      smb) lab_smbd ;;
      kerberos) lab_kdc ;;
      *) lab_die "unknown service $svc" ;;
    esac
  done
  if [[ " $* " =~ \ (pop3|imap|smtp)\  ]]; then lab_dovecot; fi
}

lab_sshd() {
  ssh-keygen -q -t ed25519 -N '' -f "$LAB_DIR/ssh_host_ed25519_key"
  cat > "$LAB_DIR/sshd_config" <<CONF
Port 22
ListenAddress $SERVER
HostKey $LAB_DIR/ssh_host_ed25519_key
PidFile none
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
PermitRootLogin no
StrictModes no
MaxAuthTries 6
MaxStartups 64:30:128
LoginGraceTime 20
Banner none
CONF
  mkdir -p /run/sshd   # sshd's compiled-in privilege separation directory; empty and harmless
  lab_bg server sshd /usr/sbin/sshd -D -e -f "$LAB_DIR/sshd_config"
  lab_wait_tcp server "$SERVER" 22
}

lab_vsftpd() {
  mkdir -p "$LAB_DIR/ftp-empty"
  chmod 755 "$LAB_DIR/ftp-empty"
  cat > "$LAB_DIR/vsftpd.conf" <<CONF
listen=YES
listen_address=$SERVER
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=NO
pam_service_name=vsftpd
secure_chroot_dir=$LAB_DIR/ftp-empty
delay_failed_login=0
delay_successful_login=0
max_login_fails=1000
max_per_ip=64
seccomp_sandbox=NO
xferlog_enable=NO
ftpd_banner=Lab FTP service ready.
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40100
CONF
  # pam_unix sleeps about 2 s after a failure unless told "nodelay"; the scenarios need speed.
  mkdir -p "$LAB_DIR/etc/server/pam.d"
  printf '%s\n' "auth required pam_unix.so nodelay" "account required pam_unix.so" \
    "session required pam_unix.so" > "$LAB_DIR/etc/server/pam.d/vsftpd"
  lab_bg server vsftpd /usr/sbin/vsftpd "$LAB_DIR/vsftpd.conf"
  lab_wait_tcp server "$SERVER" 21
}

lab_dovecot() {
  local u run="$LAB_DIR/dovecot"
  mkdir -p "$run/base" "$run/state" "$run/mail"
  chmod 777 "$run/mail"
  : > "$run/users"
  for u in "${LAB_USERS[@]}"; do
    echo "$u:{SHA512-CRYPT}$(openssl passwd -6 -salt mamorilab "${LAB_PASS[$u]}")" >> "$run/users"
  done
  cat > "$run/dovecot.conf" <<CONF
base_dir = $run/base
state_dir = $run/state
protocols = pop3 imap submission
listen = $SERVER
hostname = mail.lab.example
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 100
log_path = $LAB_DIR/dovecot.log
mail_location = maildir:$run/mail/%u
submission_relay_host = 127.0.0.1
submission_relay_port = 2525
passdb {
  driver = passwd-file
  args = $run/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$run/mail/%u
}
# No growing per-IP auth penalty: the brute-force scenarios must finish in seconds.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  process_min_avail = 1
}
service pop3-login {
  process_min_avail = 1
}
CONF
  lab_bg server dovecot /usr/sbin/dovecot -F -c "$run/dovecot.conf"
  lab_wait_tcp server "$SERVER" 110
  lab_wait_tcp server "$SERVER" 143
  lab_wait_tcp server "$SERVER" 587
}

lab_telnetd() {
  echo "$SERVER:telnet stream tcp nowait root /usr/sbin/telnetd telnetd" > "$LAB_DIR/inetd.conf"
  # Debian's pam.d/login asks pam_loginuid and pam_securetty, which fail inside a namespace;
  # the lab's login checks only the password.
  mkdir -p "$LAB_DIR/etc/server/pam.d"
  printf '%s\n' "auth required pam_unix.so nodelay" "account required pam_unix.so" \
    "session required pam_unix.so" > "$LAB_DIR/etc/server/pam.d/login"
  lab_bg server inetd /usr/sbin/inetd -d "$LAB_DIR/inetd.conf"
  lab_wait_tcp server "$SERVER" 23
}

# lab_smbd: Samba on the server (SMB2/3 only, NTLMv2) sharing "shared" to alice and bob.
lab_smbd() {
  mkdir -p "$LAB_DIR/share"
  echo "quarterly figures" > "$LAB_DIR/share/report-2026Q3.txt"
  chmod -R a+rX "$LAB_DIR/share"
  lab_samba server "$SERVER" FILESERVER "alice bob" <<CONF
[shared]
  path = $LAB_DIR/share
  read only = yes
  valid users = alice bob
CONF
}

# lab_samba HOST IP NETBIOS-NAME "USERS": Samba on HOST (SMB2/3 only, NTLMv2, no guest) with the
# lab passwords of USERS and the share sections read from stdin; waits until port 445 answers.
lab_samba() {
  local host=$1 ip=$2 name=$3 users=$4 s="$LAB_DIR/samba-$1" u
  mkdir -p "$s"/{private,lock,state,cache,run,ncalrpc,log}
  {
    cat <<CONF
[global]
  workgroup = LAB
  netbios name = $name
  server role = standalone server
  security = user
  map to guest = never
  interfaces = $ip/24
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  private dir = $s/private
  lock directory = $s/lock
  state directory = $s/state
  cache directory = $s/cache
  pid directory = $s/run
  ncalrpc dir = $s/ncalrpc
  log file = $s/log/%m.log
  passdb backend = tdbsam:$s/private/passdb.tdb
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  server min protocol = SMB2
  ntlm auth = ntlmv2-only
CONF
    cat
  } > "$s/smb.conf"
  for u in $users; do
    printf '%s\n%s\n' "${LAB_PASS[$u]}" "${LAB_PASS[$u]}" |
      lab_exec "$host" smbpasswd -c "$s/smb.conf" -s -a "$u" > /dev/null
  done
  lab_bg "$host" smbd /usr/sbin/smbd --foreground --no-process-group --debug-stdout -s "$s/smb.conf"
  lab_wait_tcp "$host" "$ip" 445
}

# lab_kdc: an MIT Kerberos KDC for realm LAB.EXAMPLE on the server (UDP and TCP 88) with the lab
# accounts as principals that require pre-authentication (so a wrong password is a KRB-ERROR on the
# wire). Clients use "lab_exec HOST env $LAB_KRB5_ENV kinit ...".
lab_kdc() {
  local d="$LAB_DIR/krb5" u
  mkdir -p "$d"
  cat > "$d/krb5.conf" <<CONF
[libdefaults]
  default_realm = LAB.EXAMPLE
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
[realms]
  LAB.EXAMPLE = {
    kdc = $SERVER
  }
CONF
  cat > "$d/kdc.conf" <<CONF
[kdcdefaults]
  kdc_ports = 88
  kdc_tcp_ports = 88
[realms]
  LAB.EXAMPLE = {
    database_name = $d/principal
    key_stash_file = $d/stash
    acl_file = $d/kadm5.acl
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
[logging]
  kdc = FILE:$d/kdc.log
CONF
  : > "$d/kadm5.acl"
  LAB_KRB5_ENV="KRB5_CONFIG=$d/krb5.conf KRB5_KDC_PROFILE=$d/kdc.conf KRB5CCNAME=FILE:$d/ccache"
  # shellcheck disable=SC2086
  lab_exec server env $LAB_KRB5_ENV kdb5_util create -s -r LAB.EXAMPLE -P "$(openssl rand -hex 12)" > /dev/null
  for u in "${LAB_USERS[@]}"; do
    # shellcheck disable=SC2086
    lab_exec server env $LAB_KRB5_ENV kadmin.local -q "addprinc +requires_preauth -pw ${LAB_PASS[$u]} $u" > /dev/null 2>&1
  done
  # shellcheck disable=SC2086
  lab_bg server krb5kdc env $LAB_KRB5_ENV /usr/sbin/krb5kdc -n
  lab_wait_tcp server "$SERVER" 88
}

# lab_wordlist N: N common weak passwords, one a line (none is a lab account's password).
lab_wordlist() {
  local words=(123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon
    123123 baseball abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop
    123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx
    123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman
    andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel)
  printf '%s\n' "${words[@]:0:$1}"
}

# lab_usernames N: N plausible office user names (the first four are real lab accounts).
lab_usernames() {
  local names=(alice bob carol admin tanaka suzuki sato takahashi watanabe ito yamamoto nakamura
    kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki
    mori abe ikeda hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa)
  printf '%s\n' "${names[@]:0:$1}"
}

# lab_inet: the "inet" host standing for the Internet: addresses PHISH, MALWARE, C2WEB and TRACKER,
# webserver.py on port 80 of all of them and openssl s_server (certificate for C2_NAME) on C2WEB:443.
# Use with lab_dns "${LAB_INET_DNS[@]}" so the names resolve.
PHISH_NAME=login-secure-mamori-bank.example
MALWARE_NAME=dl.free-pdf-tools.example
C2_NAME=sync.cdn-telemetry.example
TRACKER_NAME=tracker.openbt-lab.example
LAB_INET_DNS=(--host-record="$PHISH_NAME,$PHISH" --host-record="$MALWARE_NAME,$MALWARE"
  --host-record="$C2_NAME,$C2WEB" --host-record="$TRACKER_NAME,$TRACKER")
lab_inet() {
  lab_host inet "$PHISH"
  local ip
  for ip in "$MALWARE" "$C2WEB" "$TRACKER"; do lab_alias inet "$ip"; done
  lab_bg inet inet-web /usr/bin/python3 "$LAB_HOME/webserver.py" --bind 0.0.0.0 --port 80 \
    --lifetime "$LAB_SERVICE_TIMEOUT"
  lab_cert c2 "$C2_NAME"
  lab_bg inet inet-tls openssl s_server -accept "$C2WEB:443" -cert "$LAB_DIR/c2.crt" -key "$LAB_DIR/c2.key" \
    -alpn http/1.1 -www
  lab_wait_tcp inet "$PHISH" 80
  lab_wait_tcp inet "$C2WEB" 443
}

# --- capture ------------------------------------------------------------------------------------

# lab_capture_start [FILTER]: tcpdump on the bridge, so every host's traffic is seen once.
lab_capture_start() {
  ip netns exec "${LAB_PREFIX}sw" timeout -k 2 "$LAB_SERVICE_TIMEOUT" \
    tcpdump -Z root -B 65536 -i br0 -s 0 -n -w "$LAB_PCAP" "$@" > "$LAB_DIR/tcpdump.log" 2>&1 &
  LAB_TCPDUMP=$!
  LAB_PIDS+=($LAB_TCPDUMP)
  local i
  for ((i = 0; i < 100; i++)); do
    grep -q 'listening on' "$LAB_DIR/tcpdump.log" 2>/dev/null && return 0
    sleep 0.1
  done
  lab_die "tcpdump did not start: $(cat "$LAB_DIR/tcpdump.log")"
}

lab_capture_stop() {
  # tcpdump hands packets over in blocks retired at the latest after 1 s (its buffer timeout), and
  # drops what is still in an unretired block at SIGINT; wait for the last block.
  sleep 1.2
  kill -INT "$LAB_TCPDUMP" 2>/dev/null || true
  wait "$LAB_TCPDUMP" 2>/dev/null || true
  grep -E 'packets (captured|dropped)' "$LAB_DIR/tcpdump.log" | sed "s/^/lab[$LAB_SCENARIO]: tcpdump: /" >&2 || true
  grep -qE '^[1-9][0-9]* packets? captured' "$LAB_DIR/tcpdump.log" || lab_die "tcpdump captured no packet"
  # A capture with holes would contradict its truth file.
  grep -qE '^0 packets dropped by kernel' "$LAB_DIR/tcpdump.log" || lab_die "tcpdump dropped packets"
}

# lab_truth: read the truth JSON from stdin, check it parses, and store it beside the capture.
lab_truth() {
  jq . > "$LAB_TRUTH.tmp"
  mv "$LAB_TRUTH.tmp" "$LAB_TRUTH"
  lab_log "wrote $LAB_PCAP and $LAB_TRUTH"
}

# --- cleanup ------------------------------------------------------------------------------------

lab_cleanup() {
  local rc=$? pid host ns
  trap - EXIT
  for pid in "${LAB_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  # Whatever still runs inside our own namespaces was started by this lab.
  for host in "${LAB_HOSTS[@]}" sw; do
    ns="${LAB_PREFIX}$host"
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      kill -KILL "$pid" 2>/dev/null || true
    done
  done
  for pid in "${LAB_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for host in "${LAB_HOSTS[@]}" sw; do
    ip netns del "${LAB_PREFIX}$host" 2>/dev/null || true
  done
  if [[ $rc -ne 0 && -d $LAB_DIR ]]; then
    lab_log "failed (exit $rc); service logs (lines naming passwords left out):"
    tail -n 20 "$LAB_DIR"/*.log 2>/dev/null | grep -iv 'pass' >&2 || true
    rm -f "$LAB_TRUTH"
  fi
  [[ -n ${LAB_DIR:-} && -d $LAB_DIR ]] && rm -rf "$LAB_DIR"
  exit "$rc"
}

# --- runner -------------------------------------------------------------------------------------

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    list)
      for f in "$LAB_HOME"/scenarios/*.sh; do basename "$f" .sh; done
      ;;
    verify)
      # verify NAME OUTDIR: count each truth check's filter matches with tshark (a quick manual check;
      # the C# sanity tests in tests/Mamori.Lab.Tests do the same).
      name=${2:?scenario} out=${3:?outdir} bad=0
      while IFS=$'\t' read -r check filter want cmp; do
        got=$(tshark -r "$out/$name.pcap" -Y "$filter" 2>/dev/null | wc -l)
        if [[ $cmp == min && $got -ge $want ]] || [[ $cmp != min && $got -eq $want ]]; then
          echo "ok   $name: $check ($got)"
        else
          echo "FAIL $name: $check: want ${cmp:-eq} $want, got $got  [$filter]"
          bad=1
        fi
      done < <(jq -r '.checks[] | [.name, .filter, (.count // .atLeast), (if .atLeast then "min" else "eq" end)] | @tsv' "$out/$name.truth.json")
      exit $bad
      ;;
    sweep)
      lab_sweep
      ;;
    check)
      LAB_SCENARIO=${2:?scenario}
      lab_check "$LAB_HOME/scenarios/$2.sh"
      ;;
    run)
      name=${2:?scenario} out=${3:?outdir}
      [[ -f $LAB_HOME/scenarios/$name.sh ]] || { echo "no scenario $name" >&2; exit 2; }
      exec timeout -k 5 "${LAB_SCENARIO_TIMEOUT:-180}" bash "$LAB_HOME/scenarios/$name.sh" "$out"
      ;;
    run-all)
      out=${2:?outdir} failed=()
      for f in "$LAB_HOME"/scenarios/*.sh; do
        name=$(basename "$f" .sh)
        start=$SECONDS
        if timeout -k 5 "${LAB_SCENARIO_TIMEOUT:-180}" bash "$f" "$out"; then
          echo "ok   $name ($((SECONDS - start)) s)"
        else
          echo "FAIL $name ($((SECONDS - start)) s)"
          failed+=("$name")
        fi
      done
      [[ ${#failed[@]} -eq 0 ]] || { echo "failed: ${failed[*]}"; exit 1; }
      ;;
    *)
      sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
      exit 2
      ;;
  esac
fi
