namespace Mamori.Sensor.Detection.UrlScan;

/// <summary>
/// Paths, payload fragments and user agents of well-known web scanners and of the probes the
/// pilot saw (OS command injection against PHP frameworks, seed 003 表3.3.2-4).
/// </summary>
public static class ScannerSignatures
{
    /// <summary>
    /// Code-execution and command-injection payloads: a probe on its own, and a success answer to
    /// one raises the alert to medium (the pilot's PHP-framework case, 表3.3.2-4).
    /// </summary>
    public static readonly string[] ExecutionProbes =
    [
        // PHPUnit remote code execution (CVE-2017-9841).
        "/phpunit/src/util/php/eval-stdin.php",
        // ThinkPHP 5.x remote code execution (CVE-2018-20062 and kin).
        "invokefunction", "call_user_func_array", "think\\app", "think%5capp",
        // PHP-CGI argument injection (CVE-2012-1823, CVE-2024-4577).
        "allow_url_include", "auto_prepend_file", "%adallow_url",
        // Shell and code injection payloads.
        ";wget%20", ";wget ", "|wget", ";curl%20", ";curl ", "|curl", "`wget", "$(wget", "%24%28wget",
        "/bin/sh", "/bin/bash", "shell_exec", "passthru(", "base64_decode(", "${jndi:", "%24%7bjndi",
        "/shell?cd+", "/setup.cgi?next_file",
    ];

    /// <summary>Paths no legitimate client asks for: secrets, repositories and traversal. A probe on its own (low).</summary>
    public static readonly string[] ReconProbes =
    [
        "/.env", "/.git/config", "/.git/head", "/.aws/credentials", "/.ds_store", "/wp-config.php.bak", "/.svn/entries",
        "/etc/passwd", "..%2f..%2f", "../../", "..%252f", "%2e%2e%2f", "/cgi-bin/.%2e/", "/vendor/phpunit",
    ];

    /// <summary>
    /// Admin pages of appliances and servers that scanners sweep but owners also use: they count
    /// only when one client asks for three or more different ones.
    /// </summary>
    public static readonly string[] WeakProbes =
    [
        "/cgi-bin/luci", "/boaform/admin", "/hnap1", "/goform/", "/solr/admin/info", "/actuator/gateway", "/owa/auth/x.js",
        "/console/login/loginform.jsp", "/manager/html", "/server-status", "/wp-login.php", "/xmlrpc.php", "/phpmyadmin",
        "/administrator/", "/boafrm/", "/remote/login", "/global-protect/login.esp", "/dana-na/",
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
