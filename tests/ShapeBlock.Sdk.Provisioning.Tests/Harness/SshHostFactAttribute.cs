using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>A fact that is skipped, with the reason, where SSH test hosts of the mode cannot be made (no root, no sshd, no netns).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SshHostFactAttribute : FactAttribute
{
    public SshHostFactAttribute(SshHostMode mode = SshHostMode.Namespace)
    {
        if (SshEnvironment.SkipReason(mode) is { } reason)
        {
            Skip = reason;
        }

        Timeout = 120_000;
    }
}
