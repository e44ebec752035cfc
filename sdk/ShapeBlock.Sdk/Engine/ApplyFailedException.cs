namespace ShapeBlock.Sdk.Engine;

/// <summary>Applying a step failed; the message names the step and the cause (never a secret value).</summary>
public sealed class ApplyFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The step and the cause.</param>
    public ApplyFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public ApplyFailedException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">The step and the cause.</param>
    /// <param name="innerException">The cause.</param>
    public ApplyFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
