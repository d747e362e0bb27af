namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Finds the folder for the SQLite file. `dotnet run --project src/Console.Web` starts in the
/// project folder, so "./data" is resolved against the repository root (the folder holding
/// CapacityConsole.sln) when there is one, else against the content root.
/// </summary>
public static class DataDirectory
{
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            if (!Directory.Exists(path))
                throw new StartupException(
                    $"Storage:DataDirectory '{path}' does not exist. Create it, or leave the setting empty to use ./data.");
            EnsureWritable(path);
            return path;
        }

        var root = FindRepositoryRoot(contentRoot) ?? contentRoot;
        var data = Path.Combine(root, "data");
        try { Directory.CreateDirectory(data); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create the data folder '{data}': {e.Message}");
        }
        EnsureWritable(data);
        return data;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CapacityConsole.sln"))) return dir.FullName;
        return null;
    }

    private static void EnsureWritable(string folder)
    {
        var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"The data folder '{folder}' is not writable: {e.Message}");
        }
    }
}
