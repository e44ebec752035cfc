using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Apps.Services;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Reconcilers.Releases;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Controllers;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers.Services;

/// <summary>
/// A Service is a Helm release of a catalog database (pinned chart, small-node values, credentials generated
/// once into <c>&lt;name&gt;-connection</c>) or of any chart. Spec changes are upgrades. Deleting it uninstalls
/// the release; volumes and credentials are kept unless <c>deletionPolicy: Delete</c>.
/// </summary>
internal sealed class ServiceReconciler(
    ClusterState state,
    HelmReleases releases,
    ServiceRenderer renderer,
    KubeRestClient client,
    PhaseRecorder phases,
    EventRecorder events,
    Finalizer finalizer,
    StatusReporter reporter,
    ILogger<ServiceReconciler> logger) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var service = state.Services.Cache.Get(key);
        if (service is null)
        {
            return ReconcileResult.Done;
        }

        if (service.Metadata.DeletionTimestamp is not null)
        {
            await FinalizeAsync(service, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (service.Status?.Phase is null)
        {
            reporter.Report(RelayResourceType.Service, service, nameof(ServicePhase.Pending), "accepted");
        }

        service = await finalizer.AddAsync(Resources.Services, Codecs.Service, service, Finalizers.Service, cancellationToken).ConfigureAwait(false);
        var ns = service.Metadata.NamespaceProperty;
        var name = service.Metadata.Name;
        if (releases.OwnerKindOf(ns, name) is { } owner && owner != "Service")
        {
            await SetPhaseAsync(service, ServicePhase.Failed, PhaseOutcome.Failed, Reasons.InvalidSpec,
                $"the Helm release '{name}' in {ns} belongs to an {owner} of the same name: rename the Service", null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        ServiceRender render;
        try
        {
            render = await RenderAsync(service, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidHelmValuesException or InvalidOperationException)
        {
            await SetPhaseAsync(service, ServicePhase.Failed, PhaseOutcome.Failed, Reasons.InvalidSpec, e.Message, null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        await EnsureSecretAsync(render.Auxiliary, cancellationToken).ConfigureAwait(false);
        var written = await releases.EnsureAsync(render.HelmChart, cancellationToken).ConfigureAwait(false);
        var observed = written
            ? ReleaseState.Installing(service.Status?.Phase is ServicePhase.Deployed ? "upgrading the release" : "installing the release")
            : await releases.ObserveAsync(ns, name, cancellationToken).ConfigureAwait(false);
        var (phase, outcome, reason) = observed.Stage switch
        {
            ReleaseStage.Ready => (ServicePhase.Deployed, PhaseOutcome.Ready, Reasons.Reconciled),
            ReleaseStage.Failed => (ServicePhase.Failed, PhaseOutcome.Failed, Reasons.DeployFailed),
            _ => (ServicePhase.Deploying, PhaseOutcome.Progressing, Reasons.Progressing),
        };
        var message = observed.Stage == ReleaseStage.Ready ? $"{name} is running{(render.Url is { } url ? " at " + url : "")}" : observed.Message;
        await SetPhaseAsync(service, phase, outcome, reason, message, status =>
        {
            status.HelmRelease = name;
            status.Url = render.Url;
            status.ConnectionSecret = render.Connection?.Metadata.Name;
        }, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Renders with the credentials already in the connection Secret, creating it (once) when there is none.</summary>
    private async Task<ServiceRender> RenderAsync(Service service, CancellationToken cancellationToken)
    {
        if (ServiceCatalog.Find(service.Spec.Type) is null)
        {
            return renderer.Render(service, ServiceCredentials.Generate());
        }

        var ns = service.Metadata.NamespaceProperty;
        var connectionName = ServiceBindingEnv.SecretName(service.Metadata.Name);
        var (existing, _) = await state.FindSecretAsync(ns, connectionName, cancellationToken).ConfigureAwait(false);
        if (ServiceRenderer.CredentialsOf(existing) is { } kept)
        {
            var render = renderer.Render(service, kept);
            await EnsureSecretAsync(render.Connection, cancellationToken, existing).ConfigureAwait(false);
            return render;
        }

        var fresh = renderer.Render(service, ServiceCredentials.Generate());
        try
        {
            await client.CreateAsync(Resources.Secrets, Codecs.Secret, fresh.Connection!, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Service {Namespace}/{Service}: generated credentials into Secret {Secret}", ns, service.Metadata.Name, connectionName);
            return fresh;
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            // Another writer (or this one before a restart) got there first: its password is the one.
            var winner = await client.GetAsync(Resources.Secrets, Codecs.Secret, ns, connectionName, cancellationToken).ConfigureAwait(false);
            return renderer.Render(service, ServiceRenderer.CredentialsOf(winner)
                ?? throw new InvalidOperationException($"Secret {ns}/{connectionName} exists without a PASSWORD key: delete it to let the operator generate credentials"));
        }
    }

    /// <summary>Creates a Secret, or updates it when its data or labels differ (never changes the password: it is rendered from the kept one).</summary>
    private async Task EnsureSecretAsync(V1Secret? desired, CancellationToken cancellationToken, V1Secret? known = null)
    {
        if (desired is null)
        {
            return;
        }

        var ns = desired.Metadata.NamespaceProperty;
        var existing = known ?? (await state.FindSecretAsync(ns, desired.Metadata.Name, cancellationToken).ConfigureAwait(false)).Secret;
        if (existing is null)
        {
            try
            {
                await client.CreateAsync(Resources.Secrets, Codecs.Secret, desired, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsAlreadyExists)
            {
                // The cache catches up; the next reconcile compares.
            }

            return;
        }

        if (ObjectComparison.SameData(existing.Data, desired.Data) && ObjectComparison.HasLabels(existing.Metadata, desired.Metadata.Labels))
        {
            return;
        }

        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        await client.ReplaceAsync(Resources.Secrets, Codecs.Secret, desired, status: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task FinalizeAsync(Service service, CancellationToken cancellationToken)
    {
        if (service.Metadata.Finalizers?.Contains(Finalizers.Service) != true)
        {
            return;
        }

        var ns = service.Metadata.NamespaceProperty;
        var name = service.Metadata.Name;
        var chart = releases.OwnerKindOf(ns, name) == "Service" ? releases.Current(ns, name) : null;
        if (chart is not null)
        {
            await SetPhaseAsync(service, ServicePhase.Deleting, PhaseOutcome.Progressing, Reasons.Deleting, "uninstalling the release", null, cancellationToken).ConfigureAwait(false);
            if (chart.Metadata.DeletionTimestamp is null)
            {
                await client.DeleteAsync(Resources.HelmCharts, ns, name, cancellationToken).ConfigureAwait(false);
            }

            return; // the HelmChart informer brings us back once helm-controller has uninstalled
        }

        var secrets = new[] { ServiceBindingEnv.SecretName(name), $"{name}-redis-auth", $"{name}-mongodb-init" };
        if (service.Spec.DeletionPolicy == DeletionPolicy.Delete)
        {
            var claims = await client.ListAsync(Resources.PersistentVolumeClaims, Codecs.PersistentVolumeClaim, ns, $"{Labels.Instance}={name}", 500, null, cancellationToken).ConfigureAwait(false);
            foreach (var claim in claims.Items)
            {
                await client.DeleteAsync(Resources.PersistentVolumeClaims, ns, claim.Metadata.Name, cancellationToken).ConfigureAwait(false);
            }

            foreach (var secret in secrets.Where(s => state.ManagedSecrets.Cache.Get(new ObjectKey(ns, s)) is not null))
            {
                await client.DeleteAsync(Resources.Secrets, ns, secret, cancellationToken).ConfigureAwait(false);
            }

            await events.RecordAsync(service, "Normal", Reasons.Deleting, $"release uninstalled; {claims.Items.Count} volume claim(s) and the credentials deleted (deletionPolicy: Delete)", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await events.RecordAsync(service, "Normal", "Retained",
                $"release uninstalled; its volumes (PersistentVolumeClaims labelled {Labels.Instance}={name}) and Secret {ServiceBindingEnv.SecretName(name)} are kept (deletionPolicy: Retain): a new Service '{name}' finds its data and password again; delete them by hand to free the space",
                cancellationToken).ConfigureAwait(false);
        }

        await finalizer.RemoveAsync(Resources.Services, Codecs.Service, service, Finalizers.Service, cancellationToken).ConfigureAwait(false);
        reporter.Deleted(RelayResourceType.Service, service);
        logger.LogInformation("Service {Namespace}/{Service}: release uninstalled ({Policy}), finalizer removed", ns, name, service.Spec.DeletionPolicy ?? DeletionPolicy.Retain);
    }

    private Task SetPhaseAsync(Service service, ServicePhase phase, PhaseOutcome outcome, string reason, string message, Action<ServiceStatus>? extra, CancellationToken cancellationToken) =>
        phases.SetAsync<Service, ServiceStatus, ServicePhase>(Resources.Services, Codecs.Service, RelayResourceType.Service, service, phase, outcome, reason, message, extra, cancellationToken);
}
