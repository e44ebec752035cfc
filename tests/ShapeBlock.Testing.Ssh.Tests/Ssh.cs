using Renci.SshNet;

namespace ShapeBlock.Testing.Ssh.Tests;

/// <summary>Runs commands with SSH.NET the way a provisioner would.</summary>
internal static class Ssh
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(SshClient client, string command)
    {
        using var cmd = client.CreateCommand(command);
        cmd.CommandTimeout = TimeSpan.FromSeconds(30);
        await cmd.ExecuteAsync();
        return (cmd.ExitStatus ?? -1, cmd.Result, cmd.Error);
    }

    public static async Task<SshClient> ConnectAsync(ShapeBlock.Testing.Ssh.SshHost host, ShapeBlock.Testing.Ssh.SshKeyPair? key = null)
    {
        var client = host.CreateClient(key);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(timeout.Token);
        return client;
    }
}
