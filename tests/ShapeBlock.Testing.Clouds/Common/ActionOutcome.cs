namespace ShapeBlock.Testing.Clouds;

/// <summary>How a simulated cloud action (server create, delete, …) ends.</summary>
public enum ActionOutcome
{
    /// <summary>Completes successfully after <see cref="FakeCloudOptions.ActionDuration"/>.</summary>
    Succeed,

    /// <summary>Stays running (server stays <c>initializing</c>, droplet stays <c>new</c>) until a test completes or fails it.</summary>
    Hang,

    /// <summary>Ends in error after <see cref="FakeCloudOptions.ActionDuration"/>.</summary>
    Fail,
}
