using Renci.SshNet;
using Renci.SshNet.Security;

namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>
/// One key of an SSH agent as an SSH.NET key source: SSH.NET asks it to sign the login challenge and the agent does.
/// An RSA key is offered with <c>rsa-sha2-512</c> and <c>rsa-sha2-256</c> before the legacy <c>ssh-rsa</c> (which
/// current OpenSSH servers refuse).
/// </summary>
internal sealed class AgentKeySource : IPrivateKeySource
{
    public AgentKeySource(SshAgentClient agent, AgentIdentity identity)
    {
        HostKeyAlgorithms = identity.KeyType == "ssh-rsa"
            ?
            [
                new AgentHostAlgorithm("rsa-sha2-512", agent, identity.Blob, SshAgentClient.RsaSha512),
                new AgentHostAlgorithm("rsa-sha2-256", agent, identity.Blob, SshAgentClient.RsaSha256),
                new AgentHostAlgorithm("ssh-rsa", agent, identity.Blob, 0),
            ]
            : [new AgentHostAlgorithm(identity.KeyType, agent, identity.Blob, 0)];
    }

    /// <inheritdoc />
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>Signs through the agent; the public key blob is what the server checks against authorized_keys.</summary>
    private sealed class AgentHostAlgorithm(string name, SshAgentClient agent, byte[] blob, uint flags) : HostAlgorithm(name)
    {
        public override byte[] Data => blob;

        public override byte[] Sign(byte[] data) => agent.Sign(blob, data, flags);

        // Only host keys are verified, and those never come from the agent.
        public override bool VerifySignature(byte[] data, byte[] signature) => throw new NotSupportedException("An agent key only signs.");
    }
}
