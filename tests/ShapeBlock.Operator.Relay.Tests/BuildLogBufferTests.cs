using System.Text;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class BuildLogBufferTests
{
    [Fact]
    public void Lines_leave_in_order_once_sent_and_a_failed_send_goes_first_again()
    {
        var buffer = new BuildLogBuffer("b", 1024);
        buffer.Append("one");
        buffer.Append("two");

        Assert.Equal("one", Take(buffer, sent: false));
        Assert.Equal("one", Take(buffer, sent: true));
        Assert.Equal("two", Take(buffer, sent: true));
        Assert.Null(buffer.TryTake());
        Assert.False(buffer.HasPending);
    }

    [Fact]
    public void The_cap_drops_the_oldest_unsent_lines_and_a_marker_takes_their_place()
    {
        var buffer = new BuildLogBuffer("b", 1024);
        for (var i = 0; i < 12; i++)
        {
            buffer.Append(new string((char)('a' + i), 100));
        }

        Assert.Equal(1000, buffer.Bytes);
        Assert.Equal("[shapeblock] 2 log lines (200 bytes) dropped", Take(buffer, sent: true));
        Assert.Equal(new string('c', 100), Take(buffer, sent: true));

        // More drops while a line is in flight: it is not dropped, and a new marker follows it.
        var (text, _, _) = buffer.TryTake()!.Value;
        Assert.Equal(new string('d', 100), text);
        buffer.Append(new string('x', 1000));
        buffer.Complete(sent: false);

        Assert.Equal(new string('d', 100), Take(buffer, sent: true));
        Assert.Equal("[shapeblock] 8 log lines (800 bytes) dropped", Take(buffer, sent: true));
        Assert.Equal(new string('x', 1000), Take(buffer, sent: true));
        Assert.False(buffer.HasPending);
    }

    [Fact]
    public void A_line_longer_than_the_cap_is_truncated_on_a_character_boundary_with_a_note()
    {
        var buffer = new BuildLogBuffer("b", 1024);
        var line = string.Concat(Enumerable.Repeat("é€😀", 300));

        var (lines, bytes, _) = buffer.Append(line);

        var kept = Take(buffer, sent: true)!;
        Assert.Equal(0, lines);
        Assert.True(Encoding.UTF8.GetByteCount(kept) <= 1024);
        Assert.EndsWith($"[shapeblock] line truncated, {bytes} bytes dropped", kept, StringComparison.Ordinal);
        Assert.StartsWith(kept[..kept.IndexOf(" [shapeblock]", StringComparison.Ordinal)], line, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(kept)));
    }

    [Fact]
    public void A_completed_build_is_released_from_the_outbox_once_drained()
    {
        var metrics = new RelayMetrics();
        var outbox = new BuildLogOutbox(1024, metrics);
        outbox.Append("b", "last line");
        outbox.Complete("b");
        Assert.Equal(1, metrics.BufferedBuilds);

        Assert.True(outbox.TryTake(out var item));
        outbox.Complete(item, sent: true);

        Assert.Equal(0, outbox.Count);
        Assert.Equal(0, metrics.BufferedBuilds);
        Assert.Equal(0, metrics.BufferedLogBytes);
    }

    [Fact]
    public void Builds_take_turns()
    {
        var outbox = new BuildLogOutbox(1024, new RelayMetrics());
        outbox.Append("a", "a1");
        outbox.Append("a", "a2");
        outbox.Append("b", "b1");

        var order = new List<string>();
        while (outbox.TryTake(out var item))
        {
            order.Add(item.Text);
            outbox.Complete(item, sent: true);
        }

        Assert.Equal(["a1", "b1", "a2"], order);
    }

    private static string? Take(BuildLogBuffer buffer, bool sent)
    {
        var taken = buffer.TryTake();
        buffer.Complete(sent);
        return taken?.Text;
    }
}
