namespace ShapeBlock.Sdk.Engine;

/// <summary>A resource did not reach its goal: it failed, or the wait timed out. The message names the resource and what was awaited.</summary>
public sealed class WaitFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The resource, what was awaited and what was last seen.</param>
    public WaitFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public WaitFailedException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WaitFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
