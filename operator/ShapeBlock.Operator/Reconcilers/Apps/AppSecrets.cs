using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Api.V1Alpha1;
using ShapeBlock.Operator.Apps;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Reconcilers.Apps;

/// <summary>A Secret an App needs is missing or unusable.</summary>
/// <param name="Reason">Condition reason.</param>
/// <param name="Message">What is wrong and how to fix it (never a secret value).</param>
/// <param name="Watched">Whether an informer wakes the App when the Secret changes (else it is re-checked on a timer).</param>
internal sealed record SecretProblem(string Reason, string Message, bool Watched, bool Transient = false);

/// <summary>
/// The Secrets of an App: the registry Secret (must exist and be <c>kubernetes.io/dockerconfigjson</c>), a
/// named git Secret, and for a private repository without one the deploy key fetched from the ShapeBlock
/// server into <c>&lt;app&gt;-git-auth</c>.
/// </summary>
internal sealed class AppSecrets(KubeRestClient client, ClusterState state, DeployKeyClient deployKeys, AppsOptions options)
{
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";

    public async Task<SecretProblem?> CheckAsync(App app, CancellationToken cancellationToken)
    {
        var ns = app.Metadata.NamespaceProperty;
        var source = app.Spec.Build.Type != BuildType.Image;
        var registrySecret = app.Spec.Registry?.SecretName ?? (source ? options.Build.DefaultRegistrySecret : null);
        if (registrySecret is not null)
        {
            var (secret, watched) = await state.FindSecretAsync(ns, registrySecret, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                return new SecretProblem(Reasons.SecretNotFound,
                    $"registry Secret {ns}/{registrySecret} not found: the Project copies '{options.Build.DefaultRegistrySecret}' into its namespace; for another name create it with 'kubectl -n {ns} create secret docker-registry {registrySecret} --docker-server=… --docker-username=… --docker-password=…'",
                    watched);
            }

            if (secret.Type != DockerConfigJson)
            {
                return new SecretProblem(Reasons.InvalidSpec, $"registry Secret {ns}/{registrySecret} has type '{secret.Type}': it must be {DockerConfigJson} (kubectl create secret docker-registry)", watched);
            }
        }

        if (BindingProblem(app) is { } binding)
        {
            return binding;
        }

        if (!source || app.Spec.Git is not { } git)
        {
            return null;
        }

        if (git.SecretName is { Length: > 0 } gitSecret)
        {
            var (secret, watched) = await state.FindSecretAsync(ns, gitSecret, cancellationToken).ConfigureAwait(false);
            return secret is null
                ? new SecretProblem(Reasons.SecretNotFound, $"git Secret {ns}/{gitSecret} not found: create a kubernetes.io/ssh-auth (ssh-privatekey) or kubernetes.io/basic-auth (username, password) Secret with that name", watched)
                : null;
        }

        if (git.IsPrivate == true)
        {
            return await EnsureDeployKeyAsync(app, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Platform values of the app's bindings: a pod annotation with the hash of every bound connection Secret,
    /// so new credentials roll the app's pods (env from a Secret is read only at container start).
    /// </summary>
    public JsonObject? BindingValues(App app)
    {
        if (app.Spec.Services is not { Count: > 0 } bindings)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var binding in bindings.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(binding.Name + "\n"));
            var secret = state.ManagedSecrets.Cache.Get(new ObjectKey(app.Metadata.NamespaceProperty, ServiceBindingEnv.SecretName(binding.Name)));
            foreach (var (key, value) in (secret?.Data ?? new Dictionary<string, byte[]>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(key + "="));
                hash.AppendData(value);
                hash.AppendData("\n"u8);
            }
        }

        return new JsonObject
        {
            ["generic"] = new JsonObject
            {
                ["podAnnotations"] = new JsonObject { [BindingsAnnotation] = Convert.ToHexStringLower(hash.GetHashAndReset())[..16] },
            },
        };
    }

    /// <summary>Pod annotation that changes when a bound Service's credentials change.</summary>
    public const string BindingsAnnotation = "shapeblock.io/bindings-hash";

    private SecretProblem? BindingProblem(App app)
    {
        var ns = app.Metadata.NamespaceProperty;
        foreach (var binding in app.Spec.Services ?? [])
        {
            var service = state.Services.Cache.Get(new ObjectKey(ns, binding.Name));
            if (service is null || service.Metadata.DeletionTimestamp is not null)
            {
                return new SecretProblem(Reasons.DependencyNotFound,
                    $"bound Service {ns}/{binding.Name} {(service is null ? "not found" : "is being deleted")}: create it (kind Service, apps.shapeblock.io) or remove it from spec.services", Watched: true);
            }

            if (ShapeBlock.Operator.Apps.Services.ServiceCatalog.Find(service.Spec.Type) is null)
            {
                return new SecretProblem(Reasons.InvalidSpec,
                    $"bound Service {ns}/{binding.Name} deploys a custom chart, which has no connection Secret: bind catalog services (postgres, mysql, redis, mongodb) only", Watched: true);
            }

            if (state.ManagedSecrets.Cache.Get(new ObjectKey(ns, ServiceBindingEnv.SecretName(binding.Name))) is null)
            {
                // The Service exists and writes its Secret first thing: a wait, not a failure (clients such as `up` stop at Failed).
                return new SecretProblem(Reasons.DependencyNotFound, $"waiting for Service {binding.Name}'s connection Secret {ServiceBindingEnv.SecretName(binding.Name)}", Watched: true, Transient: true);
            }
        }

        return null;
    }

    /// <summary>The git credentials of an app's builds (null for a public repository).</summary>
    public async Task<GitCredentials?> GitCredentialsAsync(App app, CancellationToken cancellationToken)
    {
        if (app.Spec.Git is not { } git)
        {
            return null;
        }

        var name = git.SecretName is { Length: > 0 } named ? named : git.IsPrivate == true ? GitCredentials.DeployKeySecretName(app.Metadata.Name) : null;
        if (name is null)
        {
            return null;
        }

        var (secret, _) = await state.FindSecretAsync(app.Metadata.NamespaceProperty, name, cancellationToken).ConfigureAwait(false);
        return secret is null ? null : GitCredentials.FromSecret(name, secret.Type);
    }

    public async Task DeleteDeployKeyAsync(App app, CancellationToken cancellationToken)
    {
        var name = GitCredentials.DeployKeySecretName(app.Metadata.Name);
        if (state.ManagedSecrets.Cache.Get(new ObjectKey(app.Metadata.NamespaceProperty, name)) is not null)
        {
            await client.DeleteAsync(Resources.Secrets, app.Metadata.NamespaceProperty, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SecretProblem?> EnsureDeployKeyAsync(App app, CancellationToken cancellationToken)
    {
        var ns = app.Metadata.NamespaceProperty;
        var name = GitCredentials.DeployKeySecretName(app.Metadata.Name);
        if (state.ManagedSecrets.Cache.Get(new ObjectKey(ns, name)) is not null)
        {
            return null;
        }

        string key;
        try
        {
            key = await deployKeys.FetchAsync(app.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (DeployKeyException e)
        {
            return new SecretProblem(Reasons.GitAuthFailed, e.Message, Watched: false);
        }

        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = ResourceMetadata.AppLabels(app),
                OwnerReferences = [ResourceMetadata.OwnerReference(app)],
            },
            Type = GitCredentials.SshAuthType,
            Data = new Dictionary<string, byte[]> { ["ssh-privatekey"] = Encoding.UTF8.GetBytes(key) },
        };
        try
        {
            await client.CreateAsync(Resources.Secrets, Codecs.Secret, secret, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            // Created before a restart; the cache catches up.
        }

        return null;
    }
}
