namespace ShapeBlock.Operator.Relay;

/// <summary>The relay's connection to the ShapeBlock server.</summary>
public enum RelayState
{
    /// <summary>No connection; the relay is waiting before its next attempt, or is not running.</summary>
    Disconnected = 0,

    /// <summary>A websocket handshake is under way.</summary>
    Connecting = 1,

    /// <summary>The websocket is open and the outbox is being sent.</summary>
    Connected = 2,
}
