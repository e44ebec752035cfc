namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// Types route handlers explicitly: a lambda returning <c>Task&lt;IResult&gt;</c> would otherwise bind to the
/// <c>RequestDelegate</c> overload, which silently discards the result (ASP0016).
/// </summary>
internal static class Handlers
{
    public static Delegate Async(Func<HttpContext, Task<IResult>> handler) => handler;
}
