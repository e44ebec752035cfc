using System.Collections.Concurrent;
using ShapeBlock.Testing.Kubernetes.Logs;
using ShapeBlock.Testing.Kubernetes.Resources;
using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>
/// A controller that stands in for a cluster component. It is driven by an in-process watch on the store
/// (never by polling), handles events one at a time, and writes through <see cref="ObjectApi"/> with the
/// same semantics clients get. Timed steps (scripted delays) run as background tasks.
/// </summary>
public abstract class Simulator : IAsyncDisposable
{
    private readonly ConcurrentBag<Task> background = [];
    private readonly ConcurrentQueue<Exception> errors = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Lock sync = new();
    private StoreWatcher? watcher;
    private Task? loop;

    /// <summary>Creates a simulator.</summary>
    /// <param name="api">The API it reads and writes through.</param>
    /// <param name="logs">Container logs.</param>
    /// <param name="time">The clock for simulated durations.</param>
    protected Simulator(ObjectApi api, PodLogStore logs, TimeProvider time)
    {
        Api = api;
        Logs = logs;
        Time = time;
    }

    /// <summary>Whether the simulator is running.</summary>
    public bool IsEnabled { get; private set; }

    /// <summary>Errors raised while handling events (a test can assert this is empty).</summary>
    public IReadOnlyList<Exception> Errors => [.. errors];

    /// <summary>The API.</summary>
    protected ObjectApi Api { get; }

    /// <summary>Container logs.</summary>
    protected PodLogStore Logs { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Cancelled when the simulator stops.</summary>
    protected CancellationToken Stopping => stop.Token;

    /// <summary>The resource types whose events this simulator handles.</summary>
    protected abstract IReadOnlyCollection<ResourceKey> Watched { get; }

    /// <summary>Starts handling events (existing objects first). Idempotent.</summary>
    public void Enable()
    {
        lock (sync)
        {
            if (IsEnabled)
            {
                return;
            }

            IsEnabled = true;
            var keys = Watched.ToHashSet();
            watcher = Api.Store.Watch(null, null, o => keys.Contains(o.Resource), new WatchStart(null, InitialState: true), capacity: 0, external: false);
            loop = Task.Run(() => RunAsync(watcher));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (watcher is not null)
        {
            Api.Store.Unwatch(watcher);
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Handles one event; must be idempotent (it sees the results of its own writes).</summary>
    /// <param name="e">The event.</param>
    protected abstract void Handle(StoreEvent e);

    /// <summary>Runs timed work in the background; API errors from objects deleted meanwhile end it quietly.</summary>
    /// <param name="work">The work.</param>
    protected void Spawn(Func<CancellationToken, Task> work)
    {
        background.Add(Task.Run(async () =>
        {
            try
            {
                await work(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (ApiException e) when (e.Code is 404 or 409 or 403)
            {
                // The object went away or moved on while we waited; the next event re-drives it.
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }));
    }

    /// <summary>Waits a simulated duration on the server clock.</summary>
    /// <param name="delay">The duration (zero returns at once).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task.</returns>
    protected Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, Time, cancellationToken) : Task.CompletedTask;

    /// <summary>The served resource for a key.</summary>
    /// <param name="group">API group.</param>
    /// <param name="plural">Plural.</param>
    /// <returns>The resource.</returns>
    protected ApiResource Resource(string group, string plural) =>
        Api.Registry.FindByKey(new ResourceKey(group, plural)) ?? throw new InvalidOperationException($"{plural}.{group} is not served");

    private async Task RunAsync(StoreWatcher source)
    {
        try
        {
            await foreach (var e in source.Events.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    Handle(e);
                }
                catch (ApiException ex) when (ex.Code is 404 or 409 or 403)
                {
                    // Raced with another writer; the next event re-drives it.
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
