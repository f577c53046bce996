namespace Mamori.Sensor.Detection;

/// <summary>
/// Registered-domain ("eTLD+1") split with a small built-in public-suffix table: enough for
/// .com/.net/.jp/.co.jp and the multi-label suffixes SMEs in Japan meet, plus the dynamic-DNS and
/// hosting suffixes where every customer gets a subdomain (the "private" section of the Public
/// Suffix List, https://publicsuffix.org/list/). Unknown TLDs count as one-label suffixes.
/// </summary>
public static class DomainNames
{
    private static readonly HashSet<string> s_multiLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        // Japan (JPRS attribute types and the common region-less ones).
        "co.jp", "ne.jp", "or.jp", "ac.jp", "ad.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp",
        // Other country second levels seen often in SME traffic.
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
        "com.tw", "net.tw", "org.tw", "idv.tw", "com.hk", "net.hk", "org.hk",
        "co.kr", "or.kr", "ne.kr", "co.in", "net.in", "org.in", "firm.in",
        "co.nz", "net.nz", "org.nz", "co.za", "org.za", "com.sg", "net.sg",
        "com.br", "net.br", "org.br", "com.mx", "com.ar", "com.tr", "com.ru", "net.ru", "org.ru",
        "com.ua", "com.vn", "com.my", "com.ph", "co.th", "in.th", "co.id", "or.id",
        "com.pl", "com.es", "co.il", "com.sa", "com.eg", "com.pk", "com.ng", "co.ke",
        // CentralNic and similar "registry in a .com" second levels.
        "sa.com", "us.com", "uk.com", "eu.com", "br.com", "cn.com", "de.com", "jpn.com", "ru.com", "za.com",
        // Dynamic DNS: each customer is a subdomain (and DGA families love them).
        "ddns.net", "duckdns.org", "no-ip.org", "no-ip.biz", "no-ip.info", "hopto.org", "zapto.org",
        "sytes.net", "myftp.org", "myftp.biz", "servebeer.com", "serveftp.com", "redirectme.net",
        "dyndns.org", "dynu.net", "freedns.org", "afraid.org", "3utilities.com", "ddnsking.com",
        "mooo.com", "chickenkiller.com", "dnsalias.com", "dnsalias.net", "homeip.net", "myddns.me",
        // Hosting platforms.
        "github.io", "gitlab.io", "herokuapp.com", "azurewebsites.net", "cloudapp.net", "blogspot.com",
        "appspot.com", "firebaseapp.com", "web.app", "pages.dev", "workers.dev", "netlify.app",
        "vercel.app", "ngrok.io", "ngrok-free.app", "trycloudflare.com", "glitch.me", "repl.co",
        "wordpress.com", "weebly.com", "wixsite.com", "000webhostapp.com", "r2.dev",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_multiLabelSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Returns the registered domain of <paramref name="name"/> (a lowercase name without the
    /// trailing dot works best; case does not matter for the table), e.g. "yahoo.co.jp" for
    /// "www.yahoo.co.jp", "example.com" for "a.b.example.com".
    /// </summary>
    public static ReadOnlySpan<char> RegisteredDomain(ReadOnlySpan<char> name)
    {
        name = TrimDot(name);
        var lastDot = name.LastIndexOf('.');
        if (lastDot < 0)
        {
            return name;
        }

        var secondDot = name[..lastDot].LastIndexOf('.');
        if (secondDot < 0)
        {
            return name;
        }

        // Is the last two labels a known suffix? Then the registered domain has three labels.
        if (s_lookup.Contains(name[(secondDot + 1)..]))
        {
            var thirdDot = name[..secondDot].LastIndexOf('.');
            return thirdDot < 0 ? name : name[(thirdDot + 1)..];
        }

        return name[(secondDot + 1)..];
    }

    /// <summary>The labels left of the registered domain, without the joining dot ("" if none).</summary>
    public static ReadOnlySpan<char> Subdomain(ReadOnlySpan<char> name)
    {
        name = TrimDot(name);
        var registered = RegisteredDomain(name);
        var length = name.Length - registered.Length - 1;
        return length > 0 ? name[..length] : [];
    }

    /// <summary>The first label of the registered domain ("yahoo" for "www.yahoo.co.jp").</summary>
    public static ReadOnlySpan<char> RegisteredLabel(ReadOnlySpan<char> name)
    {
        var registered = RegisteredDomain(name);
        var dot = registered.IndexOf('.');
        return dot < 0 ? registered : registered[..dot];
    }

    /// <summary>The suffix after the registered label ("co.jp" for "www.yahoo.co.jp").</summary>
    public static ReadOnlySpan<char> PublicSuffix(ReadOnlySpan<char> name)
    {
        var registered = RegisteredDomain(name);
        var dot = registered.IndexOf('.');
        return dot < 0 ? [] : registered[(dot + 1)..];
    }

    /// <summary>Lowercases and strips one trailing dot; returns the same string when already normal.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        foreach (var c in trimmed)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return trimmed.ToLowerInvariant();
            }
        }

        return trimmed;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Span<ushort> counts = stackalloc ushort[128];
        counts.Clear();
        var other = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        // H = log2(L) - (1/L) * sum(c * log2 c); c * log2 c comes from a table for short names.
        double sum = NLog2N(other);
        foreach (var n in counts)
        {
            if (n > 1)
            {
                sum += NLog2N(n);
            }
        }

        return Math.Log2(text.Length) - sum / text.Length;
    }

    private static readonly double[] s_nLog2N = [.. Enumerable.Range(0, 256).Select(n => n == 0 ? 0 : n * Math.Log2(n))];

    private static double NLog2N(int n) => (uint)n < (uint)s_nLog2N.Length ? s_nLog2N[n] : n * Math.Log2(n);

    private static ReadOnlySpan<char> TrimDot(ReadOnlySpan<char> name) =>
        name.Length > 0 && name[^1] == '.' ? name[..^1] : name;
}
