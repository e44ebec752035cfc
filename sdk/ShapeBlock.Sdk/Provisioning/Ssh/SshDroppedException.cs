namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>The SSH connection broke while a command ran; running <c>up</c> again continues.</summary>
public sealed class SshDroppedException : ProvisioningException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The host and what to do.</param>
    /// <param name="innerException">SSH.NET's error.</param>
    public SshDroppedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SshDroppedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SshDroppedException(string message)
        : base(message)
    {
    }
}
