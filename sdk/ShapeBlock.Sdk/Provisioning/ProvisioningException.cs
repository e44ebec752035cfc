namespace ShapeBlock.Sdk.Provisioning;

/// <summary>
/// Provisioning failed. The message names the resource or host and, where there is one, the fix; it never
/// contains a token, a key or a kubeconfig.
/// </summary>
public class ProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, on which resource or host, and the fix.</param>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed, on which resource or host, and the fix.</param>
    /// <param name="innerException">The cause.</param>
    public ProvisioningException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProvisioningException()
    {
    }
}
