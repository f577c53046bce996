using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Mamori.Web.Features.Triage;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Notices;

/// <summary>One e-mail of a notice.</summary>
public sealed record NoticeMail(IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Body);

/// <summary>Sends notice e-mail; throws on failure (the caller records it on the notice and retries).</summary>
public interface INoticeMailer
{
    bool Enabled { get; }

    Task SendAsync(NoticeMail mail, CancellationToken cancellationToken);
}

/// <summary>SMTP through System.Net.Mail, configured by <c>Mamori:Mail:*</c>; UTF-8 subject and base64 UTF-8 body.</summary>
public sealed class SmtpNoticeMailer(IOptions<MailOptions> options) : INoticeMailer
{
    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(NoticeMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var o = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(o.From),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = mail.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            HeadersEncoding = Encoding.UTF8,
        };
        foreach (var to in mail.To)
        {
            message.To.Add(to);
        }

        foreach (var cc in mail.Cc)
        {
            message.CC.Add(cc);
        }

        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = o.TimeoutMilliseconds,
        };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
