namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>The SSH host key differs from the one recorded on first use.</summary>
public sealed class HostKeyMismatchException : ProvisioningException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The host, both fingerprints' context and the fix.</param>
    /// <param name="innerException">SSH.NET's error.</param>
    public HostKeyMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HostKeyMismatchException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public HostKeyMismatchException(string message)
        : base(message)
    {
    }
}
