using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Relay;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Controllers;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers;

/// <summary>
/// A Team becomes one RoleBinding <c>shapeblock-team-&lt;team&gt;</c> per listed project, bound to the
/// ClusterRole <c>shapeblock-&lt;role&gt;</c> the chart ships; bindings of projects no longer listed are removed.
/// </summary>
internal sealed class TeamReconciler(
    KubeRestClient client,
    ClusterState state,
    PhaseRecorder phases,
    Finalizer finalizer,
    StatusReporter reporter) : IReconciler
{
    public static string BindingName(string team) => $"shapeblock-team-{team}";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var team = state.Teams.Cache.Get(key);
        if (team is null)
        {
            return ReconcileResult.Done;
        }

        var name = team.Metadata.Name;
        if (team.Metadata.DeletionTimestamp is not null)
        {
            if (team.Metadata.Finalizers?.Contains(Finalizers.Team) == true)
            {
                foreach (var binding in state.TeamBindings.Cache.ByIndex(ClusterState.ByTeam, name))
                {
                    await DeleteBindingAsync(binding, cancellationToken).ConfigureAwait(false);
                }

                await finalizer.RemoveAsync(Resources.Teams, Codecs.Team, team, Finalizers.Team, cancellationToken).ConfigureAwait(false);
                reporter.Deleted(RelayResourceType.Team, team);
            }

            return ReconcileResult.Done;
        }

        team = await finalizer.AddAsync(Resources.Teams, Codecs.Team, team, Finalizers.Team, cancellationToken).ConfigureAwait(false);
        var wanted = team.Spec.Projects ?? [];
        var missing = new List<string>();
        var bound = new List<string>();
        foreach (var project in wanted)
        {
            if (state.Namespaces.Cache.Get(new ObjectKey(null, project.Name)) is not { Metadata.DeletionTimestamp: null })
            {
                missing.Add(project.Name);
                continue;
            }

            await EnsureBindingAsync(team, project, cancellationToken).ConfigureAwait(false);
            bound.Add(project.Name);
        }

        var listed = wanted.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var binding in state.TeamBindings.Cache.ByIndex(ClusterState.ByTeam, name))
        {
            if (!listed.Contains(binding.Metadata.NamespaceProperty))
            {
                await DeleteBindingAsync(binding, cancellationToken).ConfigureAwait(false);
            }
        }

        var (phase, reason, message) = missing.Count == 0
            ? (TeamPhase.Active, Reasons.Reconciled, $"Bound to {bound.Count} project(s)")
            : (TeamPhase.Failed, Reasons.DependencyNotFound, $"Project(s) not found: {string.Join(", ", missing)}. Create them or remove them from spec.projects; the team is bound to the others.");
        await SetStatusAsync(team, phase, reason, message, bound, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task EnsureBindingAsync(Team team, TeamProject project, CancellationToken cancellationToken)
    {
        var name = BindingName(team.Metadata.Name);
        var role = $"shapeblock-{project.Role.ToString().ToLowerInvariant()}";
        var subjects = (team.Spec.Members ?? []).Select(m => new Rbacv1Subject
        {
            Kind = m.Kind.ToString(),
            Name = m.Name,
            NamespaceProperty = m.Kind == MemberKind.ServiceAccount ? m.Namespace : null,
            ApiGroup = m.Kind == MemberKind.ServiceAccount ? null : "rbac.authorization.k8s.io",
        }).ToList();
        var existing = state.TeamBindings.Cache.Get(new ObjectKey(project.Name, name));
        if (existing is not null && existing.RoleRef.Name == role && SameSubjects(existing.Subjects, subjects))
        {
            return;
        }

        var binding = new V1RoleBinding
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = project.Name,
                Labels = new Dictionary<string, string>
                {
                    [Labels.ManagedBy] = Labels.ManagedByOperator,
                    [Labels.Project] = project.Name,
                    [ClusterState.TeamLabel] = team.Metadata.Name,
                },
                OwnerReferences = [new V1OwnerReference { ApiVersion = team.ApiVersion, Kind = team.Kind, Name = team.Metadata.Name, Uid = team.Metadata.Uid }],
            },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
            Subjects = subjects,
        };

        if (existing is not null && existing.RoleRef.Name != role)
        {
            // roleRef is immutable: re-create the binding.
            await DeleteBindingAsync(existing, cancellationToken).ConfigureAwait(false);
            existing = null;
        }

        if (existing is null)
        {
            try
            {
                await client.CreateAsync(Resources.RoleBindings, Codecs.RoleBinding, binding, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubeApiException e) when (e.IsAlreadyExists || e.IsConflict)
            {
                existing = await client.GetAsync(Resources.RoleBindings, Codecs.RoleBinding, project.Name, name, cancellationToken).ConfigureAwait(false)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"RoleBinding {project.Name}/{name} already existed and is gone now; retrying");
            }
        }

        binding.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        await client.ReplaceAsync(Resources.RoleBindings, Codecs.RoleBinding, binding, status: false, cancellationToken).ConfigureAwait(false);
    }

    private Task DeleteBindingAsync(V1RoleBinding binding, CancellationToken cancellationToken) =>
        client.DeleteAsync(Resources.RoleBindings, binding.Metadata.NamespaceProperty, binding.Metadata.Name, cancellationToken);

    private Task SetStatusAsync(Team team, TeamPhase phase, string reason, string message, List<string> bound, CancellationToken cancellationToken) =>
        phases.SetAsync<Team, TeamStatus, TeamPhase>(
            Resources.Teams,
            Codecs.Team,
            RelayResourceType.Team,
            team,
            phase,
            phase == TeamPhase.Active ? PhaseOutcome.Ready : PhaseOutcome.Failed,
            reason,
            message,
            s => s.BoundProjects = bound,
            cancellationToken);

    private static bool SameSubjects(IList<Rbacv1Subject>? a, List<Rbacv1Subject> b) =>
        a is not null && a.Count == b.Count && a.Zip(b).All(p => p.First.Kind == p.Second.Kind && p.First.Name == p.Second.Name && p.First.NamespaceProperty == p.Second.NamespaceProperty);
}
