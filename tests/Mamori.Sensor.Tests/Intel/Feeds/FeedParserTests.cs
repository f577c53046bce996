using Mamori.Sensor.Intel;
using Mamori.Sensor.Intel.Feeds;

namespace Mamori.Sensor.Tests.Intel.Feeds;

public class FeedParserTests
{
    [Fact]
    public void Feodo_TextList_SkipsCommentsCountsBadLines()
    {
        const string feed = """
            ################################################################
            # abuse.ch Feodo Tracker Botnet C2 IP Blocklist (recommended)  #
            ################################################################
            192.0.2.44
            198.51.100.7
            not.an.ip

            203.0.113.300
            """;
        var result = FeedParser.Parse(FeedFormat.FeodoTracker, feed);
        Assert.Equal(["192.0.2.44", "198.51.100.7"], result.Indicators.Select(i => i.Value));
        Assert.All(result.Indicators, i => Assert.Equal(IntelCategory.C2, i.Category));
        Assert.Equal(2, result.Malformed);
        Assert.Contains(result.Errors, e => e.Contains("line 6", StringComparison.Ordinal));
    }

    [Fact]
    public void Feodo_Csv_ReadsAddressAndMalware()
    {
        const string feed = """
            # Feodo Tracker CSV
            "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
            "2024-05-01 10:00:00","192.0.2.44","443","online","2024-05-02","QakBot"
            "2024-05-01 10:00:00","broken
            """;
        var result = FeedParser.Parse(FeedFormat.FeodoTracker, feed);
        var indicator = Assert.Single(result.Indicators);
        Assert.Equal("QakBot", indicator.Description);
        Assert.Equal(1, result.Malformed);
    }

    [Fact]
    public void Urlhaus_Csv_MalwareSiteUrls()
    {
        const string feed = """
            ################################################################
            # abuse.ch URLhaus Database Dump (CSV)                         #
            # id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
            "3049485","2024-06-13 10:27:05","http://198.51.100.20:5555/i","online","2024-06-13 10:27:05","malware_download","elf,mirai","https://urlhaus.abuse.ch/url/3049485/","geenensp"
            "3049486","2024-06-13 10:28:00","https://files.example.org/invoice.zip","online","","malware_download","zip","https://urlhaus.abuse.ch/url/3049486/","anonymous"
            "3049487","2024-06-13","ftp://odd.example/x","offline","","malware_download","","",""
            garbage
            """;
        var result = FeedParser.Parse(FeedFormat.Urlhaus, feed);
        Assert.Equal(2, result.Indicators.Count);
        Assert.All(result.Indicators, i => Assert.Equal(IntelCategory.MalwareSite, i.Category));
        Assert.Equal(2, result.Malformed);
    }

    [Fact]
    public void ThreatFox_ExportAndApiShapes()
    {
        const string export = """
            {
              "1234": [{"ioc_value": "192.0.2.60:443", "ioc_type": "ip:port", "threat_type": "botnet_cc", "malware_printable": "Cobalt Strike"}],
              "1235": [{"ioc_value": "evil-payload.example", "ioc_type": "domain", "threat_type": "payload_delivery", "malware_printable": "AsyncRAT"}],
              "1236": [{"ioc_value": "d41d8cd98f00b204e9800998ecf8427e", "ioc_type": "md5_hash", "threat_type": "payload"}],
              "1237": [{"ioc_type": "url"}],
              "1238": "not an array"
            }
            """;
        var result = FeedParser.Parse(FeedFormat.ThreatFox, export);
        Assert.Equal(2, result.Indicators.Count);
        Assert.Equal(IntelCategory.C2, result.Indicators[0].Category);
        Assert.Equal("192.0.2.60", result.Indicators[0].Value);
        Assert.Equal(IntelCategory.MalwareSite, result.Indicators[1].Category);
        Assert.Equal(1, result.Unsupported);
        Assert.Equal(2, result.Malformed);

        const string api = """{"query_status": "ok", "data": [{"ioc": "http://c2.example/gate.php", "ioc_type": "url", "threat_type": "botnet_cc"}]}""";
        Assert.Equal(IndicatorKind.Url, Assert.Single(FeedParser.Parse(FeedFormat.ThreatFox, api).Indicators).Kind);
    }

    [Fact]
    public void ThreatFox_InvalidJson_CountedNotThrown()
    {
        var result = FeedParser.Parse(FeedFormat.ThreatFox, "{\"1\": [");
        Assert.Empty(result.Indicators);
        Assert.Equal(1, result.Malformed);
    }

    [Fact]
    public void OpenPhish_UrlsAndHosts()
    {
        const string feed = """
            https://login-bank.example.net/secure/update.php
            http://203.0.113.9/paypal/
            this is not a url
            """;
        var result = FeedParser.Parse(FeedFormat.OpenPhish, feed);
        Assert.Contains(result.Indicators, i => i.Kind == IndicatorKind.Hostname && i.Value == "login-bank.example.net");
        Assert.Contains(result.Indicators, i => i.Kind == IndicatorKind.Ip && i.Value == "203.0.113.9");
        Assert.Equal(4, result.Indicators.Count);
        Assert.Equal(1, result.Malformed);
    }

    [Fact]
    public void PhishTank_JsonAndCsv()
    {
        const string json = """
            [
              {"phish_id": "8000001", "url": "https://secure-card.example.com/login", "verified": "yes", "online": "yes", "target": "Other"},
              {"phish_id": "8000002"}
            ]
            """;
        var fromJson = FeedParser.Parse(FeedFormat.PhishTank, json);
        Assert.Equal(2, fromJson.Indicators.Count);
        Assert.Equal(1, fromJson.Malformed);

        const string csv = """
            phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target
            8000001,https://secure-card.example.com/login,http://www.phishtank.com/phish_detail.php?phish_id=8000001,2024-01-01T00:00:00+00:00,yes,2024-01-01T00:10:00+00:00,yes,Other
            8000003,"unterminated
            """;
        var fromCsv = FeedParser.Parse(FeedFormat.PhishTank, csv);
        Assert.Equal(2, fromCsv.Indicators.Count);
        Assert.Equal(1, fromCsv.Malformed);
        Assert.All(fromCsv.Indicators, i => Assert.Equal(IntelCategory.Phishing, i.Category));
    }

    [Fact]
    public void Misp_AttributesObjectsAndCategories()
    {
        const string misp = """
            {"Event": {"info": "Emotet campaign", "Tag": [{"name": "tlp:white"}],
              "Attribute": [
                {"type": "ip-dst", "category": "Network activity", "value": "192.0.2.70", "to_ids": true},
                {"type": "domain", "category": "Network activity", "value": "c2.emotet.example"},
                {"type": "url", "category": "Payload delivery", "value": "http://dl.example/doc.exe"},
                {"type": "sha256", "category": "Payload delivery", "value": "abc"},
                {"type": "ip-dst|port", "value": "192.0.2.71|8080"},
                {"type": "hostname", "value": "bad host name!"},
                {"category": "Network activity"}
              ],
              "Object": [{"name": "url", "Attribute": [{"type": "hostname", "value": "Phish-Login.example.org", "Tag": [{"name": "phishing"}]}]}]
            }}
            """;
        var result = FeedParser.Parse(FeedFormat.Misp, misp);
        Assert.Equal(5, result.Indicators.Count);
        Assert.Equal(IntelCategory.MalwareSite, result.Indicators.Single(i => i.Kind == IndicatorKind.Url).Category);
        Assert.Equal(IntelCategory.Phishing, result.Indicators.Single(i => i.Value == "phish-login.example.org").Category);
        Assert.Equal(1, result.Unsupported);
        Assert.Equal(2, result.Malformed);
    }

    [Fact]
    public void Stix_EqualityPatternsOnly_CountsSkipped()
    {
        const string bundle = """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "spec_version": "2.1", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '192.0.2.80']", "indicator_types": ["malicious-activity"], "name": "QakBot C2"},
              {"type": "indicator", "pattern_type": "stix", "pattern": "[domain-name:value = 'phish.example.net']", "indicator_types": ["phishing"]},
              {"type": "indicator", "pattern_type": "stix", "pattern": "[url:value = 'http://dl.example/a.exe']", "name": "payload distribution"},
              {"type": "indicator", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '192.0.2.81'] OR [ipv4-addr:value = '192.0.2.82']"},
              {"type": "indicator", "pattern_type": "stix", "pattern": "[file:hashes.'SHA-256' = 'abc']"},
              {"type": "indicator", "pattern_type": "sigma", "pattern": "title: x"},
              {"type": "indicator", "pattern_type": "stix", "pattern": "[ipv4-addr:value = '999.1.1.1']"},
              {"type": "malware", "name": "QakBot"}
            ]}
            """;
        var result = FeedParser.Parse(FeedFormat.Stix, bundle);
        Assert.Equal(3, result.Indicators.Count);
        Assert.Equal([IntelCategory.C2, IntelCategory.Phishing, IntelCategory.MalwareSite], result.Indicators.Select(i => i.Category));
        Assert.Equal(3, result.Unsupported);
        Assert.Equal(1, result.Malformed);
    }

    [Theory]
    [InlineData("{\"type\": \"bundle\", \"objects\": []}", FeedFormat.Stix)]
    [InlineData("{\"Event\": {}}", FeedFormat.Misp)]
    [InlineData("{\"1\": [{\"ioc_value\": \"x\"}]}", FeedFormat.ThreatFox)]
    [InlineData("phish_id,url\n", FeedFormat.PhishTank)]
    [InlineData("# abuse.ch URLhaus\n", FeedFormat.Urlhaus)]
    [InlineData("# Feodo Tracker\n1.2.3.4\n", FeedFormat.FeodoTracker)]
    [InlineData("https://x.example/a\n", FeedFormat.OpenPhish)]
    public void Detect_RecognisesFormats(string content, FeedFormat expected) => Assert.Equal(expected, FeedParser.Detect(content));
}
