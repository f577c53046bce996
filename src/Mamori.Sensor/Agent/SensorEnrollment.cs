using System.Globalization;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>
/// <c>mamori sensor enroll</c>: trades the one-time code from the installation sheet for a credential,
/// stores it in the state directory (0600) and tells the installer which company and site the sensor
/// now reports for, so a box sent to the wrong office is noticed on the spot.
/// </summary>
public static class SensorEnrollment
{
    /// <summary>Enrols; writes plain sentences to <paramref name="output"/>; returns a <see cref="SensorExitCodes"/> value.</summary>
    public static async Task<int> EnrollAsync(
        HttpClient http, Uri server, string code, string stateDirectory, bool allowHttp, bool force, TextWriter output, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(output);
        time ??= TimeProvider.System;
        if (!SensorClient.IsAllowed(server, allowHttp))
        {
            await output.WriteLineAsync($"The server URL must start with https:// ({server} would send the credential unencrypted). " +
                "Plain http:// is accepted only for this machine (localhost) or with --insecure-http in a lab.").ConfigureAwait(false);
            return SensorExitCodes.InsecureServer;
        }

        var state = new AgentStateDirectory(stateDirectory);
        if (state.ReadCredential() is { } existing && !force)
        {
            await output.WriteLineAsync($"This sensor is already enrolled for {existing.CompanyName} / {existing.SiteName} (sensor {existing.SensorId}, {existing.Server}). " +
                $"To enrol it again, stop the agent and run the command with --force.").ConfigureAwait(false);
            return SensorExitCodes.StateExists;
        }

        var client = new SensorClient(http, server, null, time);
        var result = await client.EnrollAsync(new EnrollRequest(code.Trim(), Environment.MachineName, SensorAgent.Version), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var (exit, sentence) = result.Failure switch
            {
                SensorCallFailure.InvalidCode => (SensorExitCodes.InvalidCode, "The enrolment code is not known to the server. Check it against the installation sheet (letters and digits, no spaces)."),
                SensorCallFailure.ExpiredCode => (SensorExitCodes.ExpiredCode, "The enrolment code has expired. Ask the support desk for a new code."),
                SensorCallFailure.AlreadyEnrolled => (SensorExitCodes.AlreadyEnrolled, "The enrolment code was already used by another sensor. Ask the support desk for a new code."),
                SensorCallFailure.Revoked => (SensorExitCodes.Revoked, "This sensor was revoked by the operator. Ask the support desk."),
                SensorCallFailure.RateLimited => (SensorExitCodes.Unreachable, "The server is busy; try again in a minute."),
                _ => (SensorExitCodes.Unreachable, $"Cannot reach the Mamori server at {server}. Check the network cable, the URL and that this office can open https sites."),
            };
            await output.WriteLineAsync(sentence).ConfigureAwait(false);
            if (result.Message is not null)
            {
                await output.WriteLineAsync("  (" + result.Message + ")").ConfigureAwait(false);
            }

            return exit;
        }

        var response = result.Value!;
        state.WriteCredential(new AgentCredential(server, response.SensorId, response.Credential, response.CompanyName, response.SiteName, time.GetUtcNow(), allowHttp));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Enrolled: sensor {response.SensorId} now reports for {response.CompanyName} / {response.SiteName}.")).ConfigureAwait(false);
        await output.WriteLineAsync("If this is not the company and site where the sensor is installed, stop here and call the support desk.").ConfigureAwait(false);
        await output.WriteLineAsync($"Credential stored in {state.CredentialPath} (readable by its owner only).").ConfigureAwait(false);
        return 0;
    }
}
