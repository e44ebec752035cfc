using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Controllers;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers;

/// <summary>
/// A Project is a namespace with everything an app needs already in it: the namespace, the copied
/// registry Secret, a build ServiceAccount with its Role and RoleBinding, and the quota and default
/// container resources the project asks for. Deleting the Project deletes the namespace and waits
/// (by watching) until it is gone.
/// </summary>
internal sealed class ProjectReconciler(
    ClusterState state,
    ProjectChildren children,
    PhaseRecorder phases,
    Finalizer finalizer,
    StatusReporter reporter,
    OperatorOptions options,
    ILogger<ProjectReconciler> logger) : IReconciler
{
    public const string RegistrySecretName = "registry-creds";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var project = state.Projects.Cache.Get(key);
        if (project is null)
        {
            return ReconcileResult.Done;
        }

        if (project.Metadata.DeletionTimestamp is not null)
        {
            await FinalizeAsync(project, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        project = await finalizer.AddAsync(Resources.Projects, Codecs.Project, project, Finalizers.Project, cancellationToken).ConfigureAwait(false);
        var ns = project.Metadata.Name;

        await children.EnsureNamespaceAsync(project, cancellationToken).ConfigureAwait(false);
        var source = project.Spec.RegistrySecret ?? RegistrySecretName;
        var problem = await EnsureRegistrySecretAsync(project, source, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            await SetPhaseAsync(project, ProjectPhase.Failed, Reasons.SecretNotFound, problem, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done; // the Secret informer wakes us when it appears
        }

        await children.EnsureBuildServiceAccountAsync(project, ns, cancellationToken).ConfigureAwait(false);
        await children.EnsureQuotaAsync(project, ns, cancellationToken).ConfigureAwait(false);
        await children.EnsureLimitRangeAsync(project, ns, cancellationToken).ConfigureAwait(false);
        await SetPhaseAsync(project, ProjectPhase.Active, Reasons.Reconciled, $"Namespace {ns} is ready", cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task<string?> EnsureRegistrySecretAsync(Project project, string sourceName, CancellationToken cancellationToken)
    {
        var source = await state.FindOperatorSecretAsync(sourceName, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return $"registry Secret {options.OperatorNamespace}/{sourceName} not found: create it with 'kubectl -n {options.OperatorNamespace} create secret docker-registry {sourceName} --docker-server=… --docker-username=… --docker-password=…' or set spec.registrySecret";
        }

        if (source.Type != "kubernetes.io/dockerconfigjson")
        {
            return $"registry Secret {options.OperatorNamespace}/{sourceName} has type '{source.Type}': it must be kubernetes.io/dockerconfigjson (kubectl create secret docker-registry)";
        }

        await children.EnsureSecretCopyAsync(project, source, RegistrySecretName, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task FinalizeAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.Metadata.Finalizers?.Contains(Finalizers.Project) != true)
        {
            return;
        }

        await SetPhaseAsync(project, ProjectPhase.Terminating, Reasons.Deleting, $"Deleting namespace {project.Metadata.Name}", cancellationToken).ConfigureAwait(false);
        var ns = state.Namespaces.Cache.Get(new ObjectKey(null, project.Metadata.Name));
        if (ns is not null)
        {
            if (ns.Metadata.DeletionTimestamp is null)
            {
                await children.DeleteNamespaceAsync(project.Metadata.Name, cancellationToken).ConfigureAwait(false);
            }

            return; // the Namespace informer's delete event brings us back
        }

        await finalizer.RemoveAsync(Resources.Projects, Codecs.Project, project, Finalizers.Project, cancellationToken).ConfigureAwait(false);
        reporter.Deleted(RelayResourceType.Project, project);
        logger.LogInformation("Project {Project}: namespace deleted, finalizer removed", project.Metadata.Name);
    }

    private Task SetPhaseAsync(Project project, ProjectPhase phase, string reason, string message, CancellationToken cancellationToken) =>
        phases.SetAsync<Project, ProjectStatus, ProjectPhase>(
            Resources.Projects,
            Codecs.Project,
            RelayResourceType.Project,
            project,
            phase,
            phase switch { ProjectPhase.Active => PhaseOutcome.Ready, ProjectPhase.Failed => PhaseOutcome.Failed, _ => PhaseOutcome.Progressing },
            reason,
            message,
            s => s.Namespace = project.Metadata.Name,
            cancellationToken);
}
