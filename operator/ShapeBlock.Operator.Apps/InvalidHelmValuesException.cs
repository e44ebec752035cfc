namespace ShapeBlock.Operator.Apps;

/// <summary>User helmValues set something the platform refuses; the message names the key and is fit for <c>status.message</c>.</summary>
public sealed class InvalidHelmValuesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidHelmValuesException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is refused and how to fix it.</param>
    public InvalidHelmValuesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is refused and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidHelmValuesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
