using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>A public key an SSH agent holds.</summary>
/// <param name="Blob">The public key in SSH wire format (what authorized_keys holds, base64-decoded).</param>
/// <param name="Comment">The agent's comment (usually the key file).</param>
internal sealed record AgentIdentity(byte[] Blob, string Comment)
{
    /// <summary>The key type from the blob: <c>ssh-ed25519</c>, <c>ssh-rsa</c>, <c>ecdsa-sha2-nistp256</c>, …</summary>
    public string KeyType => Encoding.ASCII.GetString(SshAgentClient.ReadString(Blob, 0, out _));
}

/// <summary>
/// The client side of the SSH agent protocol (draft-miller-ssh-agent) over the agent's Unix socket: list the keys,
/// ask for a signature. The private keys stay in the agent; nothing here ever sees them. Each call uses its own
/// connection, so one client serves parallel SSH logins.
/// </summary>
/// <param name="socketPath">The agent's socket (<c>SSH_AUTH_SOCK</c>).</param>
internal sealed class SshAgentClient(string socketPath)
{
    /// <summary>Sign with SHA-256 (<c>rsa-sha2-256</c>) for RSA keys.</summary>
    public const uint RsaSha256 = 2;

    /// <summary>Sign with SHA-512 (<c>rsa-sha2-512</c>) for RSA keys.</summary>
    public const uint RsaSha512 = 4;

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const int MaxMessage = 256 * 1024;

    public string SocketPath => socketPath;

    /// <summary>The keys the agent holds.</summary>
    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var answer = Call([RequestIdentities]);
        Expect(answer, IdentitiesAnswer, "list its keys");
        var count = BinaryPrimitives.ReadUInt32BigEndian(answer.AsSpan(1));
        var offset = 5;
        var identities = new List<AgentIdentity>();
        for (var i = 0; i < count; i++)
        {
            var blob = ReadString(answer, offset, out offset);
            var comment = Encoding.UTF8.GetString(ReadString(answer, offset, out offset));
            identities.Add(new AgentIdentity(blob, comment));
        }

        return identities;
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key <paramref name="blob"/>; returns the signature in SSH wire format (algorithm name + signature).</summary>
    public byte[] Sign(byte[] blob, byte[] data, uint flags)
    {
        using var request = new MemoryStream();
        request.WriteByte(SignRequest);
        WriteString(request, blob);
        WriteString(request, data);
        Span<byte> flagBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
        request.Write(flagBytes);
        var answer = Call(request.ToArray());
        Expect(answer, SignResponse, "sign with the key");
        return ReadString(answer, 1, out _);
    }

    internal static byte[] ReadString(byte[] buffer, int offset, out int next)
    {
        if (offset + 4 > buffer.Length)
        {
            throw new SshAgentException("The SSH agent sent a truncated answer.");
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset));
        if (length < 0 || offset + 4 + length > buffer.Length)
        {
            throw new SshAgentException("The SSH agent sent a malformed answer.");
        }

        next = offset + 4 + length;
        return buffer.AsSpan(offset + 4, length).ToArray();
    }

    private static void WriteString(Stream stream, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        stream.Write(length);
        stream.Write(value);
    }

    private static void Expect(byte[] answer, byte type, string what)
    {
        if (answer.Length == 0 || answer[0] == Failure)
        {
            throw new SshAgentException($"The SSH agent refused to {what}.");
        }

        if (answer[0] != type)
        {
            throw new SshAgentException($"The SSH agent answered with message type {answer[0]} (expected {type}) when asked to {what}.");
        }
    }

    private byte[] Call(byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException e)
        {
            throw new SshAgentException($"Cannot reach the SSH agent at {socketPath} ({e.SocketErrorCode}). Fix: start it (eval \"$(ssh-agent)\") and add your key (ssh-add), or set a PrivateKey instead.", e);
        }

        socket.ReceiveTimeout = 30_000;
        socket.SendTimeout = 30_000;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var frame = new byte[4 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)message.Length);
        message.CopyTo(frame, 4);
        stream.Write(frame);

        var header = new byte[4];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length is 0 or > MaxMessage)
        {
            throw new SshAgentException($"The SSH agent at {socketPath} sent a message of {length} bytes.");
        }

        var answer = new byte[length];
        stream.ReadExactly(answer);
        return answer;
    }
}

/// <summary>The SSH agent could not be used; the message says why and what to do.</summary>
internal sealed class SshAgentException : Exception
{
    public SshAgentException(string message)
        : base(message)
    {
    }

    public SshAgentException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
