namespace ShapeBlock.Packaging.Tests;

/// <summary>The tests that share one run of <c>scripts/pack.sh</c> and one template hive.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagingFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packaging";
}

/// <summary>
/// Packs every packable project once (the documented command, into a folder of its own) and, on first use, installs
/// the packed template pack into an isolated template hive. Everything lives in one temporary folder, deleted at the end:
/// no ShapeBlock package reaches ~/.nuget/packages (a same-version copy there would shadow every later pack) and no
/// template reaches the user's ~/.templateengine.
/// </summary>
public sealed class PackagingFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim hiveLock = new(1, 1);
    private bool hiveInstalled;

    /// <summary>The temporary folder of this run.</summary>
    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "shapeblock-packaging-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Where scripts/pack.sh put the packages.</summary>
    public string PackagesFolder => Path.Combine(WorkRoot, "packages");

    /// <summary>The global packages folder the generated projects restore into.</summary>
    public string RestoreFolder => Path.Combine(WorkRoot, "nuget-packages");

    /// <summary>The template hive (dotnet new --debug:custom-hive) with the packed template pack installed.</summary>
    public string Hive => Path.Combine(WorkRoot, "hive");

    /// <summary>The pack script's run.</summary>
    public ProcessResult Pack { get; private set; } = null!;

    /// <summary>The commit the packages were made from.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>The path of a packed file.</summary>
    /// <param name="id">The package id.</param>
    /// <param name="extension"><c>nupkg</c> or <c>snupkg</c>.</param>
    /// <returns>The path (which may not exist).</returns>
    public string PackageFile(string id, string extension = "nupkg") => Path.Combine(PackagesFolder, $"{id}.{Repository.Version}.{extension}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkRoot);
        Commit = await Repository.HeadCommitAsync();
        Pack = await ChildProcess.RunAsync("bash", ["scripts/pack.sh", PackagesFolder], Repository.Root, TimeSpan.FromMinutes(20));
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("scripts/pack.sh failed: " + Pack);
        }
    }

    /// <summary>Installs the packed template pack into <see cref="Hive"/> (once).</summary>
    /// <returns>A task.</returns>
    public async Task EnsureTemplatesInstalledAsync()
    {
        await hiveLock.WaitAsync();
        try
        {
            if (hiveInstalled)
            {
                return;
            }

            var install = await DotnetNew(["install", PackageFile(ExpectedPackages.Templates)], Hive);
            Assert.True(install.ExitCode == 0, install.ToString());
            hiveInstalled = true;
        }
        finally
        {
            hiveLock.Release();
        }
    }

    /// <summary>Runs <c>dotnet new</c> against a template hive.</summary>
    /// <param name="arguments">The dotnet new arguments.</param>
    /// <param name="hive">The hive folder.</param>
    /// <param name="workingDirectory">Where to run (the work root by default).</param>
    /// <returns>The result.</returns>
    public Task<ProcessResult> DotnetNew(IEnumerable<string> arguments, string hive, string? workingDirectory = null) =>
        ChildProcess.RunAsync("dotnet", ["new", .. arguments, "--debug:custom-hive", hive], workingDirectory ?? WorkRoot, TimeSpan.FromMinutes(3));

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        hiveLock.Dispose();
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing cleanup must not hide the test results.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
