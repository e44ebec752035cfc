using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>Reading what a cloud holds of a cluster, for the diff (no mutating call).</summary>
public sealed partial class ClusterProvisioner
{
    /// <summary>
    /// Lists the cluster's machines and shared resources in its cloud with the lookups <see cref="UpAsync"/> uses to be
    /// idempotent (labels on Hetzner, tags and names on DigitalOcean); null for SSH machines (no cloud).
    /// </summary>
    /// <exception cref="ProvisioningException">The cloud cannot be read (the message names it; no secret in it).</exception>
    internal async Task<CloudInventory?> InspectAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Args.Provider is not (HetznerProvider or DigitalOceanProvider))
        {
            return null;
        }

        var scrubber = new SecretScrubber();
        return await Guard(scrubber, async () =>
        {
            ICloud cloud;
            try
            {
                // With the public key, an account key reused by provisioning is recognised by its fingerprint.
                cloud = CreateCloud(cluster, scrubber, needKey: true);
            }
            catch (ProvisioningException)
            {
                cloud = CreateCloud(cluster, scrubber, needKey: false);
            }

            using (cloud)
            {
                return await ((ICloudInspector)cloud).InspectAsync(cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}
