namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>
/// Records real traffic between two network namespaces joined by a veth pair (client 10.99.x.1 /
/// fd99:x::1, server 10.99.x.2 / fd99:x::2): an HTTP server (python3 -m http.server), a DNS server
/// (dnsmasq), curl, dig and ping, captured by tcpdump on the client's veth. Nothing leaves the
/// namespaces; every step has a timeout.
/// </summary>
public static class NamespaceCapture
{
    private static int s_counter;

    public static readonly string[] Tools = ["ip", "tcpdump", "tshark", "curl", "dig", "dnsmasq", "python3"];

    /// <summary>
    /// Records the scenario into <paramref name="directory"/>/capture.pcap (client side, Ethernet)
    /// and any.pcap (server side, tcpdump -i any: Linux cooked headers) and returns the first path.
    /// </summary>
    public static string Record(string directory, int rounds)
    {
        var id = $"{Environment.ProcessId % 10000}{Interlocked.Increment(ref s_counter)}";
        var subnet = (Environment.ProcessId + s_counter) % 200 + 20;
        var script = Path.Combine(directory, "scenario.sh");
        var pcap = Path.Combine(directory, "capture.pcap");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            set -u
            C=mamori-c-{{id}}; S=mamori-s-{{id}}
            cleanup() {
              kill $(jobs -p) 2>/dev/null
              ip netns pids $S 2>/dev/null | xargs -r kill 2>/dev/null
              ip netns pids $C 2>/dev/null | xargs -r kill 2>/dev/null
              sleep 0.3
              ip netns del $C 2>/dev/null; ip netns del $S 2>/dev/null
            }
            trap cleanup EXIT
            ip netns add $C && ip netns add $S || exit 2
            ip link add vc{{id}} type veth peer name vs{{id}} || exit 2
            ip link set vc{{id}} netns $C; ip link set vs{{id}} netns $S
            ip -n $C link set lo up; ip -n $S link set lo up
            ip -n $C addr add 10.99.{{subnet}}.1/24 dev vc{{id}}; ip -n $S addr add 10.99.{{subnet}}.2/24 dev vs{{id}}
            ip -n $C addr add fd99:{{subnet}}::1/64 dev vc{{id}} nodad; ip -n $S addr add fd99:{{subnet}}::2/64 dev vs{{id}} nodad
            ip -n $C link set vc{{id}} up; ip -n $S link set vs{{id}} up
            cd {{directory}}
            mkdir -p www && echo "hello from mamori" > www/index.html
            ip netns exec $S python3 -m http.server 8080 --bind :: --directory www >/dev/null 2>&1 &
            ip netns exec $S dnsmasq --no-daemon --keep-in-foreground --port=53 --listen-address=10.99.{{subnet}}.2 --bind-interfaces --no-resolv --no-hosts --address=/example.test/10.99.{{subnet}}.80 --pid-file= >/dev/null 2>&1 &
            ip netns exec $C timeout 60 tcpdump --immediate-mode -i vc{{id}} -U -w {{pcap}} >/dev/null 2>&1 &
            TD=$!
            ip netns exec $S timeout 60 tcpdump --immediate-mode -i any -U -w {{directory}}/any.pcap >/dev/null 2>&1 &
            TA=$!
            for i in $(seq 1 100); do
              ip netns exec $S ss -ltn | grep -q ':8080 ' && ip netns exec $S ss -lun | grep -q ':53 ' && break
              sleep 0.1
            done
            sleep 1
            for i in $(seq 1 {{rounds}}); do
              ip netns exec $C curl -s -m 5 -o /dev/null -A "mamori-test/$i" http://10.99.{{subnet}}.2:8080/index.html
              ip netns exec $C curl -s -m 5 -o /dev/null "http://[fd99:{{subnet}}::2]:8080/?q=$i"
              ip netns exec $C dig +time=2 +tries=1 @10.99.{{subnet}}.2 host$i.example.test A >/dev/null
            done
            # Two ICMP echo requests (no ping binary needed): the server's kernel answers them.
            ip netns exec $C python3 -c "
            import socket, struct, time
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
            s.settimeout(1)
            for seq in (1, 2):
                body = struct.pack('!BBHHH', 8, 0, 0, 77, seq) + b'mamori'
                total = sum(struct.unpack('!%dH' % (len(body) // 2), body))
                total = (total >> 16) + (total & 0xFFFF); total += total >> 16
                body = body[:2] + struct.pack('!H', ~total & 0xFFFF) + body[4:]
                s.sendto(body, ('10.99.{{subnet}}.2', 0))
                try: s.recv(100)
                except OSError: pass
                time.sleep(0.1)
            "
            ip netns exec $C curl -s -m 2 -o /dev/null http://10.99.{{subnet}}.2:8081/ || true
            sleep 1
            kill -INT $TD $TA; wait $TD $TA 2>/dev/null
            exit 0
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var (exitCode, output, error) = ExternalTools.Run("/bin/bash", [script], TimeSpan.FromSeconds(120));
        if (exitCode != 0 || !File.Exists(pcap))
        {
            throw new InvalidOperationException($"scenario failed ({exitCode}): {output} {error}");
        }

        return pcap;
    }
}
