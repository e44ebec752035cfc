using System.Threading.Channels;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Wakes the single sender when the outbox changes. Setting never blocks; sets before a wait are
/// remembered (at most one), so a change made between the sender's last check and its wait is not missed.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Wakes the sender, now or at its next wait.</summary>
    public void Set() => _channel.Writer.TryWrite(true);

    /// <summary>Waits until set, then resets.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        _channel.Reader.TryRead(out _);
    }
}
