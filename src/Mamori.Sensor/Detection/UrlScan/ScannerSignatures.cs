namespace Mamori.Sensor.Detection.UrlScan;

/// <summary>
/// Paths, payload fragments and user agents of well-known web scanners and of the probes the
/// pilot saw (OS command injection against PHP frameworks, seed 003 表3.3.2-4).
/// </summary>
public static class ScannerSignatures
{
    /// <summary>Path or query fragments that are probes on their own (no legitimate client sends them).</summary>
    public static readonly string[] ProbeFragments =
    [
        // PHPUnit remote code execution (CVE-2017-9841).
        "/phpunit/src/util/php/eval-stdin.php",
        // ThinkPHP 5.x remote code execution (CVE-2018-20062 and kin).
        "invokefunction", "call_user_func_array", "think\\app", "think%5capp", "\\think\\",
        // PHP-CGI argument injection (CVE-2012-1823, CVE-2024-4577).
        "allow_url_include", "auto_prepend_file", "-d+allow_url", "%adallow_url",
        // Secrets and repositories left on web servers.
        "/.env", "/.git/config", "/.git/head", "/.aws/credentials", "/.ds_store", "/wp-config.php.bak",
        "/server-status", "/.svn/entries",
        // Shell and command injection payloads.
        ";wget%20", ";wget ", "|wget", ";curl%20", ";curl ", "|curl", "`wget", "$(wget", "%24%28wget",
        "/bin/sh", "/bin/bash", "cmd.exe", "shell_exec", "passthru(", "system(", "base64_decode(",
        "/etc/passwd", "..%2f..%2f", "../../", "..%252f", "%2e%2e%2f",
        // Well-known appliance exploits scanned for across the Internet.
        "/cgi-bin/luci", "/boaform/admin", "/hnap1", "/goform/", "/setup.cgi?next_file", "/shell?cd+",
        "/vendor/phpunit", "/solr/admin/info", "/actuator/gateway", "/owa/auth/x.js", "${jndi:",
        "%24%7bjndi", "/cgi-bin/.%2e/", "/console/login/loginform.jsp", "/manager/html",
    ];

    /// <summary>User-agent fragments of scanners.</summary>
    public static readonly string[] ScannerAgents =
    [
        "nikto", "sqlmap", "zgrab", "masscan", "nmap scripting engine", "nmap nse", "nuclei", "gobuster",
        "dirbuster", "dirb", "wpscan", "acunetix", "netsparker", "openvas", "nessus", "w3af", "whatweb",
        "wfuzz", "ffuf", "feroxbuster", "jaeles", "httpx - open-source", "censysinspect", "l9explore",
        "zmeu", "morfeus", "hello, world", "libredtail-http", "mozi.m", "mozi.a",
    ];
}
