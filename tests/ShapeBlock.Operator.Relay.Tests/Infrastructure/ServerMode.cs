namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>How the test server treats an accepted websocket.</summary>
internal enum ServerMode
{
    /// <summary>Record every message; answer a close.</summary>
    Record,

    /// <summary>Close gracefully right after accepting.</summary>
    CloseImmediately,

    /// <summary>Never read: pings go unanswered, as on a dead peer.</summary>
    NeverRead,
}
