namespace CapacityConsole.Web.Tests.Infrastructure;

/// <summary>
/// Removes a test host's data folder. A stopped host's last writers (the emulator's final state
/// save, the Data Protection key ring) can still be closing files for a moment, and a recursive
/// delete then fails with "Directory not empty" (seen once as a class-cleanup failure of
/// ConsoleHubTests); a few short retries let them finish before the delete gives up.
/// </summary>
internal static class TempFolder
{
    public static async Task DeleteAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }
}
