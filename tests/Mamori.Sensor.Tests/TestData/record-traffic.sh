#!/usr/bin/env bash
# Records real protocol exchanges for the differential tests: real servers and clients from
# Debian talk inside a network namespace created for the run (nothing leaves the host), and
# tcpdump writes the capture. Usage: record-traffic.sh <dns|http|tls|dhcp|ftp|mail|ssh|telnet|smb> <out.pcap> [count]
set -euo pipefail
scenario=$1
out=$(realpath -m "$2")
count=${3:-100}
ns=mamori-p-$scenario-$$
work=$(mktemp -d)
pids=()

stop_namespace() { # Ends every process in the namespace (all started by this run), then the namespace.
    local pids
    [[ -e "/run/netns/$1" ]] || return 0
    pids=$(ip netns pids "$1" 2>/dev/null)
    [[ -n "$pids" ]] && kill $pids 2>/dev/null
    for _ in $(seq 20); do [[ -z "$(ip netns pids "$1" 2>/dev/null)" ]] && break; sleep 0.1; done
    pids=$(ip netns pids "$1" 2>/dev/null)
    [[ -n "$pids" ]] && kill -9 $pids 2>/dev/null
    ip netns del "$1" 2>/dev/null
}

cleanup() {
    # No errexit here: a process that already exited must not stop the rest of the cleanup.
    set +e
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    stop_namespace "$ns"
    stop_namespace "$ns-c"
    wait 2>/dev/null || true
    [[ -n "${KEEP_WORK:-}" ]] && cp -r "$work" /tmp/mamori-work-last || true
    rm -rf "$work"
}
trap cleanup EXIT

in_ns() { ip netns exec "$ns" "$@"; }

start_capture() { # interface [namespace]
    local target=${2:-$ns}
    ip netns exec "$target" tcpdump -i "$1" --immediate-mode -U -s 0 -w "$out" 2>"$work/tcpdump.log" &
    capture_pid=$!
    for _ in $(seq 50); do grep -q listening "$work/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
}

stop_capture() {
    sleep 0.5
    kill -INT "$capture_pid"
    wait "$capture_pid" || true
}

wait_port() { # port [proto]
    for _ in $(seq 100); do
        in_ns ss -lnt${2:-} | grep -q ":$1 " && return 0
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    return 1
}

ip netns add "$ns"
in_ns ip link set lo up

case $scenario in
dns)
    ip netns exec "$ns" dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
        --user=root --pid-file="$work/dnsmasq.pid" --local=/example.test/ \
        --host-record=host.example.test,10.1.2.4,fd00::4 --cname=www.example.test,host.example.test \
        --mx-host=example.test,mail.example.test,10 --txt-record=example.test,"v=spf1 -all" \
        --ptr-record=4.2.1.10.in-addr.arpa,host.example.test --address=/wild.example.test/10.1.2.3 >"$work/server.log" 2>&1 &
    pids+=($!)
    wait_port 53 u || wait_port 53
    start_capture lo
    types=(A AAAA TXT MX CNAME)
    # dig ignores +tcp on batch lines, so TCP queries go in a second batch run with a global +tcp.
    {
        echo "host.example.test A"; echo "www.example.test A"; echo "example.test MX"; echo "example.test TXT"
        echo "-x 10.1.2.4"
        for i in $(seq "$count"); do
            echo "n$i-$RANDOM.wild.example.test ${types[$((i % 5))]}"
            if (( i % 7 == 0 )); then echo "x$i.example.test A"; fi
        done
    } > "$work/batch"
    {
        echo "host.example.test AAAA"; echo "missing.example.test A"
        for i in $(seq 10 10 "$count"); do echo "t$i.wild.example.test A"; done
    } > "$work/batch-tcp"
    in_ns dig @127.0.0.1 +tries=1 +time=2 -f "$work/batch" > "$work/dig.log" || true
    in_ns dig @127.0.0.1 +tcp +tries=1 +time=2 -f "$work/batch-tcp" >> "$work/dig.log" || true
    [[ $(grep -c "status:" "$work/dig.log") -gt 0 ]] || { echo "dig got no answers" >&2; exit 1; }
    stop_capture
    ;;
http)
    mkdir -p "$work/www"
    for i in $(seq 5); do head -c $((i * 3000)) /dev/zero | tr '\0' 'x' > "$work/www/file$i.txt"; done
    (cd "$work/www" && exec ip netns exec "$ns" python3 -m http.server 80 --bind 127.0.0.1 --protocol HTTP/1.1 >/dev/null 2>&1) &
    pids+=($!)
    wait_port 80
    start_capture lo
    for i in $(seq "$count"); do
        case $((i % 6)) in
        0) in_ns curl -s -o /dev/null -A "agent/$i (test)" "http://127.0.0.1/file$((i % 5 + 1)).txt?q=$i" ;;
        1) in_ns curl -s -o /dev/null -o /dev/null -H "Host: site$i.example.test" -A "curl-keepalive/$i" \
               "http://127.0.0.1/file1.txt" "http://127.0.0.1/file2.txt?second=$i" ;;
        2) in_ns curl -s -o /dev/null -u "user$i:secret$i" -A "basic/$i" "http://127.0.0.1/file3.txt" ;;
        3) in_ns curl -s -o /dev/null -I -A "head/$i" "http://127.0.0.1/file4.txt" ;;
        4) in_ns curl -s -o /dev/null -d "field=value$i" -A "post/$i" "http://127.0.0.1/form$i" ;;
        5) in_ns curl -s -o /dev/null -H "Transfer-Encoding: chunked" -d "chunked-body-$i" -A "chunked/$i" "http://127.0.0.1/upload/$i" ;;
        esac
    done
    stop_capture
    ;;
tls)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/C=JP/O=Mamori Test, Inc./CN=server.example.test" \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
    ip netns exec "$ns" openssl s_server -accept 443 -cert "$work/cert.pem" -key "$work/key.pem" -www -quiet </dev/null >/dev/null 2>&1 &
    pids+=($!)
    wait_port 443
    start_capture lo
    for i in $(seq "$count"); do
        name="sni$i.example.test"
        case $((i % 6)) in
        0) in_ns curl -sk -o /dev/null --resolve "$name:443:127.0.0.1" "https://$name/" || true ;;
        1) in_ns curl -sk -o /dev/null --tls-max 1.2 --resolve "$name:443:127.0.0.1" "https://$name/" || true ;;
        2) in_ns openssl s_client -connect 127.0.0.1:443 -servername "$name" -alpn "h2,http/1.1" </dev/null >/dev/null 2>&1 || true ;;
        3) in_ns openssl s_client -connect 127.0.0.1:443 -servername "$name" -tls1_2 -cipher "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA" </dev/null >/dev/null 2>&1 || true ;;
        4) in_ns openssl s_client -connect 127.0.0.1:443 -noservername -tls1_3 </dev/null >/dev/null 2>&1 || true ;;
        5) in_ns curl -sk -o /dev/null --http1.1 --resolve "$name:443:127.0.0.1" "https://$name/" || true ;;
        esac
    done
    stop_capture
    ;;
dhcp)
    ip netns add "$ns-c"
    ip link add mamvs$$ type veth peer name mamvc$$
    ip link set mamvs$$ netns "$ns"
    ip link set mamvc$$ netns "$ns-c"
    in_ns ip addr add 10.9.0.1/24 dev mamvs$$
    in_ns ip link set mamvs$$ up
    ip netns exec "$ns-c" ip link set lo up
    ip netns exec "$ns" dnsmasq --keep-in-foreground --port=0 --user=root --pid-file="$work/dnsmasq.pid" --interface=mamvs$$ \
        --bind-interfaces --dhcp-range=10.9.0.10,10.9.0.250,1h --dhcp-authoritative \
        --dhcp-leasefile="$work/leases" >/dev/null 2>&1 &
    pids+=($!)
    sleep 0.5
    start_capture mamvs$$
    for i in $(seq "$count"); do
        ip netns exec "$ns-c" ip link set mamvc$$ down
        ip netns exec "$ns-c" ip link set mamvc$$ address "02:00:00:00:$(printf %02x $((i / 256))):$(printf %02x $((i % 256)))"
        ip netns exec "$ns-c" ip link set mamvc$$ up
        ip netns exec "$ns-c" busybox udhcpc -i mamvc$$ -n -q -f -t 3 -T 1 -s /bin/true \
            -x "hostname:pc-$i" -V "vendor-$i" >/dev/null 2>&1 || true
    done
    stop_capture
    ;;
ftp)
    cat > "$work/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
anonymous_enable=YES
no_anon_password=NO
local_enable=YES
pam_service_name=vsftpd
secure_chroot_dir=$work
anon_root=$work
run_as_launching_user=YES
seccomp_sandbox=NO
delay_failed_login=0
max_login_fails=1000
CONF
    ip netns exec "$ns" vsftpd "$work/vsftpd.conf" </dev/null >"$work/server.log" 2>&1 &
    pids+=($!)
    wait_port 21
    start_capture lo
    for i in $(seq "$count"); do
        case $((i % 3)) in
        # PAM's own failure delay (about 2 s) is still there, so a busy machine needs a generous timeout:
        # a client that gives up before the 530 would leave a login with no result in the capture.
        0) in_ns curl -s -o /dev/null --max-time 30 "ftp://127.0.0.1/" || true ;;
        1) in_ns curl -s -o /dev/null --max-time 30 -u "nobody$i:wrong$i" "ftp://127.0.0.1/" || true ;;
        2) in_ns curl -s -o /dev/null --max-time 30 -u "anonymous:guest$i@example.test" "ftp://127.0.0.1/" || true ;;
        esac
    done
    stop_capture
    ;;
mail)
    mkdir -p "$work/run" "$work/mail"
    chmod 755 "$work"
    chmod 777 "$work/mail"
    echo "alice:{PLAIN}wonderland::::::" > "$work/users"
    cat > "$work/dovecot.conf" <<CONF
protocols = pop3 imap submission
listen = 127.0.0.1
base_dir = $work/run
state_dir = $work/run
log_path = $work/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5
auth_failure_delay = 0
# Trusted networks are exempt from the failed-login penalty, which would otherwise slow later rounds.
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:$work/mail/%u
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 0
submission_relay_host = 127.0.0.2
submission_relay_port = 2525
passdb {
  driver = passwd-file
  args = scheme=PLAIN $work/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$work/mail/%u
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
service pop3-login {
  chroot =
}
service submission-login {
  chroot =
}
CONF
    ip netns exec "$ns" dovecot -F -c "$work/dovecot.conf" </dev/null >"$work/server.log" 2>&1 &
    pids+=($!)
    wait_port 143
    wait_port 587
    start_capture lo
    for i in $(seq "$count"); do
        if (( i % 2 == 0 )); then user=alice; pass=wonderland; else user=bob$i; pass=wrong$i; fi
        mail_curl=(curl -s -o /dev/null --max-time 20 -u "$user:$pass")
        in_ns "${mail_curl[@]}" "pop3://127.0.0.1/" || true
        # Python's poplib and imaplib speak USER/PASS and LOGIN, which curl prefers not to.
        in_ns python3 -c 'import poplib,sys; p=poplib.POP3("127.0.0.1", timeout=20); p.user(sys.argv[1])
try: p.pass_(sys.argv[2]); p.quit()
except poplib.error_proto: pass' "$user" "$pass" 2>/dev/null || true
        in_ns "${mail_curl[@]}" --login-options "AUTH=LOGIN" "pop3://127.0.0.1/" || true
        in_ns python3 -c 'import imaplib,sys; m=imaplib.IMAP4("127.0.0.1", timeout=20)
try: m.login(sys.argv[1], sys.argv[2]); m.logout()
except imaplib.IMAP4.error: pass' "$user" "$pass" 2>/dev/null || true
        in_ns "${mail_curl[@]}" --login-options "AUTH=PLAIN" "imap://127.0.0.1/INBOX" || true
        in_ns "${mail_curl[@]}" --login-options "AUTH=PLAIN" --mail-from "$user@example.test" --mail-rcpt "carol@example.test" \
            -T /dev/null "smtp://127.0.0.1:587/" || true
        in_ns "${mail_curl[@]}" --login-options "AUTH=LOGIN" --mail-from "$user@example.test" --mail-rcpt "carol@example.test" \
            -T /dev/null "smtp://127.0.0.1:587/" || true
    done
    stop_capture
    ;;
ssh)
    ssh-keygen -q -t ed25519 -N "" -f "$work/host_key"
    ssh-keygen -q -t ed25519 -N "" -f "$work/client_key"
    cp "$work/client_key.pub" "$work/authorized_keys"
    mkdir -p "$work/empty"
    cat > "$work/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port 22
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
MaxAuthTries 10
CONF
    ip netns exec "$ns" /usr/sbin/sshd -D -e -f "$work/sshd_config" </dev/null >"$work/sshd.log" 2>&1 &
    pids+=($!)
    wait_port 22
    start_capture lo
    ssh_opts=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=no -o ConnectTimeout=5 -o LogLevel=ERROR)
    for i in $(seq "$count"); do
        case $((i % 3)) in
        0) in_ns ssh "${ssh_opts[@]}" -o PreferredAuthentications=publickey -o IdentitiesOnly=yes -i "$work/client_key" root@127.0.0.1 true || true ;;
        1) in_ns sshpass -p "wrong-$i" ssh "${ssh_opts[@]}" -o PreferredAuthentications=password -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 root@127.0.0.1 true || true ;;
        2) in_ns sshpass -p "wrong-$i" ssh "${ssh_opts[@]}" -o PreferredAuthentications=password -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=3 root@127.0.0.1 true || true ;;
        esac
    done
    stop_capture
    ;;
smb)
    mkdir -p "$work/share" "$work/private" "$work/lock" "$work/state" "$work/cache" "$work/pid"
    cat > "$work/smb.conf" <<CONF
[global]
    workgroup = MAMORI
    server role = standalone server
    interfaces = lo
    bind interfaces only = yes
    smb ports = 445
    private dir = $work/private
    lock directory = $work/lock
    state directory = $work/state
    cache directory = $work/cache
    pid directory = $work/pid
    log file = $work/smbd.log
    passdb backend = tdbsam:$work/private/passdb.tdb
    server min protocol = SMB2
    ntlm auth = yes
    disable spoolss = yes
    load printers = no
    printcap name = /dev/null
[share]
    path = $work/share
    read only = yes
CONF
    printf 'letmein\nletmein\n' | smbpasswd -c "$work/smb.conf" -a -s root >/dev/null
    # setsid: smbd signals its whole process group when it stops, which must not reach the caller.
    ip netns exec "$ns" setsid smbd --foreground --no-process-group -s "$work/smb.conf" </dev/null >"$work/server.log" 2>&1 &
    pids+=($!)
    wait_port 445
    start_capture lo
    for i in $(seq "$count"); do
        if (( i % 2 == 0 )); then pass=letmein; else pass=wrong$i; fi
        in_ns smbclient -s "$work/smb.conf" --option="client min protocol=SMB2" --option="client use kerberos=off" \
            -W MAMORI -U "root%$pass" //127.0.0.1/share -c ls >/dev/null 2>&1 || true
    done
    stop_capture
    ;;
*)
    echo "unknown scenario $scenario" >&2
    exit 2
    ;;
esac
