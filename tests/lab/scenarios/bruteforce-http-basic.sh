#!/usr/bin/env bash
# bruteforce-http-basic: hydra (4 tasks) guesses the web admin page's HTTP Basic password:
# 20 wrong passwords for "admin", then the right one (401s, then a 200).
# requires: hydra:hydra python3:python3 curl:curl
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_web --basic "admin:${LAB_PASS[admin]}"
lab_host attacker "$ATTACKER"
lab_wait_tcp attacker "$WEB" 80   # the new host reaches the web server before the capture starts
# ... and the web server answers HTTP there (a 401 for no credentials), not just the handshake.
for ((i = 0; i < 50; i++)); do
  [[ $(lab_exec attacker curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$WEB/admin/" || true) == 401 ]] && break
  sleep 0.2
done
{ lab_wordlist 20; echo "${LAB_PASS[admin]}"; } > "$LAB_DIR/passwords.txt"

# On a machine busy with other tests hydra has been seen to give up at once ("could not be
# connected", exit 255); a failed attempt's capture is thrown away and hydra runs again.
for attempt in 1 2 3; do
  lab_capture_start
  if lab_exec attacker hydra -I -t 4 -f -l admin -P "$LAB_DIR/passwords.txt" "http-get://$WEB/admin/" > "$LAB_DIR/hydra.log" 2>&1 \
      && grep -q 'login: admin' "$LAB_DIR/hydra.log"; then
    break
  fi
  (( attempt < 3 )) || lab_die "hydra did not find the password: $(grep -v "password:" "$LAB_DIR/hydra.log")"
  lab_log "hydra attempt $attempt failed: $(grep -E '^\[(ERROR|WARNING)\]' "$LAB_DIR/hydra.log" | tr '\n' ' ')"
  kill -INT "$LAB_TCPDUMP" 2>/dev/null || true
  wait "$LAB_TCPDUMP" 2>/dev/null || true
  rm -f "$LAB_PCAP"
  sleep 3
done
lab_capture_stop

lab_truth <<JSON
{
  "scenario": "bruteforce-http-basic",
  "description": "hydra brute-forces HTTP Basic on /admin/: 20 failures (401) then success (200) for admin",
  "hosts": { "attacker": "$ATTACKER", "web": "$WEB" },
  "attacker": "$ATTACKER",
  "victim": "$WEB",
  "protocol": "http",
  "facts": { "attempts": 21, "failedLogins": 20, "successfulLogins": 1, "users": ["admin"], "compromisedUser": "admin", "uri": "/admin/" },
  "alerts": [
    { "type": "brute_force_failure", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 },
    { "type": "brute_force_success", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 },
    { "type": "plaintext_password", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 },
    { "type": "privileged_account", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 }
  ],
  "maxSeverity": null,
  "checks": [
    { "name": "requests with Basic credentials", "filter": "http.request && http.authorization", "count": 21 },
    { "name": "401 after credentials", "filter": "http.response.code == 401", "atLeast": 20 },
    { "name": "200", "filter": "http.response.code == 200", "count": 1 }
  ]
}
JSON
