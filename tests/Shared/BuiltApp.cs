namespace CapacityConsole.Testing;

/// <summary>
/// Where the solution's build put an app of src/, in the calling test or benchmark's own configuration
/// and framework (linked into each project that starts a console or emulator process).
/// </summary>
internal static class BuiltApp
{
    public static string PathOf(string project, string dll)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        for (var dir = testBin; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", project, "bin", configuration, testBin.Name, dll);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{dll} was not found; build the solution first.");
    }
}
