#!/usr/bin/env bash
# dhcp: two new devices join the office network and get addresses from dnsmasq with busybox udhcpc:
# a Windows-like PC (hostname SME-PC-07, vendor class "MSFT 5.0") and a phone (Galaxy-S23,
# "android-dhcp-14"). Each does DISCOVER/OFFER/REQUEST/ACK.
# requires: busybox:busybox dnsmasq:dnsmasq-base
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_dns --dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h --dhcp-leasefile="$LAB_DIR/leases" \
  --dhcp-option=option:dns-server,"$DNS" --dhcp-authoritative --no-ping
lab_host newpc dhcp
lab_host phone dhcp
ip -n "${LAB_PREFIX}newpc" link set eth0 address 02:77:00:00:00:07
ip -n "${LAB_PREFIX}phone" link set eth0 address 02:77:00:00:00:08

dhcp_client() {
  local host=$1
  shift
  lab_exec "$host" busybox udhcpc -i eth0 -f -q -n -t 4 -T 1 -s /bin/true "$@" > "$LAB_DIR/udhcpc-$host.log" 2>&1
}

lab_capture_start
dhcp_client newpc -x hostname:SME-PC-07 -V "MSFT 5.0"
dhcp_client phone -x hostname:Galaxy-S23 -V "android-dhcp-14"
lab_capture_stop
pc_ip=$(sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p' "$LAB_DIR/udhcpc-newpc.log")
phone_ip=$(sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p' "$LAB_DIR/udhcpc-phone.log")
[[ -n $pc_ip && -n $phone_ip ]] || lab_die "no lease: $(cat "$LAB_DIR"/udhcpc-*.log)"

lab_truth <<JSON
{
  "scenario": "dhcp",
  "description": "two devices (SME-PC-07 and Galaxy-S23) obtain leases from dnsmasq with udhcpc",
  "hosts": { "dns": "$DNS" },
  "protocol": "dhcp",
  "facts": {
    "server": "$DNS",
    "devices": [
      { "mac": "02:77:00:00:00:07", "hostname": "SME-PC-07", "vendorClass": "MSFT 5.0", "assignedIp": "$pc_ip" },
      { "mac": "02:77:00:00:00:08", "hostname": "Galaxy-S23", "vendorClass": "android-dhcp-14", "assignedIp": "$phone_ip" }
    ]
  },
  "alerts": [],
  "maxSeverity": "low",
  "checks": [
    { "name": "DISCOVER", "filter": "dhcp.option.dhcp == 1", "atLeast": 2 },
    { "name": "ACK", "filter": "dhcp.option.dhcp == 5", "count": 2 },
    { "name": "PC hostname", "filter": "dhcp.option.hostname == \"SME-PC-07\"", "atLeast": 2 },
    { "name": "phone vendor class", "filter": "dhcp.option.vendor_class_id == \"android-dhcp-14\"", "atLeast": 2 },
    { "name": "PC assigned address", "filter": "dhcp.option.dhcp == 5 && dhcp.hw.mac_addr == 02:77:00:00:00:07 && dhcp.ip.your == $pc_ip", "count": 1 }
  ]
}
JSON
