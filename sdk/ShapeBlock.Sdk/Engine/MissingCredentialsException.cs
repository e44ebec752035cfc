namespace ShapeBlock.Sdk.Engine;

/// <summary>A credential the command needs cannot be read; the message names the variable or file, never a value.</summary>
public sealed class MissingCredentialsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    public MissingCredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public MissingCredentialsException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public MissingCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
