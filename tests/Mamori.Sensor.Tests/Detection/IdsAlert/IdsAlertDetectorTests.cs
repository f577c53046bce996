using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.IdsAlert;

namespace Mamori.Sensor.Tests.Detection.IdsAlert;

public class IdsAlertDetectorTests
{
    [Theory]
    [InlineData("ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)", AlertType.PortScan)]
    [InlineData("ET PHISHING Successful Generic Phish 2024-01-01", AlertType.PhishingSite)]
    [InlineData("ET MALWARE Win32/Emotet CnC Activity (POST)", AlertType.KnownC2)]
    [InlineData("ET P2P BitTorrent DHT ping request", AlertType.BannedSoftware)]
    [InlineData("ET WEB_SPECIFIC_APPS ThinkPHP RCE Exploitation Attempt", AlertType.UrlScan)]
    public void Map_EmergingThreatsCategories(string signature, AlertType type) => Assert.Equal(type, IdsAlertDetector.Map(signature));

    [Theory]
    [InlineData("ET INFO Observed DNS Query to .cloud TLD")]
    [InlineData("ET POLICY Python-urllib/ Suspicious User Agent")]
    [InlineData("ET DNS Query for .su TLD (Soviet Union) Often Malware Related")]
    public void Map_UnrelatedSignatures_Null(string signature) => Assert.Null(IdsAlertDetector.Map(signature));
}
