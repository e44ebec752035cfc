using System.Net.Sockets;
using System.Text;

namespace ShapeBlock.Operator.Health;

/// <summary>
/// The request line of one HTTP/1.x request, read from a socket up to the end of its head
/// (the blank line); a request that is malformed or too large carries the status to answer with.
/// </summary>
/// <param name="Method">The method, e.g. <c>GET</c>.</param>
/// <param name="Path">The path without its query string, e.g. <c>/readyz</c>.</param>
/// <param name="Error">400 or 431 when the request cannot be served; null otherwise.</param>
internal sealed record HealthRequest(string Method, string Path, int? Error = null)
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>Reads a request head of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="client">The connection.</param>
    /// <param name="maxBytes">The size limit of the head.</param>
    /// <param name="cancellationToken">Bounds the time the client may take.</param>
    /// <returns>The request.</returns>
    /// <exception cref="IOException">The client closed the connection before sending a whole head.</exception>
    public static async Task<HealthRequest> ReadAsync(Socket client, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                return new HealthRequest("", "", 431);
            }

            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the client closed the connection before the end of its request");
            }

            // Look for the blank line from a little before the new bytes: it may straddle two reads.
            var from = Math.Max(0, length - (EndOfHead.Length - 1));
            length += read;
            if (buffer.AsSpan(from, length - from).IndexOf(EndOfHead) >= 0)
            {
                return Parse(buffer.AsSpan(0, length));
            }
        }
    }

    /// <summary>Parses the request line of a complete head.</summary>
    /// <param name="head">The head, ending with a blank line.</param>
    /// <returns>The request (<see cref="Error"/> 400 when malformed).</returns>
    internal static HealthRequest Parse(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(end < 0 ? head : head[..end]);
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].StartsWith('/') || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return new HealthRequest("", "", 400);
        }

        var query = parts[1].IndexOf('?', StringComparison.Ordinal);
        return new HealthRequest(parts[0], query < 0 ? parts[1] : parts[1][..query]);
    }
}
