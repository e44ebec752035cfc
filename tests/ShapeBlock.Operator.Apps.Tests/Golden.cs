namespace ShapeBlock.Operator.Apps.Tests;

/// <summary>
/// Golden files under Golden/. After an intended change, regenerate them with
/// <c>UPDATE_GOLDEN=1 dotnet test tests/ShapeBlock.Operator.Apps.Tests</c> (SHAPEBLOCK_UPDATE_GOLDEN=1, the
/// repository's usual switch, works too) and review the git diff.
/// </summary>
internal static class Golden
{
    public static string Directory { get; } = Path.Combine(FindRoot(), "tests", "ShapeBlock.Operator.Apps.Tests", "Golden");

    public static bool Updating =>
        Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" || Environment.GetEnvironmentVariable("SHAPEBLOCK_UPDATE_GOLDEN") == "1";

    public static void Check(string fileName, string actual)
    {
        var path = Path.Combine(Directory, fileName);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {fileName} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{fileName} differs from the golden file at line {line + 1}:\n  expected: {expectedLines.ElementAtOrDefault(line)}\n  actual:   {actualLines.ElementAtOrDefault(line)}\nIf intended, rerun with UPDATE_GOLDEN=1 and review the git diff.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeBlock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ShapeBlock.sln not found above " + AppContext.BaseDirectory);
    }
}
