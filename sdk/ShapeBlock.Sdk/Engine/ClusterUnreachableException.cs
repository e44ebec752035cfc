namespace ShapeBlock.Sdk.Engine;

/// <summary>The Kubernetes API server of a cluster cannot be reached (connection refused, DNS, TLS, timeout).</summary>
public sealed class ClusterUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was tried and what to check (never a credential).</param>
    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public ClusterUnreachableException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was tried and what to check.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
