namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// What a command handler returns: a value, or the resource key of a message for the user
/// (HelpDeskResource). A failed command has changed nothing.
/// </summary>
public sealed record HandlerResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;
}

public static class HandlerResult
{
    public static HandlerResult<T> Ok<T>(T value) => new(value, null);

    public static HandlerResult<T> Fail<T>(string error) => new(default, error);
}
