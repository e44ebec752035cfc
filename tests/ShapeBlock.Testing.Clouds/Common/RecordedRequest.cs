namespace ShapeBlock.Testing.Clouds;

/// <summary>One request a fake cloud answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/v1/servers/42</c>.</param>
/// <param name="Query">Query string including <c>?</c>, or empty.</param>
/// <param name="Status">Response status code.</param>
/// <param name="At">When the request arrived.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, DateTimeOffset At)
{
    /// <summary>True for POST, PUT, PATCH and DELETE: the calls an unchanged <c>up</c> must not make.</summary>
    public bool IsMutating => Method is "POST" or "PUT" or "PATCH" or "DELETE";
}
