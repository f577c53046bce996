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

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    ip netns del "$ns-c" 2>/dev/null || true
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
    in_ns dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
        --user=root --pid-file="$work/dnsmasq.pid" --local=/example.test/ \
        --host-record=host.example.test,10.1.2.4,fd00::4 --cname=www.example.test,host.example.test \
        --mx-host=example.test,mail.example.test,10 --txt-record=example.test,"v=spf1 -all" \
        --ptr-record=4.2.1.10.in-addr.arpa,host.example.test --address=/wild.example.test/10.1.2.3 &
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
    in_ns openssl s_server -accept 443 -cert "$work/cert.pem" -key "$work/key.pem" -www -quiet >/dev/null 2>&1 &
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
    in_ns dnsmasq --keep-in-foreground --port=0 --user=root --pid-file="$work/dnsmasq.pid" --interface=mamvs$$ \
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
*)
    echo "unknown scenario $scenario" >&2
    exit 2
    ;;
esac
