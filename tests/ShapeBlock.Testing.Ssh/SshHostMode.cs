namespace ShapeBlock.Testing.Ssh;

/// <summary>How an SSH test host is reached.</summary>
public enum SshHostMode
{
    /// <summary>sshd on 127.0.0.1 with its own free port.</summary>
    Loopback,

    /// <summary>sshd on port 22 of its own 10.x address inside a network namespace (like a real server).</summary>
    Namespace,
}
